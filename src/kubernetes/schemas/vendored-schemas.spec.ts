import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_RELEASES } from '../releases.js';
import { kubernetesSchemas, VENDORED_SCHEMAS_URL } from './schema-store.js';

const SPECS = fileURLToPath(new URL('../../../../shared/k8s-openapi/', import.meta.url));
const haveSpecs = existsSync(SPECS);
if (!haveSpecs) {
  console.warn(
    `vendored-schemas.spec: ${SPECS} is absent, so the check that k8s-schemas.json matches the specs is skipped`,
  );
}

interface Vendor {
  buildVendoredSchemas(dir: string): unknown;
}

describe('k8s-schemas.json', () => {
  it.skipIf(!haveSpecs)(
    'is exactly what vendor-schemas.mjs builds from ../shared/k8s-openapi',
    async () => {
      const script = new URL('./vendor-schemas.mjs', import.meta.url).href;
      const { buildVendoredSchemas } = (await import(script)) as Vendor;
      const committed = readFileSync(VENDORED_SCHEMAS_URL, 'utf8');
      expect(JSON.stringify(buildVendoredSchemas(SPECS)) + '\n').toBe(committed);
    },
  );

  it('holds exactly the supported releases', () => {
    expect(kubernetesSchemas().data.releases).toEqual([...KUBERNETES_RELEASES]);
  });

  it('has every built-in kind, not a subset: CRD, APIService, CSIDriver, admission policies, Lease', () => {
    const kinds = kubernetesSchemas().release('1.36');
    for (const [apiVersion, kind] of [
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
      ['apiregistration.k8s.io/v1', 'APIService'],
      ['storage.k8s.io/v1', 'CSIDriver'],
      ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'],
      ['coordination.k8s.io/v1', 'Lease'],
      ['v1', 'Pod'],
      ['apps/v1', 'Deployment'],
    ]) {
      expect(kinds.has(apiVersion, kind), `${apiVersion} ${kind}`).toBe(true);
      expect(kinds.root(apiVersion, kind)?.type).toBe('object');
    }
    expect(
      kubernetesSchemas()
        .release('1.29')
        .has('admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'),
    ).toBe(false);
  });

  it('compiles the root of every kind of every release', () => {
    const { data } = kubernetesSchemas();
    let count = 0;
    for (const release of KUBERNETES_RELEASES) {
      const schemas = kubernetesSchemas().release(release);
      for (const [apiVersion, kinds] of Object.entries(data.kinds)) {
        for (const kind of Object.keys(kinds)) {
          if (!schemas.has(apiVersion, kind)) continue;
          expect(schemas.root(apiVersion, kind)?.type, `${release} ${apiVersion} ${kind}`).toBe(
            'object',
          );
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(9 * 80);
  });

  it('knows the first release of a field (Service spec.trafficDistribution: 1.30)', () => {
    const service = kubernetesSchemas().release('1.29').root('v1', 'Service');
    const spec = service?.properties?.get('spec');
    expect(spec?.type === 'object' ? spec.later?.get('trafficDistribution') : undefined).toBe(
      '1.30',
    );
    const at130 = kubernetesSchemas()
      .release('1.30')
      .root('v1', 'Service')
      ?.properties?.get('spec');
    expect(at130?.type === 'object' ? at130.properties?.has('trafficDistribution') : false).toBe(
      true,
    );
  });
});
