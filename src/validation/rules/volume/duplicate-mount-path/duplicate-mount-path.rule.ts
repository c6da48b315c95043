import type { Rule, RuleContext } from '../../../engine/types.js';
import type { MountInfo } from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';

const normalise = (path: string): string => path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const seen = new Map<string, MountInfo>();
      for (const mount of container.mounts) {
        if (mount.mountPath === '') continue;
        const key = normalise(mount.mountPath);
        const first = seen.get(key);
        if (!first) {
          seen.set(key, mount);
          continue;
        }
        ctx.report({
          object: pod.object,
          path: [...mount.path, 'mountPath'],
          message: `${describeContainer(container)} mounts both volume "${first.name}" and volume "${mount.name}" at ${key}: ${
            first.mountPath === mount.mountPath
              ? 'the API server rejects the pod'
              : 'the API server compares the paths literally and accepts them, but the second mount hides the first'
          }`,
          related: [
            {
              object: pod.object,
              path: [...first.path, 'mountPath'],
              message: `volume "${first.name}" mounted here first`,
            },
          ],
        });
      }
    }
  }
}

export const volumeDuplicateMountPathRule: Rule = {
  id: 'volume/duplicate-mount-path',
  title: 'Two mounts at the same path in one container',
  severity: 'error',
  category: 'volume',
  patterns: [],
  description:
    'mountPath must be unique within a container; the API server rejects two mounts at the same path.',
  remediation:
    'Mount the second volume elsewhere, or use subPath to place files of one volume inside the other path.',
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath'],
  check,
};
