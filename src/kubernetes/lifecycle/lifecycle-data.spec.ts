import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiStatus, lifecycleData } from './lifecycle.js';

const PLUTO = fileURLToPath(
  new URL('../../../../shared/reference/api-lifecycle/pluto-versions.yaml', import.meta.url),
);
const havePluto = existsSync(PLUTO);
if (!havePluto) {
  console.warn(
    `lifecycle-data.spec: ${PLUTO} is absent, so the check that api-lifecycle.json matches it is skipped`,
  );
}

interface Vendor {
  buildLifecycle(path: string): unknown;
}

describe('api-lifecycle.json', () => {
  it.skipIf(!havePluto)(
    'is exactly what vendor-lifecycle.mjs builds from pluto-versions.yaml',
    async () => {
      const script = new URL('./vendor-lifecycle.mjs', import.meta.url).href;
      const { buildLifecycle } = (await import(script)) as Vendor;
      const committed = readFileSync(new URL('./api-lifecycle.json', import.meta.url), 'utf8');
      expect(JSON.stringify(buildLifecycle(PLUTO)) + '\n').toBe(committed);
    },
  );

  it('holds the Kubernetes entries only', () => {
    expect(lifecycleData()).toHaveLength(85);
    expect(lifecycleData().some((e) => e.apiVersion.startsWith('cert-manager.io'))).toBe(false);
  });
});

describe('apiStatus', () => {
  it('tells served, removed, not yet available, unknown and custom apart', () => {
    expect(apiStatus('apps/v1', 'Deployment', '1.36')).toEqual({ status: 'served' });
    expect(apiStatus('policy/v1beta1', 'PodDisruptionBudget', '1.28')).toEqual({
      status: 'removed',
      removedIn: '1.25',
      replacement: 'policy/v1',
    });
    expect(apiStatus('storage.k8s.io/v1', 'VolumeAttributesClass', '1.33')).toEqual({
      status: 'not-yet-available',
      addedIn: '1.34',
    });
    expect(apiStatus('v1', 'Deploymnet', '1.36')).toMatchObject({
      status: 'unknown-kind',
      group: '',
    });
    expect(apiStatus('networking.istio.io/v1', 'VirtualService', '1.36')).toEqual({
      status: 'custom',
    });
    // Gateway API lives in a *.k8s.io group but is served by CRDs, not by Kubernetes itself.
    expect(apiStatus('gateway.networking.k8s.io/v1', 'HTTPRoute', '1.36')).toEqual({
      status: 'custom',
    });
  });
});
