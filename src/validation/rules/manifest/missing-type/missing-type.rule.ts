import type { Rule, RuleContext } from '../../../engine/types.js';

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) {
    for (const field of ['apiVersion', 'kind'] as const) {
      const value = object.raw[field];
      if (typeof value === 'string' && value.trim() !== '') continue;
      const present = Object.prototype.hasOwnProperty.call(object.raw, field);
      ctx.report({
        object,
        path: [field],
        at: present ? 'value' : 'key',
        message:
          value === undefined || value === null || value === ''
            ? `Object has no ${field}: Kubernetes cannot tell what it is`
            : `${field} must be a non-empty string, not ${JSON.stringify(value)}`,
      });
    }
  }
}

/** Non-mapping documents and List items are reported by the parser under this id as well. */
export const manifestMissingTypeRule: Rule = {
  id: 'manifest/missing-type',
  title: 'Document without apiVersion or kind',
  severity: 'error',
  category: 'manifest',
  patterns: [],
  description:
    'Every Kubernetes object names its type with `apiVersion` and `kind`. Without them the API server (and every validator) cannot decode the document; a document that is not a mapping at all (a list, a plain string) is reported here too.',
  remediation:
    'Add `apiVersion` and `kind` (e.g. `apiVersion: apps/v1`, `kind: Deployment`), or delete the stray document.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields',
  ],
  check,
};
