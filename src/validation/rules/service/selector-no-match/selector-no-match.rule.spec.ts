import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const RULE = 'service/selector-no-match';

describe(RULE, () => {
  it('accepts a selector that matches a pod template, and a Service without selector', () => {
    expect(fixtureFindings(import.meta.url, 'valid-matching.yaml', RULE)).toEqual([]);
  });

  it('flags a typo and a Service whose pods live in another namespace', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typo.yaml', RULE);
    expect(findings.map(at)).toEqual([
      [26, 5, 26, 13],
      [38, 5, 38, 13],
    ]);
    expect(findings.map((f) => f.severity)).toEqual(['error', 'error']);
    expect(findings[0].message).toBe(
      'the selector {"app":"wbe"} of Service web matches no pod template (pod template labels in namespace shop: Deployment shop/web {"app":"web"}): the Service has no endpoints',
    );
    expect(findings[1].message).toContain('the bundle has no pod template in namespace other');
  });

  it('is only info when the bundle is partial (the pods may live elsewhere)', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-typo.yaml', RULE, {
      scope: 'partial',
    });
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info']);
  });

  it('valid-controller-labels.yaml: a label the controller adds (pod-name, pod-index, job-name, pod-template-hash) matches', () => {
    expect(fixtureFindings(import.meta.url, 'valid-controller-labels.yaml', RULE)).toEqual([]);
  });

  it('invalid-controller-labels.yaml: an ordinal out of range, the wrong controller or Job is still an error', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-controller-labels.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/selector', [26, 5, 27, 65]],
      ['error', '/spec/selector', [52, 5, 53, 46]],
      ['error', '/spec/selector', [75, 5, 75, 39]],
    ]);
  });

  it('invalid-operator-pods.yaml: a custom resource in the namespace may own the pods: info, naming it', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-operator-pods.yaml', RULE);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['info', '/spec/selector', [25, 5, 26, 41]],
    ]);
    expect(findings[0].message).toBe(
      'the selector {"alertmanager":"main","app.kubernetes.io/name":"alertmanager"} of Service alertmanager-main matches no pod template of the bundle; the custom resource Alertmanager monitoring/main in namespace monitoring may have an operator create the pods it selects',
    );
    expect(findings[0].related?.map((r) => [r.path, r.range.line])).toEqual([
      ['/metadata/name', 6],
    ]);
    const policy = fixtureFindings(
      import.meta.url,
      'invalid-operator-pods.yaml',
      'networkpolicy/selector-no-match',
    );
    expect(policy.map((f) => [f.severity, at(f)])).toEqual([['info', [35, 5, 36, 43]]]);
  });
});
