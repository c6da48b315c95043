import { describe, expect, it } from 'vitest';
import { at, findingsFor, validateFixture } from '../../testing.js';

/** The custom-resource and crd findings of a fixture, as [ruleId, severity, path, range, message]. */
function findings(fixture: string) {
  return validateFixture(import.meta.url, fixture)
    .findings.filter((f) => f.ruleId.startsWith('custom-resource/') || f.ruleId.startsWith('crd/'))
    .map((f) => [f.ruleId, f.severity, f.path, at(f), f.message]);
}

const SCHEMA = 'custom-resource/schema-violation';
const RULE = 'custom-resource/rule-violation';

describe('custom-resource/schema-violation', () => {
  it('a CRD and its resources in one bundle: one finding per fault, at its node', () => {
    expect(findings('invalid-bundle-crd.yaml')).toEqual([
      // A type error blocks the object's CEL rules, as on the API server: said once, as info.
      [
        RULE,
        'info',
        '',
        [50, 1, 50, 11],
        'CEL validation rules not checked because the object has type errors; correct them to complete validation',
      ],
      [
        SCHEMA,
        'error',
        '/spec/keep',
        [56, 9, 56, 14],
        'spec.keep in body must be of type integer: "string"',
      ],
      [SCHEMA, 'error', '/spec/retention', [64, 3, 64, 12], 'unknown field "spec.retention"'],
      [RULE, 'error', '/spec/keep', [72, 9, 72, 11], 'keep must not exceed maxKeep'],
      [SCHEMA, 'error', '/spec/schedule', [78, 1, 78, 5], 'spec.schedule: Required value'],
    ]);
  });

  it('applies defaults, int-or-string, nullable, list-map keys, preserve-unknown-fields and ignores status', () => {
    expect(findings('valid-bundle-crd.yaml')).toEqual([]);
  });

  it.each([
    'valid-gateway-api.yaml',
    'valid-istio.yaml',
    'valid-linkerd.yaml',
    'valid-cert-manager.yaml',
  ])('shipped CRDs: %s has no finding at all', (fixture) => {
    // The fixtures hold mesh policies without the workloads they govern: the cross-object mesh/*
    // rules rightly report that (their own fixtures test them); schema-wise nothing is wrong.
    expect(
      validateFixture(import.meta.url, fixture).findings.filter(
        (f) => !f.ruleId.startsWith('mesh/'),
      ),
    ).toEqual([]);
  });

  it('Gateway API: enum, bounds and unknown field, and the CRD’s own CEL rules', () => {
    expect(findings('invalid-gateway-api.yaml')).toEqual([
      [
        RULE,
        'error',
        '/spec/rules/0/matches/0/path',
        [11, 13, 12, 24],
        "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']",
      ],
      [
        SCHEMA,
        'error',
        '/spec/rules/0/matches/0/path/type',
        [11, 19, 11, 25],
        'spec.rules[0].matches[0].path.type: Unsupported value: "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression"',
      ],
      [
        SCHEMA,
        'error',
        '/spec/rules/0/backendRefs/0/port',
        [15, 17, 15, 22],
        'spec.rules[0].backendRefs[0].port in body should be less than or equal to 65535',
      ],
      [
        RULE,
        'error',
        '/spec/listeners',
        [24, 5, 31, 25],
        "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
      ],
      [
        SCHEMA,
        'error',
        '/spec/listeners/0/tlsMode',
        [31, 7, 31, 14],
        'unknown field "spec.listeners[0].tlsMode"',
      ],
    ]);
  });

  it('Istio: enum, oneOf, unknown field and required', () => {
    expect(findings('invalid-istio.yaml')).toEqual([
      [
        SCHEMA,
        'error',
        '/spec/mtls/mode',
        [7, 11, 7, 19],
        'spec.mtls.mode: Unsupported value: "STRICTLY": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"',
      ],
      [
        SCHEMA,
        'error',
        '/spec/trafficPolicy/loadBalancer',
        [17, 7, 19, 31],
        'spec.trafficPolicy.loadBalancer in body must match exactly one schema in oneOf (matches 2)',
      ],
      [SCHEMA, 'error', '/spec/subset', [20, 3, 20, 9], 'unknown field "spec.subset"'],
      [
        SCHEMA,
        'error',
        '/spec/http/0/route/0/destination/host',
        [31, 11, 31, 22],
        'spec.http[0].route[0].destination.host: Required value',
      ],
    ]);
  });

  it('Linkerd: int-or-string type, required and minItems', () => {
    expect(findings('invalid-linkerd.yaml')).toEqual([
      [
        SCHEMA,
        'error',
        '/spec/port',
        [9, 9, 9, 13],
        'spec.port in body must be of type integer or string: "array"',
      ],
      [
        SCHEMA,
        'error',
        '/spec/requiredAuthenticationRefs',
        [16, 1, 16, 5],
        'spec.requiredAuthenticationRefs: Required value',
      ],
      [
        SCHEMA,
        'error',
        '/spec/identities',
        [26, 15, 26, 17],
        'spec.identities in body should have at least 1 items',
      ],
    ]);
  });

  it('cert-manager: required and enum', () => {
    expect(findings('invalid-cert-manager.yaml')).toEqual([
      [SCHEMA, 'error', '/spec/secretName', [5, 1, 5, 5], 'spec.secretName: Required value'],
      [
        SCHEMA,
        'error',
        '/spec/privateKey/algorithm',
        [8, 16, 8, 18],
        'spec.privateKey.algorithm: Unsupported value: "EC": supported values: "RSA", "ECDSA", "Ed25519"',
      ],
      [
        SCHEMA,
        'error',
        '/spec/ca/secretName',
        [17, 3, 17, 5],
        'spec.ca.secretName: Required value',
      ],
    ]);
  });

  it('runs patterns as RE2 (linear): a catastrophic-backtracking pattern on a long value still answers', () => {
    const text = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: slow.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Slow, plural: slows}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                value: {type: string, pattern: '^(a+)+$'}
---
apiVersion: example.com/v1
kind: Slow
metadata: {name: s}
spec:
  value: ${'a'.repeat(20000)}b
`;
    expect(findingsFor(text, SCHEMA).map((f) => [f.path, f.message])).toEqual([
      ['/spec/value', "spec.value in body should match '^(a+)+$'"],
    ]);
  });

  it('invalid-near-misses.yaml: an unknown field is renamed where one field fits and the renamed object has no new issue', () => {
    const found = validateFixture(import.meta.url, 'invalid-near-misses.yaml').findings.filter(
      (f) => f.ruleId === SCHEMA,
    );
    expect(
      found.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText]) ?? null]),
    ).toEqual([
      // Case only.
      ['/spec/Suspend', [[41, 3, 41, 10, 'suspend']]],
      ['/spec/maxKepe', [[42, 3, 42, 10, 'maxKeep']]],
      // suspend is a boolean: "yes" there would be a type error.
      ['/spec/suspnd', null],
      // maxKeep 1 below keep 2 would fail the CRD's CEL rule.
      ['/spec/maxKeeep', null],
      // target and targets are both one edit away.
      ['/spec/targts', null],
    ]);
    expect(found[0].fix).toMatchObject({
      description: 'Rename field "Suspend" to "suspend", the field the CRD\'s schema defines here',
      safety: 'safe',
    });
  });

  it('a shipped CRD (Istio DestinationRule): subset is renamed to subsets', () => {
    const found = validateFixture(import.meta.url, 'invalid-istio.yaml').findings.filter(
      (f) => f.ruleId === SCHEMA && f.fix,
    );
    expect(found.map((f) => [f.path, f.fix?.edits.map((e) => [...at(e), e.newText])])).toEqual([
      ['/spec/subset', [[20, 3, 20, 9, 'subsets']]],
    ]);
  });

  it('renames are checked for the first 20 near misses of an object only (each validates it again)', () => {
    const names = Array.from({ length: 25 }, (_, i) => `field${String(i).padStart(2, '0')}`);
    const text = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: { name: wides.example.com }',
      'spec:',
      '  group: example.com',
      '  scope: Namespaced',
      '  names: { kind: Wide, plural: wides }',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema:',
      '          type: object',
      '          properties:',
      '            spec:',
      '              type: object',
      '              properties:',
      ...names.map((n) => `                ${n}: { type: integer }`),
      '---',
      'apiVersion: example.com/v1',
      'kind: Wide',
      'metadata: { name: w, namespace: shop }',
      'spec:',
      ...names.map((n) => `  ${n.toUpperCase()}: 1`),
      '',
    ].join('\n');
    const found = findingsFor(text, SCHEMA);
    expect(found).toHaveLength(25);
    expect(found.filter((f) => f.fix).length).toBe(20);
  });
});
