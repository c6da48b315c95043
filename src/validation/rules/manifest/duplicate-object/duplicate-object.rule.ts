import type { ManifestObject, Rule, RuleContext } from '../../../engine/types.js';

function check(ctx: RuleContext): void {
  const first = new Map<string, ManifestObject>();
  for (const object of ctx.objects) {
    if (!object.ref.kind || !object.ref.name) continue;
    const earlier = first.get(object.key);
    if (!earlier) {
      first.set(object.key, object);
      continue;
    }
    const namespace = object.ref.namespace ? ` in namespace ${object.ref.namespace}` : '';
    ctx.report({
      object,
      path: ['metadata', 'name'],
      message: `${object.ref.kind} "${object.ref.name}"${namespace} is defined twice (first in document ${earlier.ref.documentIndex + 1}, line ${earlier.line}): the later one silently replaces the first on apply`,
      related: [{ object: earlier, path: ['metadata', 'name'], message: 'first definition' }],
    });
  }
}

export const manifestDuplicateObjectRule: Rule = {
  id: 'manifest/duplicate-object',
  title: 'Two objects with the same group, kind, namespace and name',
  severity: 'error',
  category: 'manifest',
  patterns: [],
  description:
    'Objects are identified by API group, kind, namespace and name. Two definitions of the same object in one bundle mean that `kubectl apply` writes one over the other, so one of them never takes effect. A missing namespace counts as `default` for namespaced kinds.',
  remediation: 'Delete one of the copies, or give them different names (or namespaces).',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/names/'],
  check,
};
