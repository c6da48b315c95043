import { jobNote, metadata, selectorLabels } from './common.js';
import type { RenderContext } from './context.js';
import { appParty, loopScript, peerParty } from './parties.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/**
 * A PersistentVolumeClaim mounted by two workloads: `ReadWriteMany` by default; `ReadWriteOnce`
 * (no RWX driver) attaches to one node, so every pod is required onto the writer's node.
 */
export function renderSharedPvc(ctx: RenderContext): K8sObject[] {
  const claimName = `${ctx.name}-data`;
  const once = ctx.accessMode === 'ReadWriteOnce';
  // The first writer pod matches its own term, which the scheduler allows; the rest follow it.
  const oneNode = once
    ? {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              {
                labelSelector: { matchLabels: selectorLabels(ctx, 'app') },
                topologyKey: 'kubernetes.io/hostname',
              },
            ],
          },
        },
      }
    : undefined;
  const claim: K8sObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(ctx, claimName, 'storage'),
    spec: {
      accessModes: [ctx.accessMode],
      ...(ctx.storageClassName ? { storageClassName: ctx.storageClassName } : {}),
      resources: { requests: { storage: ctx.storage } },
    },
  };
  const mount = { name: 'data', mountPath: ctx.mountPath };
  const env = [{ name: 'DATA_DIR', value: ctx.mountPath }];
  const volume = { name: 'data', persistentVolumeClaim: { claimName } };
  const finite = ctx.workload === 'Job';
  const app = appParty(ctx.app, {
    finite,
    podinfoFlags: [`--data-path=${ctx.mountPath}`],
    mounts: [mount],
    env,
  });
  const peer = peerParty(ctx.peer!, {
    script: loopScript('ls -l "$DATA_DIR"', 60, finite),
    mounts: [mount],
    env,
  });
  const writer = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: [volume, ...app.volumes],
    primaryPort: ctx.app.port !== undefined ? { name: 'http', port: ctx.app.port } : undefined,
    podExtra: oneNode,
    ingress: [],
  });
  const reader = unit(ctx, {
    workloadName: `${ctx.name}-peer`,
    component: 'peer',
    containers: [peer.container],
    volumes: [{ ...volume, persistentVolumeClaim: { claimName } }, ...peer.volumes],
    primaryPort: ctx.peer?.port !== undefined ? { name: 'peer', port: ctx.peer.port } : undefined,
    podExtra: oneNode,
    ingress: [],
  });
  ctx.notes.push(
    once
      ? `The PVC ${claimName} is ReadWriteOnce: it attaches to one node at a time, so every pod of both workloads is required onto the node of the writer's pods (podAffinity on kubernetes.io/hostname). They share that node's capacity and its fate; if the node cannot hold them all, the rest stay Pending. For readers on other nodes use ReadWriteMany storage or object-storage.`
      : `The PVC ${claimName} asks for ReadWriteMany: it needs a storage driver that supports it (NFS, CephFS, a cloud file store)${ctx.storageClassName ? '' : '; set options.storageClassName to such a class unless the default one is'}.`,
    `Both workloads mount it at ${ctx.mountPath} (DATA_DIR); the data outlives the pods. Files carry no notifications: poll, or pair the volume with a message.`,
  );
  if (ctx.networkPolicy)
    ctx.notes.push(
      'The NetworkPolicies admit no ingress: the workloads share data through the volume only.',
    );
  jobNote(ctx);
  return ordered({ claims: [claim], units: [writer, reader] });
}
