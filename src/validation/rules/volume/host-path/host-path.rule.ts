import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describePod } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';

/** Host paths that hand the node to the pod: its root, configuration, kernel interfaces, runtime socket. */
const SENSITIVE = new Set([
  '/',
  '/etc',
  '/proc',
  '/sys',
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
]);

const normalise = (path: string): string => {
  const clean = path.replace(/\/+/g, '/');
  return clean.length > 1 ? clean.replace(/\/$/, '') : clean;
};

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const volume of pod.volumes) {
      if (volume.source !== 'hostPath') continue;
      const hostPath = asRecord(volume.raw.hostPath);
      const raw = hostPath?.path;
      const path = typeof raw === 'string' ? normalise(raw) : undefined;
      const sensitive = path !== undefined && SENSITIVE.has(path);
      const writers = volume.mounts.filter((m) => !m.readOnly).map((m) => `"${m.container.name}"`);
      // A node agent (one pod per node by design) reading node files it cannot change: the one
      // legitimate hostPath, as kube-linter's defaults also judge (sensitive paths and writable
      // mounts only). Reported at info so the mount stays visible.
      if (
        !sensitive &&
        pod.kind === 'DaemonSet' &&
        writers.length === 0 &&
        volume.mounts.length > 0
      ) {
        ctx.report({
          object: pod.object,
          path:
            typeof raw === 'string'
              ? [...volume.path, 'hostPath', 'path']
              : [...volume.path, 'hostPath'],
          severity: 'info',
          message: `volume "${volume.name}" of ${describePod(pod)} mounts host path ${path ?? '(no path)'} read-only: a node agent reading the node's files (hostPath is outside Pod Security baseline, so its namespace must allow it)`,
        });
        continue;
      }
      ctx.report({
        object: pod.object,
        path:
          typeof raw === 'string'
            ? [...volume.path, 'hostPath', 'path']
            : [...volume.path, 'hostPath'],
        severity: sensitive ? 'error' : undefined,
        message: sensitive
          ? `volume "${volume.name}" of ${describePod(pod)} mounts the node's ${path}: whoever controls the container controls the node`
          : `volume "${volume.name}" of ${describePod(pod)} mounts host path ${path ?? '(no path)'}: the pod is tied to the node's filesystem` +
            (writers.length > 0
              ? ` and ${writers.length === 1 ? 'container' : 'containers'} ${writers.join(', ')} can write to it`
              : ''),
      });
    }
  }
}

export const volumeHostPathRule: Rule = {
  id: 'volume/host-path',
  title: 'hostPath volume',
  severity: 'warning',
  category: 'volume',
  patterns: [],
  description:
    "A hostPath volume exposes the node's filesystem to the pod: data stays on whichever node the pod ran, and a writable mount lets the container change the node. Mounting /, /etc, /proc, /sys or the container runtime socket (/var/run/docker.sock) is an error: it amounts to root on the node. A DaemonSet that mounts another host path only read-only (a node agent reading /var/log, the node-agent pattern) is reported as info: running on every node is its purpose, and it cannot change the node through the mount.",
  remediation:
    'Use an emptyDir to share files inside the pod, a PersistentVolumeClaim for durable data, or a ConfigMap/Secret for configuration.',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  check,
};
