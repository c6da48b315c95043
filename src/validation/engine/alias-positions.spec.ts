import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { at, fixturePath } from '../rules/testing.js';
import { validateManifest } from './validate.js';

describe('findings on nodes reached through a YAML alias', () => {
  const text = readFileSync(fixturePath(import.meta.url, 'invalid-alias-use-site.yaml'), 'utf8');
  const findings = validateManifest(text, {}).findings;

  it('point at the alias where the object uses it, not at the anchor', () => {
    const duplicate = findings.filter((f) => f.ruleId === 'pod/duplicate-container-name');
    expect(duplicate.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/1/name', [19, 17, 19, 31]],
    ]);
  });

  it('point at the anchored node itself for the object that carries the anchor', () => {
    const resources = findings.filter((f) => f.ruleId === 'container/missing-resources');
    expect(resources.map((f) => [f.path, at(f)])).toEqual([
      ['/spec/template/spec/containers/0/name', [16, 32, 16, 45]],
      ['/spec/template/spec/containers/1/name', [19, 17, 19, 31]],
    ]);
  });
});
