import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KUBERNETES_RELEASE,
  kubernetesReleases,
  KUBERNETES_VERSION_MESSAGE,
  parseKubernetesVersion,
} from './releases.js';

describe('Kubernetes releases', () => {
  it('are 1.28 to 1.36 with 1.36 the default and native sidecars on from 1.29', () => {
    const list = kubernetesReleases();
    expect(list.map((r) => r.version)).toEqual([
      '1.28',
      '1.29',
      '1.30',
      '1.31',
      '1.32',
      '1.33',
      '1.34',
      '1.35',
      '1.36',
    ]);
    expect(list.filter((r) => r.default).map((r) => r.version)).toEqual(['1.36']);
    expect(DEFAULT_KUBERNETES_RELEASE).toBe('1.36');
    expect(list.filter((r) => !r.nativeSidecars).map((r) => r.version)).toEqual(['1.28']);
  });

  it.each(['1.31', '1.31.4', 'v1.31', 'v1.31.4', ' 1.31 '])('reads %j as 1.31', (value) => {
    expect(parseKubernetesVersion(value)).toBe('1.31');
  });

  it.each(['1.27', '1.37', '2.0', '1', 'v1', '1.31.', '1.31.4.1', 'latest', '', 131, null])(
    'rejects %j',
    (value) => {
      expect(parseKubernetesVersion(value)).toBeUndefined();
    },
  );

  it('names the supported range in its message', () => {
    expect(KUBERNETES_VERSION_MESSAGE).toContain('1.28 to 1.36');
  });
});
