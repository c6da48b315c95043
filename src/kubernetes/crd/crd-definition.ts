import type { CustomResourceVersion, StructuralSchema } from './structural-schema.js';

export const CRD_API_VERSION = 'apiextensions.k8s.io/v1';

/** True for an apiextensions.k8s.io/v1 CustomResourceDefinition object. */
export function isCrd(raw: Record<string, unknown>): boolean {
  return raw.apiVersion === CRD_API_VERSION && raw.kind === 'CustomResourceDefinition';
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The served versions a CRD object defines, each with its schema; empty when the object is not a
 * usable CRD (its own problems are crd/invalid-schema's and the schema rules' to report).
 */
export function crdVersions(raw: Record<string, unknown>): CustomResourceVersion[] {
  if (!isCrd(raw)) return [];
  const spec = record(raw.spec);
  const group = spec?.group;
  const kind = record(spec?.names)?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec?.versions))
    return [];
  const namespaced = spec.scope !== 'Cluster';
  const out: CustomResourceVersion[] = [];
  for (const entry of spec.versions) {
    const version = record(entry);
    const schema = record(record(version?.schema)?.openAPIV3Schema);
    if (!version || version.served !== true || typeof version.name !== 'string' || !schema)
      continue;
    out.push({
      group,
      kind,
      version: version.name,
      namespaced,
      schema: schema as StructuralSchema,
      statusSubresource: record(version.subresources)?.status !== undefined,
    });
  }
  return out;
}

/** `group/version`, as a custom resource's apiVersion names it. */
export function apiVersionOf(version: Pick<CustomResourceVersion, 'group' | 'version'>): string {
  return `${version.group}/${version.version}`;
}
