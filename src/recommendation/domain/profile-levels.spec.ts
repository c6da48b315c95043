import { describe, expect, it } from 'vitest';
import { PROFILE_LEVELS, levelsOf } from './profile-levels.js';
import { PROFILE_FIELDS } from './profile.js';

describe('PROFILE_LEVELS', () => {
  const enums = PROFILE_FIELDS.filter((f) => f.kind === 'enum');

  it('defines every level of every enum field of the profile, and nothing else', () => {
    expect(Object.keys(PROFILE_LEVELS).sort()).toEqual(enums.map((f) => f.name).sort());
    for (const field of enums) expect(Object.keys(levelsOf(field.name)!)).toEqual(field.allowed);
  });

  it('gives each level one line of its own', () => {
    for (const field of enums) {
      const lines = Object.values(levelsOf(field.name)!);
      for (const line of lines) expect(line).toMatch(/^[^\n]{20,240}$/);
      expect(new Set(lines).size).toBe(lines.length);
    }
  });

  it('states the numbers the ranking uses for the levels the issue asked about', () => {
    expect(PROFILE_LEVELS.dataVolume.medium).toContain('1 MB');
    expect(PROFILE_LEVELS.dataVolume.bulk).toContain('weighs 3');
    expect(PROFILE_LEVELS.dataVolume.large).toContain('weighs 2');
    expect(PROFILE_LEVELS.latency.standard).toContain('2.7 ms');
    expect(PROFILE_LEVELS.latency.low).toContain('lose 2 points');
    expect(PROFILE_LEVELS.latency.critical).toContain('lose 3 points');
    expect(PROFILE_LEVELS.security.restricted).toContain('zero-trust');
  });

  it('has no level line for fields without levels', () => {
    expect(levelsOf('encryptionInTransit')).toBeUndefined();
    expect(levelsOf('limit')).toBeUndefined();
  });
});
