import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_LEVELS } from '../src/recommendation/domain/profile-levels.js';
import { createTestApp, type TestApp } from './helpers/app.js';

interface Field {
  name: string;
  kind: string;
  default: unknown;
  values?: unknown[];
  minimum?: number;
  maximum?: number;
  levels?: Array<{ value: string; meaning: string }>;
}

describe('GET /v1/profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lists every profile field with its values, default and the meaning of each level', async () => {
    const res = await t.http.get('/v1/profile');
    expect(res.status).toBe(200);
    const fields = res.body.fields as Field[];
    const byName = new Map(fields.map((f) => [f.name, f]));
    expect(fields.map((f) => f.name).slice(0, 3)).toEqual(['placement', 'interaction', 'security']);
    expect(byName.get('dataVolume')).toMatchObject({
      kind: 'enum',
      default: 'small',
      values: ['small', 'medium', 'large', 'bulk'],
    });
    expect(byName.get('dataVolume')!.levels!.map((l) => l.value)).toEqual(
      byName.get('dataVolume')!.values,
    );
    expect(byName.get('dataVolume')!.levels![3].meaning).toBe(PROFILE_LEVELS.dataVolume.bulk);
    expect(byName.get('latency')!.levels![1].meaning).toContain('2.7 ms');
    expect(byName.get('capabilities.mesh')).toMatchObject({ default: 'none' });
    expect(byName.get('encryptionInTransit')).toMatchObject({
      kind: 'boolean',
      default: false,
      values: [true, false],
    });
    expect(byName.get('encryptionInTransit')!.levels).toBeUndefined();
    expect(byName.get('limit')).toMatchObject({
      kind: 'integer',
      default: 3,
      minimum: 1,
      maximum: 12,
    });
    expect(byName.get('weights.security')).toMatchObject({
      kind: 'weight',
      minimum: 0,
      maximum: 100,
    });
    expect(byName.get('kubernetesVersion')!.values).toContain('1.36');
    // Every enum has a meaning for every level, none empty.
    for (const field of fields.filter((f) => f.kind === 'enum'))
      for (const level of field.levels!) expect(level.meaning.length).toBeGreaterThan(20);
  });

  it('needs an API key when keys are configured, like the catalogue', async () => {
    const keyed = await createTestApp({ API_KEYS: 'secret-key' });
    try {
      expect((await keyed.http.get('/v1/profile')).status).toBe(401);
      const ok = await keyed.http.get('/v1/profile').set({ Authorization: 'Bearer secret-key' });
      expect(ok.status).toBe(200);
    } finally {
      await keyed.app.close();
    }
  });
});
