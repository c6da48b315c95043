import { describe, expect, it } from 'vitest';
import { at, findingsFor, fixtureFindings } from '../../testing.js';

const RULE = 'api/deprecated';

describe(RULE, () => {
  it('warns at the apiVersion value, naming the release and the replacement', () => {
    const findings = fixtureFindings(
      import.meta.url,
      'invalid-volume-attributes-class-v1beta1.yaml',
      RULE,
    );
    expect(findings.map((f) => [f.severity, f.message, ...at(f)])).toEqual([
      [
        'warning',
        'storage.k8s.io/v1beta1 VolumeAttributesClass is deprecated since 1.34; use storage.k8s.io/v1',
        1,
        13,
        1,
        35,
      ],
    ]);
  });

  it('names the release that removes it when that release is later than the target', () => {
    const text =
      'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\nmetadata: {name: t}\n';
    expect(findingsFor(text, RULE, { kubernetesVersion: '1.31' }).map((f) => f.message)).toEqual([
      'flowcontrol.apiserver.k8s.io/v1beta3 PriorityLevelConfiguration is deprecated since 1.31 and removed in 1.32; use flowcontrol.apiserver.k8s.io/v1',
    ]);
    expect(findingsFor(text, RULE, { kubernetesVersion: '1.30' })).toEqual([]);
  });

  it('offers the rename when the migration has no field changes, not when it has', () => {
    const [finding] = fixtureFindings(
      import.meta.url,
      'invalid-volume-attributes-class-v1beta1.yaml',
      RULE,
    );
    expect(finding.fix).toMatchObject({
      safety: 'safe',
      edits: [
        { range: { line: 1, column: 13, endLine: 1, endColumn: 35 }, newText: 'storage.k8s.io/v1' },
      ],
    });
    // flowcontrol v1beta3 → v1 changes the nominalConcurrencyShares default: no fix.
    const text =
      'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: PriorityLevelConfiguration\nmetadata: {name: t}\nspec: {type: Exempt}\n';
    expect(findingsFor(text, RULE, { kubernetesVersion: '1.31' })[0].fix).toBeUndefined();
  });

  it('stays silent on the replacement', () => {
    expect(fixtureFindings(import.meta.url, 'valid-volume-attributes-class-v1.yaml', RULE)).toEqual(
      [],
    );
  });
});
