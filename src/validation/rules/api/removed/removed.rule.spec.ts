import { describe, expect, it } from 'vitest';
import { KUBERNETES_RELEASES } from '../../../../kubernetes/releases.js';
import { lifecycleData } from '../../../../kubernetes/lifecycle/lifecycle.js';
import { kubernetesSchemas } from '../../../../kubernetes/schemas/schema-store.js';
import { at, findingsFor, fixtureFindings, validateFixture } from '../../testing.js';

const RULE = 'api/removed';

describe(RULE, () => {
  it('names the release that removed it and the replacement, at the apiVersion value', () => {
    const result = validateFixture(import.meta.url, 'invalid-pdb-v1beta1.yaml');
    const findings = result.findings.filter(
      (f) =>
        f.ruleId.startsWith('api/') ||
        f.ruleId.startsWith('manifest/') ||
        f.ruleId.startsWith('schema/'),
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.message, ...at(f)])).toEqual([
      [
        RULE,
        'error',
        'policy/v1beta1 PodDisruptionBudget was removed in 1.25; use policy/v1',
        1,
        13,
        1,
        27,
      ],
    ]);
    expect(result.valid).toBe(false);
  });

  it('reports pre-1.28 removals from pluto and later ones from the specs', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-removed-apis.yaml', RULE);
    expect(findings.map((f) => [f.message, ...at(f)])).toEqual([
      ['batch/v1beta1 CronJob was removed in 1.25; use batch/v1', 1, 13, 1, 26],
      ['extensions/v1beta1 Ingress was removed in 1.22; use networking.k8s.io/v1', 8, 13, 8, 31],
      [
        'autoscaling/v2beta2 HorizontalPodAutoscaler was removed in 1.26; use autoscaling/v2',
        13,
        13,
        13,
        32,
      ],
      [
        'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema was removed in 1.32; use flowcontrol.apiserver.k8s.io/v1',
        18,
        13,
        18,
        49,
      ],
    ]);
  });

  it('lets the spec win: an apiVersion the target release still serves is not removed', () => {
    const text =
      'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: t}\n';
    expect(findingsFor(text, RULE, { kubernetesVersion: '1.31' })).toEqual([]);
    expect(findingsFor(text, RULE, { kubernetesVersion: '1.32' })).toHaveLength(1);
  });

  it('stays silent on served apiVersions', () => {
    expect(fixtureFindings(import.meta.url, 'valid-served.yaml', RULE)).toEqual([]);
  });

  // Acceptance: every removed API of the lifecycle data, at every release that no longer serves it.
  const schemas = kubernetesSchemas();
  const cases = lifecycleData().flatMap((entry) =>
    KUBERNETES_RELEASES.filter((release) => {
      const served =
        (schemas.servedMask(entry.apiVersion, entry.kind) &
          (1 << KUBERNETES_RELEASES.indexOf(release))) !==
        0;
      const removed =
        entry.removedIn !== null && Number(entry.removedIn.slice(2)) <= Number(release.slice(2));
      return removed && !served;
    }).map((release) => [entry.apiVersion, entry.kind, release] as const),
  );

  it('covers many removed APIs', () => {
    expect(cases.length).toBeGreaterThan(400);
  });

  it.each(cases)(
    '%s %s at %s → api/removed at the apiVersion, nothing else about the type',
    (apiVersion, kind, release) => {
      const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;
      const result = findingsFor(text, RULE, { kubernetesVersion: release });
      expect(result.map((f) => [f.severity, ...at(f)])).toEqual([
        ['error', 1, 13, 1, 13 + apiVersion.length],
      ]);
      expect(result[0].message).toMatch(
        new RegExp(
          `^${apiVersion.replace(/\./g, '\\.')} ${kind} (was removed in 1\\.\\d+|is not served by Kubernetes ${release.replace('.', '\\.')} \\(removed before it\\))`,
        ),
      );
      for (const other of [
        'manifest/unknown-kind',
        'api/unknown-kind',
        'api/not-yet-available',
        'api/deprecated',
      ])
        expect(findingsFor(text, other, { kubernetesVersion: release })).toEqual([]);
    },
  );
});
