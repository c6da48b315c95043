import type { ManifestObject, RuleContext } from '../engine/types.js';
import type { PodTemplate } from './bundle-model.types.js';
import { modelOf, namespaceOf } from './bundle-model.js';
import { asArray, asRecord, asString } from './json.js';

/**
 * Pods of the bundle that may create Secrets at run time: their ServiceAccount is granted `create`
 * on `secrets` by a Role or ClusterRole of the bundle, bound by a RoleBinding (in the Secret's
 * namespace) or a ClusterRoleBinding (https://kubernetes.io/docs/reference/access-authn-authz/rbac/).
 * Contour's certgen Job writes the `envoycert` Secret this way. Such a Secret is not missing for
 * sure: the finding says who may make it, at info.
 */
export interface SecretCreator {
  pod: PodTemplate;
  /** The Role or ClusterRole that grants `create` on secrets. */
  role: ManifestObject;
}

const kindOf = (o: ManifestObject): string | undefined => o.ref.kind ?? asString(o.raw.kind);
const nameOf = (o: ManifestObject): string | undefined => asString(asRecord(o.raw.metadata)?.name);
const has = (list: unknown, ...wanted: string[]): boolean =>
  asArray(list).some((item) => typeof item === 'string' && wanted.includes(item));

/** A PolicyRule list that allows `create` on core `secrets`. */
function grantsSecretCreate(role: ManifestObject): boolean {
  return asArray(role.raw.rules).some((item) => {
    const rule = asRecord(item);
    return (
      rule !== undefined &&
      has(rule.apiGroups, '', '*') &&
      has(rule.resources, 'secrets', '*') &&
      has(rule.verbs, 'create', '*')
    );
  });
}

function serviceAccountOf(pod: PodTemplate): string {
  return asString(pod.spec.serviceAccountName) ?? asString(pod.spec.serviceAccount) ?? 'default';
}

const cache = new WeakMap<readonly ManifestObject[], Map<string, SecretCreator[]>>();

/** The pods that may create Secrets in `namespace`, with the role that allows it. */
export function secretCreatorsIn(ctx: RuleContext, namespace: string): SecretCreator[] {
  let byNamespace = cache.get(ctx.objects);
  if (!byNamespace) {
    byNamespace = new Map();
    cache.set(ctx.objects, byNamespace);
  }
  const known = byNamespace.get(namespace);
  if (known) return known;
  const found: SecretCreator[] = [];
  const pods = modelOf(ctx).pods;
  for (const binding of ctx.objects) {
    const kind = kindOf(binding);
    if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') continue;
    const bindingNamespace = namespaceOf(binding);
    // A RoleBinding grants only in its own namespace; a ClusterRoleBinding in every namespace.
    if (kind === 'RoleBinding' && bindingNamespace !== namespace) continue;
    const ref = asRecord(binding.raw.roleRef);
    const roleKind = asString(ref?.kind);
    const roleName = asString(ref?.name);
    if (roleName === undefined || (roleKind !== 'Role' && roleKind !== 'ClusterRole')) continue;
    if (kind === 'ClusterRoleBinding' && roleKind !== 'ClusterRole') continue;
    const role = ctx.objects.find(
      (o) =>
        kindOf(o) === roleKind &&
        nameOf(o) === roleName &&
        (roleKind === 'ClusterRole' || namespaceOf(o) === bindingNamespace),
    );
    if (!role || !grantsSecretCreate(role)) continue;
    for (const item of asArray(binding.raw.subjects)) {
      const subject = asRecord(item);
      if (asString(subject?.kind) !== 'ServiceAccount') continue;
      const account = asString(subject?.name);
      const accountNamespace = asString(subject?.namespace) ?? bindingNamespace;
      for (const pod of pods) {
        if (pod.namespace !== accountNamespace || serviceAccountOf(pod) !== account) continue;
        if (!found.some((c) => c.pod === pod)) found.push({ pod, role });
      }
    }
  }
  byNamespace.set(namespace, found);
  return found;
}
