import { isValidatedCustomResource } from '../../../../kubernetes/crd/index.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { objectApiStatus } from '../../api/api-status.js';

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) {
    // Built-in groups are the api/* rules' (removed, not yet available, unknown kind): one verdict.
    if (objectApiStatus(object, ctx.options.kubernetesVersion)?.status !== 'custom') continue;
    // Custom resources whose CRD podwire knows (bundle or shipped) are schema-checked.
    if (isValidatedCustomResource(ctx.objects, object.raw)) continue;
    ctx.report({
      object,
      path: ['kind'],
      message: `No schema for ${String(object.raw.apiVersion)} ${String(object.raw.kind)} (a custom resource?): schema checks skipped`,
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
    'podwire ships the schemas of every built-in kind of each supported Kubernetes release. An object whose API group Kubernetes itself does not serve (a custom resource such as an Istio VirtualService whose CRD podwire does not know) is parsed and used for cross-object checks, but its fields are not checked. Built-in groups never get this finding: a removed, not yet available or unknown built-in kind is an api/* error instead.',
  remediation:
    'Nothing to do for custom resources; include the CustomResourceDefinition in the bundle if you want them checked.',
  references: [
    'https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/',
  ],
  check,
};
