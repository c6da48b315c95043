import { jobNote } from './common.js';
import type { RenderContext } from './context.js';
import { appParty, loopScript, peerParty } from './parties.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/** Two containers of one pod talking over loopback; the server binds 127.0.0.1. */
export function renderPodLocalhost(ctx: RenderContext): K8sObject[] {
  const port = ctx.app.port ?? 80;
  const url = `http://127.0.0.1:${port}`;
  const finite = ctx.workload === 'Job';
  const app = appParty(ctx.app, { loopbackOnly: true, finite });
  const peer = peerParty(ctx.peer!, {
    script: loopScript(
      'wget -q -O /dev/null "$APP_URL/" || echo "app not answering at $APP_URL"',
      10,
      finite,
    ),
    env: [{ name: 'APP_URL', value: url }],
  });
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container, peer.container],
    volumes: [...app.volumes, ...peer.volumes],
    ingress: [],
  });
  ctx.notes.push(
    `The peer reaches the app at ${url} (APP_URL). Use 127.0.0.1, not localhost, which may resolve to ::1.`,
    ctx.app.defaultImage
      ? 'The app binds 127.0.0.1 only, so nothing outside the pod can reach it; its probes run inside the container for the same reason.'
      : 'Bind the app to 127.0.0.1 so nothing outside the pod reaches it; the kubelet probes the pod IP, so a loopback-only server needs exec probes instead of the rendered TCP probes.',
  );
  if (ctx.networkPolicy)
    ctx.notes.push(
      'The NetworkPolicy admits no ingress at all: the pod has no callers outside itself.',
    );
  jobNote(ctx);
  return ordered({ units: [pods] });
}
