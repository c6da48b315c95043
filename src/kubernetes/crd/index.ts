import { checkCrdSchema, type CrdSchemaIssue } from './check-crd-schema.js';
import { apiVersionOf, crdVersions, isCrd } from './crd-definition.js';
import { shippedVersion } from './shipped-crds.js';
import type { CustomResourceVersion } from './structural-schema.js';
import { validateCustomResource, type CustomResourceIssue } from './validate-custom-resource.js';

export type { CrdSchemaIssue } from './check-crd-schema.js';
export type { CustomResourceIssue, CustomResourceIssueKind } from './validate-custom-resource.js';
export { shippedCrds, type ShippedCrd } from './shipped-crds.js';
export { isCrd } from './crd-definition.js';

/** What this module needs of a bundle's objects (the validation engine's ManifestObject fits). */
export interface BundleObject {
  readonly raw: Record<string, unknown>;
}

const bundles = new WeakMap<readonly BundleObject[], Map<string, CustomResourceVersion>>();
/** Per bundle: the issues of a custom resource follow from the bundle's CRDs, not the object alone. */
const crIssues = new WeakMap<
  readonly BundleObject[],
  WeakMap<object, readonly CustomResourceIssue[]>
>();
const crdIssues = new WeakMap<object, readonly CrdSchemaIssue[]>();

/** The schema issues of a CRD object (memoised: crd/invalid-schema and the bundle catalog share it). */
export function crdSchemaIssues(raw: Record<string, unknown>): readonly CrdSchemaIssue[] {
  let issues = crdIssues.get(raw);
  if (!issues) {
    issues = isCrd(raw) ? Object.freeze(checkCrdSchema(raw)) : [];
    crdIssues.set(raw, issues);
  }
  return issues;
}

/**
 * `apiVersion kind` → served version, from the bundle's CRDs. A CRD whose schema the API server
 * would refuse defines nothing (its resources stay unknown, as on a cluster that refused it).
 */
function bundleVersions(objects: readonly BundleObject[]): Map<string, CustomResourceVersion> {
  let versions = bundles.get(objects);
  if (versions) return versions;
  versions = new Map();
  for (const object of objects) {
    if (!isCrd(object.raw) || crdSchemaIssues(object.raw).length > 0) continue;
    for (const version of crdVersions(object.raw))
      versions.set(`${apiVersionOf(version)} ${version.kind}`, version);
  }
  bundles.set(objects, versions);
  return versions;
}

/** The schema a custom resource validates against: its CRD in the bundle, else a shipped one. */
export function customResourceVersion(
  objects: readonly BundleObject[],
  raw: Record<string, unknown>,
): CustomResourceVersion | undefined {
  const { apiVersion, kind } = raw;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const key = `${apiVersion} ${kind}`;
  return bundleVersions(objects).get(key) ?? shippedVersion(apiVersion, kind);
}

/**
 * True when podwire validates this object as a custom resource (a CRD in the bundle or a shipped
 * one defines its apiVersion and kind): manifest/unknown-kind then stays silent.
 */
export function isValidatedCustomResource(
  objects: readonly BundleObject[],
  raw: Record<string, unknown>,
): boolean {
  return customResourceVersion(objects, raw) !== undefined;
}

/** The custom-resource issues of one object (none when no CRD defines it), computed once. */
export function customResourceIssues(
  objects: readonly BundleObject[],
  raw: Record<string, unknown>,
): readonly CustomResourceIssue[] {
  let byObject = crIssues.get(objects);
  if (!byObject) crIssues.set(objects, (byObject = new WeakMap()));
  let issues = byObject.get(raw);
  if (issues) return issues;
  const version = customResourceVersion(objects, raw);
  issues = version ? Object.freeze(safely(version, raw)) : [];
  byObject.set(raw, issues);
  return issues;
}

/**
 * The validation, with a last line of defence: a schema shape the CRD check let through must cost
 * the user one info finding, never the whole validation.
 */
function safely(
  version: CustomResourceVersion,
  raw: Record<string, unknown>,
): CustomResourceIssue[] {
  try {
    return validateCustomResource(version, raw);
  } catch (error) {
    return [
      {
        kind: 'unsupported',
        path: ['kind'],
        message: `custom resource not validated against its CRD: ${error instanceof Error ? error.message : String(error)}`,
      },
    ];
  }
}
