import { BadRequestError } from '../../common/errors.js';
import { jobNote } from './common.js';
import type { ContainerPlan, RenderContext } from './context.js';
import { appParty, loopScript, peerParty } from './parties.js';
import { addBytes, quantityValue } from './quantity.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/**
 * A tmpfs counts against the memory limit of the container writing to it: a caller's limit must
 * leave room for the volume, and podwire's default limit grows by the volume's size.
 */
function withRoomFor(plan: ContainerPlan, sizeLimit: string): ContainerPlan {
  if (plan.memoryLimitGiven) {
    if (quantityValue(plan.resources.limits.memory) <= quantityValue(sizeLimit)) {
      const field = `${plan.field}.resources.limits.memory`;
      throw new BadRequestError(`Invalid request: ${field}.`, [
        {
          field,
          message: `must be larger than options.sizeLimit (${sizeLimit}): files in a memory-backed emptyDir count against the memory limit of the container that writes them`,
        },
      ]);
    }
    return plan;
  }
  const limits = {
    ...plan.resources.limits,
    memory: addBytes(plan.resources.limits.memory, sizeLimit),
  };
  return { ...plan, resources: { ...plan.resources, limits } };
}

/** Both parties of one pod mount one `emptyDir` (disk or memory) at the same path. */
export function renderSharedVolume(ctx: RenderContext, medium: 'disk' | 'memory'): K8sObject[] {
  const memory = medium === 'memory';
  const mount = { name: 'shared', mountPath: ctx.mountPath };
  const env = [{ name: 'SHARED_DIR', value: ctx.mountPath }];
  const appPlan = memory ? withRoomFor(ctx.app, ctx.sizeLimit) : ctx.app;
  const peerPlan = memory ? withRoomFor(ctx.peer!, ctx.sizeLimit) : ctx.peer!;
  const finite = ctx.workload === 'Job';
  const app = appParty(appPlan, {
    finite,
    podinfoFlags: [`--data-path=${ctx.mountPath}`],
    mounts: [mount],
    env,
  });
  const peer = peerParty(peerPlan, {
    script: loopScript('ls -l "$SHARED_DIR"', 30, finite),
    mounts: [mount],
    env,
  });
  const shared = {
    name: 'shared',
    emptyDir: memory
      ? { medium: 'Memory', sizeLimit: ctx.sizeLimit }
      : { sizeLimit: ctx.sizeLimit },
  };
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container, peer.container],
    volumes: [shared, ...app.volumes, ...peer.volumes],
    ingress: [],
  });
  ctx.notes.push(
    `Both containers mount the emptyDir "shared" at ${ctx.mountPath} (SHARED_DIR). It lives as long as the pod: files are lost when the pod is deleted or evicted.`,
    'A volume has no notifications: agree on a protocol (write to a temporary name, then rename) so the reader never sees half-written files.',
  );
  if (memory) {
    ctx.notes.push(
      `medium: Memory is a tmpfs limited to ${ctx.sizeLimit}; its files count against the memory limit of the container that writes them, so each container's limit includes that size, and they are cleared on node reboot.`,
    );
  } else {
    ctx.notes.push(
      `The volume uses the node's ephemeral storage; exceeding sizeLimit ${ctx.sizeLimit} evicts the pod.`,
    );
  }
  if (ctx.networkPolicy)
    ctx.notes.push('The NetworkPolicy admits no ingress: the parties talk through files only.');
  jobNote(ctx);
  return ordered({ units: [pods] });
}
