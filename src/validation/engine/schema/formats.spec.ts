import { describe, expect, it } from 'vitest';
import { isBase64, isDateTime, isQuantity } from './formats.js';

describe('isQuantity', () => {
  it.each([
    '1',
    '0',
    '1.5Gi',
    '512Mi',
    '100m',
    '250m',
    '0.5',
    '1e3',
    '1E3',
    '1e-3',
    '2k',
    '1M',
    '1E',
    '1Ei',
    '+1',
    '-1',
    '.5',
    '5.',
    '1.25Ti',
  ])('accepts %s', (value) => {
    expect(isQuantity(value)).toBe(true);
  });

  it.each([
    '1.5Gb',
    'Ki',
    '1.5 Gi',
    '',
    '1e',
    '1KiB',
    'abc',
    '1ki',
    '1m5',
    '.',
    ' 1Gi',
    '1Gi ',
    '--1',
  ])('rejects %j', (value) => {
    expect(isQuantity(value)).toBe(false);
  });
});

describe('isDateTime', () => {
  it.each(['2025-01-31T12:00:00Z', '2025-01-31T12:00:00.123456Z', '2025-01-31t12:00:00+02:00'])(
    'accepts %s',
    (value) => {
      expect(isDateTime(value)).toBe(true);
    },
  );

  it.each([
    '2025-01-31',
    '2025-13-01T00:00:00Z',
    '2025-01-31 12:00:00Z',
    'yesterday',
    '2025-01-31T12:00:00',
  ])('rejects %s', (value) => {
    expect(isDateTime(value)).toBe(false);
  });
});

describe('isBase64', () => {
  it.each(['', 'cGFzc3dvcmQ=', 'YWJj', 'YQ==', 'cGFz\nc3dvcmQ='])('accepts %j', (value) => {
    expect(isBase64(value)).toBe(true);
  });

  it.each(['hunter2!', 'cGFzc3dvcmQ', 'YQ=', 'a b c d', 'YWJj*'])('rejects %j', (value) => {
    expect(isBase64(value)).toBe(false);
  });
});
