import { posix } from 'node:path';
import { jobNote } from './common.js';
import type { RenderContext } from './context.js';
import { appParty, loopScript, peerParty } from './parties.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

/** A Unix domain socket in an `emptyDir` both containers mount. */
export function renderUnixSocket(ctx: RenderContext): K8sObject[] {
  const dir = posix.dirname(ctx.socketPath);
  const mount = { name: 'socket', mountPath: dir };
  const env = [{ name: 'SOCKET_PATH', value: ctx.socketPath }];
  const finite = ctx.workload === 'Job';
  const app = appParty(ctx.app, { mounts: [mount], env, finite });
  const peer = peerParty(ctx.peer!, {
    script: loopScript(
      'if [ -S "$SOCKET_PATH" ]; then echo "socket ready: $SOCKET_PATH"; else echo "waiting for $SOCKET_PATH"; fi',
      30,
      finite,
    ),
    mounts: [mount],
    env,
  });
  // A socket file holds no data; the limit only stops the directory being misused for files.
  const socketVolume = { name: 'socket', emptyDir: { sizeLimit: '1Mi' } };
  const pods = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container, peer.container],
    volumes: [socketVolume, ...app.volumes, ...peer.volumes],
    ingress: [],
  });
  ctx.notes.push(
    `The app creates the socket at ${ctx.socketPath} (SOCKET_PATH) in the emptyDir "socket" mounted at ${dir} in both containers; the peer connects to it. No TCP port carries this traffic, so nothing outside the pod can reach it.`,
    'Both containers run as uid/gid 10001, so a socket created with mode 0660 is usable by both and by nobody else.',
  );
  if (ctx.app.defaultImage) {
    ctx.notes.push(
      'The default app image only stands in for yours: it serves HTTP on its port (kept for probes), not on the socket.',
    );
  }
  jobNote(ctx);
  return ordered({ units: [pods] });
}
