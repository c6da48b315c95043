import { describe, expect, it } from 'vitest';
import { KUBERNETES_RELEASES, NEWEST_RELEASE } from '../../../kubernetes/releases.js';
import type { ObjectNode, SchemaNode } from '../../../kubernetes/schemas/schema-model.js';
import { kubernetesSchemas } from '../../../kubernetes/schemas/schema-store.js';
import { validateManifest } from '../../engine/validate.js';
import { at } from '../testing.js';

/**
 * Acceptance (issue 13): every field that a release after the target adds, in the specs of the
 * most used kinds, is api/not-yet-available at its key, and nothing else fires on it.
 */
const HEADS: Record<string, { head: string; path: string[]; indent: string }> = {
  Service: {
    head: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n',
    path: ['spec'],
    indent: '  ',
  },
  PodSpec: {
    head: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n',
    path: ['spec'],
    indent: '  ',
  },
  Container: {
    head: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: app\n      image: app:1.0.0\n',
    path: ['spec', 'containers', '0'],
    indent: '      ',
  },
  DeploymentSpec: {
    head: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n',
    path: ['spec'],
    indent: '  ',
  },
  JobSpec: {
    head: 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n',
    path: ['spec'],
    indent: '  ',
  },
};

function child(node: SchemaNode | undefined, key: string): SchemaNode | undefined {
  if (node?.type === 'object') return node.properties?.get(key);
  if (node?.type === 'array') return node.items;
  return undefined;
}

function nodeAt(
  release: (typeof KUBERNETES_RELEASES)[number],
  name: string,
): ObjectNode | undefined {
  const schemas = kubernetesSchemas().release(release);
  const root =
    name === 'Service'
      ? schemas.root('v1', 'Service')
      : name === 'DeploymentSpec'
        ? schemas.root('apps/v1', 'Deployment')
        : name === 'JobSpec'
          ? schemas.root('batch/v1', 'Job')
          : schemas.root('v1', 'Pod');
  let node: SchemaNode | undefined = root;
  for (const key of HEADS[name].path) node = child(node, key === '0' ? '' : key);
  return node?.type === 'object' ? node : undefined;
}

const cases = KUBERNETES_RELEASES.filter((r) => r !== NEWEST_RELEASE).flatMap((release) =>
  Object.keys(HEADS).flatMap((name) =>
    [...(nodeAt(release, name)?.later ?? new Map<string, string>())].map(
      ([field, addedIn]) => [release, name, field, addedIn] as const,
    ),
  ),
);

describe('fields added after the target release', () => {
  it('are many (computed from the specs)', () => {
    expect(cases.length).toBeGreaterThan(30);
    expect(cases).toContainEqual(['1.29', 'Service', 'trafficDistribution', '1.30']);
  });

  it.each(cases)(
    'at %s, %s.%s (added in %s) → api/not-yet-available at its key',
    (release, name, field, addedIn) => {
      const { head, indent } = HEADS[name];
      const line = head.split('\n').length;
      const result = validateManifest(`${head}${indent}${field}: {}\n`, {
        kubernetesVersion: release,
      });
      const found = result.findings.filter((f) => f.ruleId === 'api/not-yet-available');
      expect(
        found.map((f) => [
          f.message.endsWith(
            `is not available in Kubernetes ${release}: it was added in ${addedIn}`,
          ),
          ...at(f),
        ]),
      ).toEqual([[true, line, indent.length + 1, line, indent.length + 1 + field.length]]);
      expect(result.findings.filter((f) => f.ruleId === 'schema/unknown-field')).toEqual([]);
    },
  );
});

describe('the same manifest: valid at 1.36, invalid at 1.29', () => {
  const manifest = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  trafficDistribution: PreferClose
  ports:
    - {port: 80, targetPort: 8080}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  matchConstraints:
    resourceRules:
      - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  validations:
    - expression: object.spec.replicas <= 5
`;
  const api = (kubernetesVersion: string) =>
    validateManifest(manifest, { kubernetesVersion, scope: 'partial' }).findings.filter(
      (f) => f.severity !== 'info' && !f.ruleId.startsWith('service/'),
    );

  it('is clean at 1.36', () => {
    expect(api('1.36').map((f) => f.ruleId)).toEqual([]);
  });

  it('has the field and the apiVersion flagged at 1.29, at their nodes', () => {
    expect(api('1.29').map((f) => [f.ruleId, ...at(f)])).toEqual([
      ['api/not-yet-available', 7, 3, 7, 22],
      ['api/not-yet-available', 11, 13, 11, 44],
    ]);
  });
});
