import { isValidatedCustomResource } from '../../../../kubernetes/crd/index.js';
import { apiVersionsForKind, hasSchema } from '../../../engine/schema/index.js';
import type { Rule, RuleContext } from '../../../engine/types.js';

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) {
    const { apiVersion, kind } = object.raw;
    if (
      typeof apiVersion !== 'string' ||
      typeof kind !== 'string' ||
      apiVersion === '' ||
      kind === ''
    )
      continue;
    if (hasSchema(apiVersion, kind) || isValidatedCustomResource(ctx.objects, object.raw)) continue;
    const known = apiVersionsForKind(kind);
    ctx.report({
      object,
      path: known.length > 0 ? ['apiVersion'] : ['kind'],
      message:
        known.length > 0
          ? `${kind} is not served as ${apiVersion} by Kubernetes ${ctx.options.kubernetesVersion} (known: ${known.join(', ')}): schema checks skipped`
          : `No schema for ${apiVersion} ${kind} (a custom resource?): schema checks skipped`,
    });
  }
}

export const manifestUnknownKindRule: Rule = {
  id: 'manifest/unknown-kind',
  title: 'Kind without a schema: schema checks skipped',
  severity: 'info',
  category: 'manifest',
  patterns: [],
  description:
    'podwire ships the schemas of the built-in Kubernetes kinds. Objects of other kinds (custom resources such as an Istio VirtualService, or a built-in kind under an apiVersion that is no longer served) are parsed and used for cross-object checks, but their fields are not checked.',
  remediation:
    'Nothing to do for custom resources. For a built-in kind, use an apiVersion the cluster serves (e.g. `apps/v1` for Deployment instead of `extensions/v1beta1`).',
  references: [
    'https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/',
    'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
  ],
  check,
};
