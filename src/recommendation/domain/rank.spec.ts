import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileArb, weightArb } from '../../../test/recommendation-arbitraries.js';
import { CRITERIA, loadCatalog, type PatternId } from '../../catalog/catalog.js';
import { ProfileError, type ProfileInput } from './profile.js';
import { ADJUSTMENT_CAP, effectiveWeights, recommend } from './rank.js';
import { MAX_LIMIT, normaliseProfile } from './profile.js';

const catalog = loadCatalog();
const scopeOf = Object.fromEntries(catalog.map((p) => [p.id, p.scope]));
const top = (input: ProfileInput) => recommend(input, catalog).options[0]?.pattern;
const ranked = (input: ProfileInput) =>
  recommend({ ...input, limit: MAX_LIMIT }, catalog).options.map((o) => o.pattern);
const exclusion = (input: ProfileInput, id: PatternId) =>
  recommend(input, catalog)
    .excluded.find((e) => e.pattern === id)
    ?.reasons.join(' | ');

describe('top option for typical situations', () => {
  const cases: Array<[string, ProfileInput, PatternId]> = [
    // The four acceptance examples of issue 3.
    [
      'two processes in one Pod handing large files to each other',
      { placement: 'same-pod', interaction: 'file-exchange', dataVolume: 'bulk' },
      'shared-volume-disk',
    ],
    [
      'independently scaled services, request/response, no special needs',
      { placement: 'separate-pods', interaction: 'request-response' },
      'service-clusterip',
    ],
    [
      'zero trust across Pods with Linkerd',
      {
        placement: 'separate-pods',
        security: 'zero-trust',
        encryptionInTransit: true,
        capabilities: { mesh: 'linkerd' },
      },
      'service-mesh',
    ],
    ['stateful peers', { workload: 'stateful', placement: 'separate-pods' }, 'service-headless'],
    // Further situations a platform engineer would expect.
    ['no requirements at all', {}, 'service-clusterip'],
    ['a tightly coupled helper in the same Pod', { placement: 'same-pod' }, 'pod-localhost'],
    [
      'same Pod, zero trust, critical latency',
      { placement: 'same-pod', security: 'zero-trust', latency: 'critical' },
      'unix-socket',
    ],
    [
      'events between services with a broker available',
      { placement: 'separate-pods', interaction: 'events', capabilities: { broker: true } },
      'message-broker',
    ],
    [
      // A bucket is the usual answer even with RWX storage; shared-pvc follows (tested below).
      'persistent bulk files between services with RWX storage',
      {
        placement: 'separate-pods',
        interaction: 'file-exchange',
        dataVolume: 'bulk',
        durability: 'persistent',
        capabilities: { rwxStorage: true },
      },
      'object-storage',
    ],
    [
      'an ML batch job handing 50 GB files to a post-processor, no ReadWriteMany storage',
      {
        placement: 'separate-pods',
        interaction: 'file-exchange',
        dataVolume: 'bulk',
        workload: 'job',
      },
      'object-storage',
    ],
    ['logs of every Pod shipped to a backend', { interaction: 'telemetry' }, 'node-agent'],
    [
      'logs of a same-Pod app shipped to a backend',
      { interaction: 'telemetry', placement: 'same-pod' },
      'node-agent',
    ],
    [
      'zero trust with Istio ambient',
      {
        placement: 'separate-pods',
        security: 'zero-trust',
        encryptionInTransit: true,
        capabilities: { mesh: 'istio-ambient' },
      },
      'service-mesh',
    ],
    [
      // Application-level TLS behind a ClusterIP Service (penalised, see "softer constraints").
      'encryption across Pods without a mesh',
      { placement: 'separate-pods', encryptionInTransit: true },
      'service-clusterip',
    ],
    [
      'a Job handing large files to a helper',
      { workload: 'job', placement: 'same-pod', interaction: 'file-exchange', dataVolume: 'large' },
      'shared-volume-disk',
    ],
    [
      'only security matters',
      {
        weights: {
          security: 1,
          latency: 0,
          throughput: 0,
          decoupling: 0,
          simplicity: 0,
          reliability: 0,
          portability: 0,
        },
      },
      'unix-socket',
    ],
  ];
  it.each(cases)('%s → %s', (_name, input, expected) => {
    expect(top(input)).toBe(expected);
  });
});

describe('hard constraints', () => {
  const cases: Array<[string, ProfileInput, PatternId, string]> = [
    [
      'separate Pods exclude same-Pod patterns',
      { placement: 'separate-pods' },
      'unix-socket',
      'same-Pod pattern: both parties must run in one Pod',
    ],
    [
      'same Pod excludes cross-Pod patterns',
      { placement: 'same-pod' },
      'service-clusterip',
      'containers of one Pod share one IP and reach each other over localhost',
    ],
    [
      'a mesh needs a mesh',
      {},
      'service-mesh',
      'no service mesh is installed (capabilities.mesh: none)',
    ],
    [
      'encryption without a mesh says how to get it',
      { encryptionInTransit: true },
      'service-mesh',
      'mTLS between Pods needs Istio or Linkerd',
    ],
    [
      'encryption across Pods excludes a headless Service (its render has no certificate)',
      { encryptionInTransit: true, placement: 'separate-pods' },
      'service-headless',
      'a Service carries plaintext unless a mesh or a TLS-terminating proxy adds encryption',
    ],
    [
      'RWX storage is needed for a shared PVC that Pods use at the same time',
      { capabilities: { rwxStorage: false } },
      'shared-pvc',
      'capabilities.rwxStorage: false',
    ],
    [
      'RWX storage is needed for a shared PVC between services exchanging files',
      { interaction: 'file-exchange', workload: 'service', capabilities: { rwxStorage: false } },
      'shared-pvc',
      'a ReadWriteOnce claim serves only a sequential hand-off',
    ],
    [
      'a node agent only collects telemetry',
      { interaction: 'request-response' },
      'node-agent',
      'node-agent only collects what Pods write to stdout',
    ],
    [
      'a Job before 1.29 cannot have a sidecar proxy',
      { workload: 'job', kubernetesVersion: '1.28' },
      'sidecar-proxy',
      'a classic sidecar never exits, so the Job never completes',
    ],
    [
      'a Job before 1.29 cannot have an injected mesh sidecar',
      { workload: 'job', kubernetesVersion: '1.28', capabilities: { mesh: 'istio' } },
      'service-mesh',
      'never completes',
    ],
    [
      'persistence excludes Pod-lifetime volumes',
      { durability: 'persistent' },
      'shared-volume-disk',
      "keeps nothing beyond the Pod's lifetime",
    ],
    [
      'Windows nodes have no memory-backed emptyDir',
      { capabilities: { windowsNodes: true } },
      'shared-volume-memory',
      'Windows nodes do not support memory-backed emptyDir',
    ],
    [
      'mesh proxies need Linux nodes',
      { capabilities: { windowsNodes: true, mesh: 'linkerd' } },
      'service-mesh',
      'Linux nodes only',
    ],
  ];
  it.each(cases)('%s', (_name, input, id, reason) => {
    expect(ranked(input)).not.toContain(id);
    expect(exclusion(input, id)).toContain(reason);
  });

  it('keeps Istio ambient for Jobs on 1.28 (no sidecar to hang the Job)', () => {
    expect(
      ranked({
        workload: 'job',
        kubernetesVersion: '1.28',
        capabilities: { mesh: 'istio-ambient' },
      }),
    ).toContain('service-mesh');
  });

  it('keeps the sidecar proxy for Jobs from 1.29, rendered as a Job on that version (native sidecar)', () => {
    const option = recommend(
      { workload: 'job', kubernetesVersion: '1.29', limit: MAX_LIMIT },
      catalog,
    ).options.find((o) => o.pattern === 'sidecar-proxy');
    expect(option?.render).toEqual({
      pattern: 'sidecar-proxy',
      name: 'app',
      kubernetesVersion: '1.29',
      workload: 'Job',
      options: { proxy: 'nginx' },
    });
    expect(option?.adjustments.find((a) => a.name === 'native-sidecar')?.points).toBe(2);
  });

  it('penalises and cautions a classic sidecar for services on 1.28', () => {
    const option = recommend({ kubernetesVersion: '1.28', limit: MAX_LIMIT }, catalog).options.find(
      (o) => o.pattern === 'sidecar-proxy',
    );
    expect(option?.adjustments.find((a) => a.name === 'native-sidecar')?.points).toBe(-3);
    expect(option?.cautions[0]).toContain('SidecarContainers gate');
  });
});

describe('softer constraints: what a team could add is a penalty with a caution (issue 16)', () => {
  const option = (input: ProfileInput, id: PatternId) =>
    recommend({ ...input, limit: MAX_LIMIT }, catalog).options.find((o) => o.pattern === id);

  it('ranks message-broker without a broker: the render deploys NATS, said plainly', () => {
    const broker = option(
      { interaction: 'events', capabilities: { broker: false } },
      'message-broker',
    );
    expect(broker?.adjustments.find((a) => a.name === 'broker-to-run')?.points).toBe(-3);
    expect(broker?.cautions.join(' ')).toContain('the render deploys a one-replica NATS JetStream');
    const withBroker = option(
      { interaction: 'events', capabilities: { broker: true } },
      'message-broker',
    );
    expect(withBroker!.score).toBeGreaterThan(broker!.score);
    expect(withBroker?.adjustments.some((a) => a.name === 'broker-to-run')).toBe(false);
  });

  it('ranks shared-pvc for a sequential hand-off over ReadWriteOnce: one node at a time', () => {
    const input: ProfileInput = { interaction: 'file-exchange', workload: 'job' };
    const pvc = option(input, 'shared-pvc');
    expect(pvc?.adjustments.find((a) => a.name === 'read-write-once')?.points).toBe(-4);
    expect(pvc?.cautions.join(' ')).toContain('attaches to one node at a time');
    expect(pvc?.cautions.join(' ')).toContain('the writer must finish before the reader starts');
  });

  it('ranks a ClusterIP Service under encryptionInTransit, with application TLS', () => {
    const svc = option(
      { placement: 'separate-pods', encryptionInTransit: true },
      'service-clusterip',
    );
    expect(svc?.adjustments.find((a) => a.name === 'application-tls')?.points).toBe(-3);
    expect(svc?.reasons).toContain(
      'application-level TLS: the app serves HTTPS itself (encryptionInTransit)',
    );
    expect(svc?.cautions.join(' ')).toContain(
      'the app must serve TLS with a certificate from a Secret',
    );
  });

  it('keeps true impossibilities as exclusions with their reasons', () => {
    expect(exclusion({ placement: 'separate-pods' }, 'unix-socket')).toContain('same-Pod pattern');
    expect(exclusion({}, 'service-mesh')).toContain('no service mesh is installed');
  });

  it('with RWX storage, shared-pvc follows object-storage for persistent bulk files', () => {
    expect(
      ranked({
        placement: 'separate-pods',
        interaction: 'file-exchange',
        dataVolume: 'bulk',
        durability: 'persistent',
        capabilities: { rwxStorage: true },
      }).slice(0, 2),
    ).toEqual(['object-storage', 'shared-pvc']);
  });
});

describe('weights', () => {
  it('derives weights from the profile levels, normalised to 1', () => {
    const w = effectiveWeights(
      normaliseProfile({ security: 'zero-trust', encryptionInTransit: true, dataVolume: 'bulk' }),
    );
    expect(CRITERIA.reduce((s, c) => s + w[c], 0)).toBeCloseTo(1, 12);
    expect(w.security).toBeGreaterThan(w.latency);
    expect(w.throughput).toBeGreaterThan(w.latency);
  });

  it('lets explicit weights replace a level weight, then normalises', () => {
    const all = {
      security: 3,
      latency: 1,
      throughput: 0,
      decoupling: 0,
      simplicity: 0,
      reliability: 0,
      portability: 0,
    };
    expect(effectiveWeights(normaliseProfile({ weights: all }))).toEqual({
      security: 0.75,
      latency: 0.25,
      throughput: 0,
      decoupling: 0,
      simplicity: 0,
      reliability: 0,
      portability: 0,
    });
    // One explicit weight: it counts against the other criteria's level weights, which sum to 1.
    const one = effectiveWeights(normaliseProfile({ weights: { security: 1 } }));
    const levels = effectiveWeights(normaliseProfile({}));
    expect(one.security).toBeCloseTo(1 / (2 - levels.security), 12);
  });

  it('treats all-zero weights as equal weights', () => {
    const zero = Object.fromEntries(CRITERIA.map((c) => [c, 0]));
    const w = effectiveWeights(normaliseProfile({ weights: zero }));
    for (const c of CRITERIA) expect(w[c]).toBeCloseTo(1 / 7, 12);
  });
});

describe('render bodies', () => {
  const option = (input: ProfileInput, id: PatternId) =>
    recommend({ ...input, limit: MAX_LIMIT }, catalog).options.find((o) => o.pattern === id)
      ?.render;
  it.each<[string, ProfileInput, PatternId, object]>([
    [
      'defaults',
      {},
      'service-clusterip',
      { pattern: 'service-clusterip', name: 'app', kubernetesVersion: '1.36' },
    ],
    [
      'headless is a StatefulSet',
      {},
      'service-headless',
      {
        pattern: 'service-headless',
        name: 'app',
        kubernetesVersion: '1.36',
        workload: 'StatefulSet',
      },
    ],
    [
      'stateful workloads',
      { workload: 'stateful', kubernetesVersion: '1.31' },
      'service-clusterip',
      {
        pattern: 'service-clusterip',
        name: 'app',
        kubernetesVersion: '1.31',
        workload: 'StatefulSet',
      },
    ],
    [
      'jobs',
      { workload: 'job', placement: 'same-pod' },
      'shared-volume-disk',
      {
        pattern: 'shared-volume-disk',
        name: 'app',
        kubernetesVersion: '1.36',
        workload: 'Job',
        options: { sizeLimit: '1Gi' },
      },
    ],
    [
      'bulk data, TLS, the target and its callers',
      {
        dataVolume: 'bulk',
        encryptionInTransit: true,
        placement: 'separate-pods',
        name: 'orders',
        namespace: 'shop',
        callers: [{ namespace: 'front' }],
      },
      'sidecar-proxy',
      {
        pattern: 'sidecar-proxy',
        name: 'orders',
        namespace: 'shop',
        kubernetesVersion: '1.36',
        options: { proxy: 'nginx', tls: {}, callers: [{ namespace: 'front' }] },
      },
    ],
    [
      'bulk files on disk get room for them',
      { dataVolume: 'bulk', placement: 'same-pod' },
      'shared-volume-disk',
      {
        pattern: 'shared-volume-disk',
        name: 'app',
        kubernetesVersion: '1.36',
        options: { sizeLimit: '100Gi' },
      },
    ],
    [
      'the mesh installed',
      { capabilities: { mesh: 'istio-ambient' } },
      'service-mesh',
      {
        pattern: 'service-mesh',
        name: 'app',
        kubernetesVersion: '1.36',
        options: { mesh: 'istio-ambient' },
      },
    ],
    [
      'Envoy for streaming',
      { interaction: 'streaming' },
      'sidecar-proxy',
      {
        pattern: 'sidecar-proxy',
        name: 'app',
        kubernetesVersion: '1.36',
        options: { proxy: 'envoy' },
      },
    ],
  ])('%s', (_name, input, id, body) => {
    expect(option(input, id)).toEqual(body);
  });
});

describe('profile errors', () => {
  it('rejects versions before 1.28 and bad values with the field named', () => {
    const error = (() => {
      try {
        recommend(
          { kubernetesVersion: '1.27', placement: 'nowhere' } as unknown as ProfileInput,
          catalog,
        );
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ProfileError);
    expect((error as ProfileError).status).toBe(400);
    expect((error as ProfileError).errors).toEqual([
      {
        field: 'kubernetesVersion',
        message:
          'kubernetesVersion must be a supported Kubernetes release, 1.28 to 1.36 (written like 1.31, 1.31.4, v1.31 or v1.31.4)',
      },
      {
        field: 'placement',
        message: 'placement must be one of the following values: same-pod, separate-pods, either',
      },
    ]);
  });
});

describe('properties over random profiles', () => {
  const runs = { numRuns: 300 };

  it('options are sorted by score, ranks are 1..n, and the arithmetic is exact', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const { options } = recommend(input, catalog);
        expect(options.map((o) => o.rank)).toEqual(options.map((_, i) => i + 1));
        for (let i = 1; i < options.length; i++)
          expect(options[i - 1].score).toBeGreaterThanOrEqual(options[i].score);
        for (const o of options) {
          const tenths =
            o.breakdown.reduce((s, b) => s + Math.round(b.contribution * 10), 0) +
            o.adjustments.reduce((s, a) => s + a.points * 10, 0);
          expect(tenths).toBe(Math.round(o.score * 10));
          expect(Math.abs(o.adjustments.reduce((s, a) => s + a.points, 0))).toBeLessThanOrEqual(
            ADJUSTMENT_CAP,
          );
          expect(o.score).toBeGreaterThanOrEqual(1);
          expect(o.score).toBeLessThanOrEqual(99);
          for (const a of o.adjustments) expect(Number.isInteger(a.points)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('no excluded pattern is ranked, and every pattern is either ranked or excluded', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const { options, excluded } = recommend({ ...input, limit: MAX_LIMIT }, catalog);
        const rankedIds = options.map((o) => o.pattern);
        for (const e of excluded) {
          expect(rankedIds).not.toContain(e.pattern);
          expect(e.reasons.length).toBeGreaterThan(0);
        }
        expect([...rankedIds, ...excluded.map((e) => e.pattern)].sort()).toEqual(
          catalog.map((p) => p.id),
        );
      }),
      runs,
    );
  });

  it('separate-pods never ranks a same-Pod pattern', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const ids = ranked({ ...input, placement: 'separate-pods' });
        for (const id of ids) expect(scopeOf[id]).not.toBe('same-pod');
      }),
      runs,
    );
  });

  it('workload job never ranks a sidecar proxy that would be classic (before 1.29)', () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 28, max: 36 }), (input, minor) => {
        const ids = ranked({ ...input, workload: 'job', kubernetesVersion: `1.${minor}` });
        if (minor < 29) expect(ids).not.toContain('sidecar-proxy');
      }),
      runs,
    );
  });

  it('adjustments of any two options differ by less than one rating step at full weight (20 points)', () => {
    // The invariant that makes the weight property below hold: with a spread under 20 points, a
    // pattern rated one step higher on a criterion cannot be overtaken by raising that criterion.
    fc.assert(
      fc.property(profileArb, (input) => {
        const totals = recommend({ ...input, limit: MAX_LIMIT }, catalog).options.map((o) =>
          o.adjustments.reduce((s, a) => s + a.points, 0),
        );
        if (totals.length > 1) expect(Math.max(...totals) - Math.min(...totals)).toBeLessThan(20);
      }),
      runs,
    );
  });

  it("raising one criterion's weight never lowers the rank of the pattern rated highest on it", () => {
    fc.assert(
      fc.property(
        profileArb,
        fc.constantFrom(...CRITERIA),
        weightArb,
        weightArb,
        (input, criterion, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const before = recommend(
            { ...input, limit: MAX_LIMIT, weights: { ...input.weights, [criterion]: low } },
            catalog,
          ).options;
          const after = recommend(
            { ...input, limit: MAX_LIMIT, weights: { ...input.weights, [criterion]: high } },
            catalog,
          ).options;
          if (before.length === 0) return;
          const best = Math.max(
            ...before.map((o) => o.breakdown.find((x) => x.criterion === criterion)!.rating),
          );
          const rankOfTopRated = (options: typeof before) =>
            Math.min(
              ...options
                .filter((o) => o.breakdown.find((x) => x.criterion === criterion)!.rating === best)
                .map((o) => o.rank),
            );
          expect(rankOfTopRated(after)).toBeLessThanOrEqual(rankOfTopRated(before));
          // With a single top-rated pattern the statement is literal: that pattern's own rank.
          const topRated = before.filter(
            (o) => o.breakdown.find((x) => x.criterion === criterion)!.rating === best,
          );
          if (topRated.length === 1) {
            const id = topRated[0].pattern;
            expect(after.find((o) => o.pattern === id)!.rank).toBeLessThanOrEqual(topRated[0].rank);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('same profile, same answer, whatever the catalogue order', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const reversed = [...catalog].reverse();
        expect(recommend(input, reversed)).toEqual(recommend(input, catalog));
        expect(JSON.stringify(recommend(input, catalog))).toBe(
          JSON.stringify(recommend(structuredClone(input), catalog)),
        );
      }),
      { numRuns: 100 },
    );
  });
});
