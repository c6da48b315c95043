import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { crdVersions } from './crd-definition.js';
import { crdSchemaIssues, shippedCrds } from './index.js';
import { shippedVersion } from './shipped-crds.js';

/** shipped.crds.json against the upstream CRDs it was built from (../shared/crds). */
const ROOT = fileURLToPath(new URL('../../../../shared/crds', import.meta.url));
const haveOriginals = existsSync(ROOT);
if (!haveOriginals) {
  console.warn(
    `shipped-crds.spec: ${ROOT} is absent, so the check of shipped.crds.json against it is skipped`,
  );
}

function originals(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const folder of readdirSync(ROOT, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const file of readdirSync(join(ROOT, folder.name)).filter((f) => f.endsWith('.yaml'))) {
      for (const doc of parseAllDocuments(readFileSync(join(ROOT, folder.name, file), 'utf8'))) {
        const raw = doc.toJS() as Record<string, unknown> | null;
        if (raw?.kind === 'CustomResourceDefinition') out.push(raw);
      }
    }
  }
  return out;
}

/** The schema without the `description` keyword (what the shipped file leaves out). */
function strip(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    if (key === 'properties')
      out[key] = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strip(v)]));
    else if (['items', 'additionalProperties', 'not'].includes(key)) out[key] = strip(value);
    else if (['allOf', 'anyOf', 'oneOf'].includes(key)) out[key] = (value as unknown[]).map(strip);
    else out[key] = value;
  }
  return out;
}

const crds = haveOriginals ? originals() : [];

describe.skipIf(!haveOriginals)('shipped CRDs', () => {
  it('ship every upstream CRD of ../shared/crds', () => {
    expect(crds.length).toBe(39);
    expect(shippedCrds()).toHaveLength(crds.length);
    expect(new Set(shippedCrds().map((crd) => crd.project))).toEqual(
      new Set(['Gateway API', 'Istio', 'Linkerd', 'cert-manager']),
    );
  });

  it.each(crds.map((crd) => [(crd.metadata as { name: string }).name, crd] as const))(
    '%s: every served version matches the original schema',
    (_name, crd) => {
      const versions = crdVersions(crd);
      expect(versions.length).toBeGreaterThan(0);
      for (const version of versions) {
        const shipped = shippedVersion(`${version.group}/${version.version}`, version.kind);
        expect(shipped).toEqual({ ...version, schema: strip(version.schema) });
      }
    },
  );

  it.each(crds.map((crd) => [(crd.metadata as { name: string }).name, crd] as const))(
    '%s: the API server accepts its schema (no crd/invalid-schema issue)',
    (_name, crd) => {
      expect(crdSchemaIssues(crd)).toEqual([]);
    },
  );
});
