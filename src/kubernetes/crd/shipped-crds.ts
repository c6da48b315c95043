import { readFileSync } from 'node:fs';
import type { CustomResourceVersion, StructuralSchema } from './structural-schema.js';

/** The shape of shipped.crds.json (written by vendor-crds.mjs). */
interface ShippedFile {
  crds: {
    project: string;
    release: string;
    group: string;
    kind: string;
    namespaced: boolean;
    versions: { name: string; schema: number; status: boolean }[];
  }[];
  schemas: StructuralSchema[];
}

/** A CRD podwire ships, as GET /v1/custom-resources lists it. */
export interface ShippedCrd {
  group: string;
  kind: string;
  versions: string[];
  project: string;
  release: string;
}

interface Shipped {
  list: ShippedCrd[];
  /** `apiVersion kind` → version. */
  byType: Map<string, CustomResourceVersion>;
}

let shipped: Shipped | undefined;

/** Loaded on first use: services that never see a custom resource do not pay for it. */
function load(): Shipped {
  if (shipped) return shipped;
  const file = JSON.parse(
    readFileSync(new URL('./shipped.crds.json', import.meta.url), 'utf8'),
  ) as ShippedFile;
  const byType = new Map<string, CustomResourceVersion>();
  const list: ShippedCrd[] = [];
  for (const crd of file.crds) {
    list.push({
      group: crd.group,
      kind: crd.kind,
      versions: crd.versions.map((v) => v.name),
      project: crd.project,
      release: crd.release,
    });
    for (const version of crd.versions) {
      byType.set(`${crd.group}/${version.name} ${crd.kind}`, {
        group: crd.group,
        kind: crd.kind,
        version: version.name,
        namespaced: crd.namespaced,
        schema: file.schemas[version.schema],
        statusSubresource: version.status,
      });
    }
  }
  shipped = { list, byType };
  return shipped;
}

/** The shipped schema of a custom resource type, if podwire ships its CRD. */
export function shippedVersion(
  apiVersion: string,
  kind: string,
): CustomResourceVersion | undefined {
  return load().byType.get(`${apiVersion} ${kind}`);
}

/** Every shipped CRD, sorted by group then kind. */
export function shippedCrds(): readonly ShippedCrd[] {
  return load().list;
}
