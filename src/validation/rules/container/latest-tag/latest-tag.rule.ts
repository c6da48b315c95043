import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';

/** The tag of an image reference: undefined when untagged, null when pinned by digest. */
export function imageTag(image: string): string | undefined | null {
  if (image.includes('@')) return null;
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  // A colon before the last slash belongs to a registry host:port (registry:5000/app).
  return colon > lastSlash ? image.slice(colon + 1) : undefined;
}

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      const image = container.image?.trim();
      if (!image) continue;
      const tag = imageTag(image);
      if (tag === null || (tag !== undefined && tag !== 'latest' && tag !== '')) continue;
      ctx.report({
        object: pod.object,
        path: [...container.path, 'image'],
        message:
          tag === undefined || tag === ''
            ? `image "${image}" of ${describeContainer(container)} has no tag, so it means :latest: pin a version or a digest`
            : `image "${image}" of ${describeContainer(container)} uses the :latest tag: pin a version or a digest`,
      });
    }
  }
}

export const containerLatestTagRule: Rule = {
  id: 'container/latest-tag',
  title: 'Image without a pinned tag',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    'An image without a tag, or tagged :latest, can change under a running workload: two replicas may run different code, rollbacks do not roll back, and imagePullPolicy defaults to Always. A version tag or a digest makes the deployment reproducible.',
  remediation: 'Use an explicit version tag (nginx:1.27.3) or a digest (nginx@sha256:…).',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-names'],
  check,
};
