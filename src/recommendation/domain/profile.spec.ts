import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileArb } from '../../../test/recommendation-arbitraries.js';
import {
  checkProfile,
  normaliseProfile,
  PROFILE_DEFAULTS,
  PROFILE_FIELDS,
  unflattenProfile,
} from './profile.js';

/** Nested profile → flat dotted string pairs, as a query string or chat command carries them. */
function flatten(input: object, prefix = ''): Array<[string, string]> {
  return Object.entries(input).flatMap(([k, v]): Array<[string, string]> =>
    v !== null && typeof v === 'object'
      ? flatten(v, `${prefix}${k}.`)
      : [[`${prefix}${k}`, String(v)]],
  );
}

describe('unflattenProfile', () => {
  it('nests dotted keys and converts booleans and numbers by field kind', () => {
    expect(
      unflattenProfile({
        placement: 'separate-pods',
        encryptionInTransit: 'true',
        'capabilities.mesh': 'linkerd',
        'capabilities.rwxStorage': 'false',
        'weights.security': '0.5',
        limit: '5',
        kubernetesVersion: '1.30',
      }),
    ).toEqual({
      input: {
        placement: 'separate-pods',
        encryptionInTransit: true,
        capabilities: { mesh: 'linkerd', rwxStorage: false },
        weights: { security: 0.5 },
        limit: 5,
        kubernetesVersion: '1.30',
      },
      errors: [],
    });
  });

  it('keeps values that do not convert, so validation names the field', () => {
    const { input } = unflattenProfile([
      ['encryptionInTransit', 'yes'],
      ['weights.latency', 'high'],
    ]);
    expect(input).toEqual({ encryptionInTransit: 'yes', weights: { latency: 'high' } });
    expect(checkProfile(input).map((e) => e.field)).toEqual([
      'encryptionInTransit',
      'weights.latency',
    ]);
  });

  it('nests unknown keys like a body would carry them', () => {
    const { input, errors } = unflattenProfile({ 'capabilities.gpu': 'true', colour: 'blue' });
    expect(errors).toEqual([]);
    expect(checkProfile(input)).toEqual([
      { field: 'capabilities.gpu', message: 'unknown field' },
      { field: 'colour', message: 'unknown field' },
    ]);
  });

  it('reports repeated and conflicting keys', () => {
    expect(
      unflattenProfile([
        ['limit', '1'],
        ['limit', '2'],
      ]).errors,
    ).toEqual([{ field: 'limit', message: 'limit must be given only once' }]);
    expect(unflattenProfile({ placement: ['a', 'b'] }).errors).toEqual([
      { field: 'placement', message: 'placement must be given only once' },
    ]);
    expect(
      unflattenProfile([
        ['weights', '1'],
        ['weights.security', '2'],
      ]).errors,
    ).toEqual([
      {
        field: 'weights.security',
        message: 'weights.security conflicts with another parameter of the same name',
      },
    ]);
  });

  it('does not let "__proto__" keys touch prototypes', () => {
    const { input } = unflattenProfile({ '__proto__.polluted': 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Named like the same JSON body would be: an unknown top-level field.
    expect(checkProfile(input).map((e) => e.field)).toEqual(['__proto__']);
  });

  it('round-trips every valid profile to the same normalised profile (property)', () => {
    fc.assert(
      fc.property(profileArb, (profile) => {
        const { input, errors } = unflattenProfile(flatten(profile));
        expect(errors).toEqual([]);
        expect(normaliseProfile(input)).toEqual(normaliseProfile(profile));
      }),
      { numRuns: 300 },
    );
  });
});

describe('normaliseProfile', () => {
  it('fills every default', () => {
    expect(normaliseProfile({})).toEqual({
      ...PROFILE_DEFAULTS,
      capabilities: { ...PROFILE_DEFAULTS.capabilities },
      weights: {},
    });
    expect(normaliseProfile({ capabilities: { broker: true } }).capabilities).toEqual({
      mesh: 'none',
      rwxStorage: false,
      broker: true,
      windowsNodes: false,
    });
  });

  it('accepts exactly the documented versions', () => {
    for (const v of ['1.28', '1.29', '1.34', '1.36', '1.30.1', 'v1.30', 'v1.30.1'])
      expect(checkProfile({ kubernetesVersion: v })).toEqual([]);
    for (const v of ['1.27', '1.37', '1.40', '1.9', '1.2', '2.0', '1.100', ''])
      expect(checkProfile({ kubernetesVersion: v }).map((e) => e.field)).toEqual([
        'kubernetesVersion',
      ]);
  });
});

describe('PROFILE_FIELDS', () => {
  it('lists every field of DESIGN §3 with its allowed values', () => {
    expect(PROFILE_FIELDS.map((f) => f.name)).toEqual([
      'placement',
      'interaction',
      'security',
      'encryptionInTransit',
      'dataVolume',
      'latency',
      'durability',
      'workload',
      'kubernetesVersion',
      'capabilities.mesh',
      'capabilities.rwxStorage',
      'capabilities.broker',
      'capabilities.windowsNodes',
      'weights.security',
      'weights.latency',
      'weights.throughput',
      'weights.decoupling',
      'weights.simplicity',
      'weights.reliability',
      'weights.portability',
      'limit',
    ]);
    expect(PROFILE_FIELDS.find((f) => f.name === 'capabilities.mesh')?.allowed).toEqual([
      'none',
      'istio',
      'istio-ambient',
      'linkerd',
    ]);
  });
});
