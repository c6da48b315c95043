import type { Rule, RuleContext } from '../../../engine/types.js';
import { objectApiStatus } from '../api-status.js';

function check(ctx: RuleContext): void {
  const release = ctx.options.kubernetesVersion;
  for (const object of ctx.objects) {
    const status = objectApiStatus(object, release);
    const apiVersion = String(object.raw.apiVersion);
    const kind = String(object.raw.kind);
    const group = status && 'group' in status ? status.group || 'core' : '';
    if (status?.status === 'unknown-kind') {
      ctx.report({
        object,
        path: ['kind'],
        message:
          `the built-in API group ${group} has no kind ${JSON.stringify(kind)} in Kubernetes ${release}` +
          (status.suggestion
            ? `; did you mean ${JSON.stringify(status.suggestion)}?`
            : status.servedElsewhere.length > 0
              ? `; ${kind} is served as ${status.servedElsewhere.join(' or ')}`
              : ''),
        // Safe only when the kind differs in case alone (DESIGN §11); other near names may be
        // a different kind altogether.
        fix:
          status.suggestion && status.suggestion.toLowerCase() === kind.toLowerCase()
            ? {
                description: `Change kind ${JSON.stringify(kind)} to ${JSON.stringify(status.suggestion)}`,
                safety: 'safe',
                edits: [{ set: ['kind'], value: status.suggestion }],
              }
            : undefined,
      });
    } else if (status?.status === 'unknown-version') {
      ctx.report({
        object,
        path: ['apiVersion'],
        message:
          `Kubernetes ${release} does not serve ${kind} as ${apiVersion}` +
          (status.servedAs.length > 0
            ? `; use ${status.servedAs.join(' or ')}`
            : ` (the group ${group} serves no version of it in ${release})`),
      });
    }
  }
}

export const apiUnknownKindRule: Rule = {
  id: 'api/unknown-kind',
  title: 'Kind or version a built-in API group does not have',
  severity: 'error',
  category: 'api',
  patterns: [],
  description:
    'The apiVersion names an API group Kubernetes itself serves (core `v1`, `apps`, `batch`, `networking.k8s.io` and every other built-in group of the target release) but that group has no such kind, or no such version of the kind: usually a typo or the wrong case (`kind: configmap` for `ConfigMap`). The API server rejects it; unlike a custom resource it cannot be defined by a CRD.',
  remediation:
    'Use the kind (exact case) or apiVersion the message suggests; `kubectl api-resources` lists what a cluster serves.',
  references: [
    'https://kubernetes.io/docs/reference/using-api/#api-groups',
    'https://kubernetes.io/docs/reference/kubernetes-api/',
  ],
  check,
};
