import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../src/validation/engine/validate.js';

/**
 * Issue 17 acceptance: the Istio bookinfo and Linkerd emojivoto samples validate with no false
 * finding from the mesh rules. The workloads are the regression corpus files, the mesh resources
 * upstream files (test/fixtures/mesh-samples/SOURCES.md); each namespace is enrolled in its mesh so
 * that the rules that only look at meshed pods run too.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const read = (path: string): string => readFileSync(join(HERE, path), 'utf8');
const sample = (name: string): string => read(join('fixtures', 'mesh-samples', name));

const BOOKINFO_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: default
  labels:
    istio-injection: enabled
---
`;
const EMOJIVOTO_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: emojivoto
  annotations:
    linkerd.io/inject: enabled
---
`;

function meshFindings(text: string) {
  return validateManifest(text).findings.filter((f) => f.ruleId.startsWith('mesh/'));
}

describe('mesh rules on the upstream samples', () => {
  const bookinfo = read('corpus/istio/bookinfo.yaml');

  it.each([
    ['destination-rule-all.yaml', 'virtual-service-all-v1.yaml'],
    ['destination-rule-all.yaml', 'virtual-service-reviews-80-20.yaml'],
    ['destination-rule-all.yaml', 'virtual-service-reviews-jason-v2-v3.yaml'],
    ['destination-rule-all-mtls.yaml', 'virtual-service-all-v1.yaml'],
  ])('bookinfo + %s + %s: no mesh error or warning', (rules, routes) => {
    const text = `${BOOKINFO_NAMESPACE}${bookinfo}\n---\n${sample(rules)}\n---\n${sample(routes)}`;
    expect(validateManifest(text).findings.filter((f) => f.severity === 'error')).toEqual([]);
    const findings = meshFindings(text);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    // The subsets bookinfo deploys from other files (ratings v2, v2-mysql, v2-mysql-vm; details v2)
    // select nothing here and no route of these files uses them: info only.
    expect(findings.map((f) => `${f.ruleId} ${f.object.name} ${f.path}`)).toEqual([
      'mesh/subset-no-match ratings /spec/subsets/1/labels',
      'mesh/subset-no-match ratings /spec/subsets/2/labels',
      'mesh/subset-no-match ratings /spec/subsets/3/labels',
      'mesh/subset-no-match details /spec/subsets/1/labels',
    ]);
  });

  it('emojivoto + the restricting-access policy: no mesh finding at all', () => {
    const emojivoto = read('corpus/linkerd-emojivoto/emojivoto.yml').replace(
      /^---\napiVersion: v1\nkind: Namespace\nmetadata:\n {2}name: emojivoto\n/,
      '',
    );
    const text = `${EMOJIVOTO_NAMESPACE}${emojivoto}\n---\n${sample('emojivoto-policy.yaml')}`;
    expect(meshFindings(text)).toEqual([]);
    expect(validateManifest(text).findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(validateManifest(text).patterns.map((p) => p.pattern)).toContain('service-mesh');
  });
});
