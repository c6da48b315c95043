import { describe, expect, it } from 'vitest';
import type { Finding } from '../../validation/engine/result.js';
import {
  formatFinding,
  formatWarnings,
  MAX_WARNINGS_BYTES,
  toFieldPath,
  truncate,
} from './warnings.js';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'pod/port-conflict',
    severity: 'error',
    message: 'containerPort 8080/TCP is declared twice',
    object: { documentIndex: 0, apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    path: '/spec/template/spec/containers/1/ports/0/containerPort',
    range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    ...over,
  };
}

describe('toFieldPath', () => {
  it('writes JSON Pointers the way Kubernetes names fields', () => {
    expect(toFieldPath('/spec/template/spec/containers/1/ports/0')).toBe(
      'spec.template.spec.containers[1].ports[0]',
    );
    expect(toFieldPath('/metadata/annotations/podwire.dev~1ignore')).toBe(
      'metadata.annotations["podwire.dev/ignore"]',
    );
    expect(toFieldPath('/data/a~0b')).toBe('data["a~b"]');
    expect(toFieldPath('')).toBe('');
  });
});

describe('formatFinding', () => {
  it('is "ruleId (severity): message (at field)": the point first, the path last', () => {
    expect(formatFinding(finding({ path: '/spec/x' }))).toBe(
      'pod/port-conflict (error): containerPort 8080/TCP is declared twice (at spec.x)',
    );
    expect(formatFinding(finding({ path: '' }))).toBe(
      'pod/port-conflict (error): containerPort 8080/TCP is declared twice',
    );
    expect(formatFinding(finding({ path: '/spec/x' }), true)).toBe(
      'pod/port-conflict (inherited error): containerPort 8080/TCP is declared twice (at spec.x)',
    );
  });

  it('fits 120 characters, cutting the message before the path when both are long', () => {
    const line = formatFinding(finding({ message: 'é'.repeat(300), path: '/spec/ports/0/port' }));
    expect([...line].length).toBe(120);
    expect(line.startsWith('pod/port-conflict (error): éé')).toBe(true);
    expect(line.endsWith('é… (at spec.ports[0].port)')).toBe(true);
  });

  it('keeps the last segments of a path that does not fit, or leaves it out', () => {
    const line = formatFinding(finding({ message: 'm'.repeat(100) }));
    expect(line).toBe(
      `pod/port-conflict (error): ${'m'.repeat(59)}… (at …[1].ports[0].containerPort)`,
    );
    const names = formatFinding(
      finding({ message: 'm'.repeat(100), path: '/spec/template/spec/containers/0/name' }),
    );
    expect(names).toMatch(/ \(at …spec\.containers\[0\]\.name\)$/);
    const short = formatFinding(
      finding({ message: 'short', path: '/spec' + '/segment-name'.repeat(12) }),
    );
    expect(short).toMatch(
      /^pod\/port-conflict \(error\): short \(at …segment-name(\.segment-name)+\)$/,
    );
    const noRoom = formatFinding(
      finding({ ruleId: `x/${'r'.repeat(70)}`, message: 'm'.repeat(100) }),
    );
    expect(noRoom).not.toContain('(at');
    for (const l of [line, names, short, noRoom]) expect([...l].length).toBeLessThanOrEqual(120);
  });

  it('never splits a surrogate pair', () => {
    expect(truncate('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
});

describe('formatWarnings', () => {
  it('lists errors before warnings, notes first', () => {
    const lines = formatWarnings(
      [
        finding({ severity: 'warning', ruleId: 'container/latest-tag', path: '' }),
        finding({ path: '' }),
      ],
      ['a note'],
    );
    expect(lines).toEqual([
      'a note',
      'pod/port-conflict (error): containerPort 8080/TCP is declared twice',
      'container/latest-tag (warning): containerPort 8080/TCP is declared twice',
    ]);
  });

  it('stays under the byte budget and summarises the rest', () => {
    const many = Array.from({ length: 200 }, (_, i) =>
      finding({ message: `problem number ${i} `.repeat(10) }),
    );
    const lines = formatWarnings(many);
    const bytes = lines.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8'), 0);
    expect(bytes).toBeLessThanOrEqual(MAX_WARNINGS_BYTES);
    expect(MAX_WARNINGS_BYTES).toBeLessThan(4096);
    const shown = lines.length - 1;
    expect(lines.at(-1)).toBe(
      `… and ${200 - shown} more findings: validate the object with podwire for the full list`,
    );
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
  });

  it('adds no summary when everything fits', () => {
    expect(formatWarnings([finding()])).toHaveLength(1);
    expect(formatWarnings([])).toEqual([]);
  });
});
