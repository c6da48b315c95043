import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../src/catalog/catalog.js';
import { normaliseProfile, type Profile } from '../src/recommendation/domain/profile.js';
import { recommend } from '../src/recommendation/domain/rank.js';
import { VOLUME_SIZES } from '../src/recommendation/domain/render-body.js';
import { render } from '../src/rendering/render.js';
import type { K8sObject, RenderRequest } from '../src/rendering/renderers/types.js';
import { validateManifest } from '../src/validation/engine/validate.js';
import { targetedProfileArb } from './recommendation-arbitraries.js';

/**
 * Issue 16: every ranked option's `render` body renders what the option promises, for generated
 * profiles. PODWIRE_PROPERTY_RUNS raises the number of profiles (default 200, the CI figure).
 */
const RUNS = Number(process.env.PODWIRE_PROPERTY_RUNS ?? 200);
const catalog = loadCatalog();

type Json = Record<string, unknown>;
const spec = (o: K8sObject) => (o.spec ?? {}) as Json;
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace']);
const meta = (o: K8sObject) => o.metadata as { name: string; namespace?: string };
const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'Pod']);

function podSpecOf(o: K8sObject): Json {
  if (o.kind === 'Pod') return spec(o);
  return ((spec(o).template as Json).spec ?? {}) as Json;
}
function podLabelsOf(o: K8sObject): Record<string, string> {
  if (o.kind === 'Pod') return (o.metadata as Json).labels as Record<string, string>;
  return ((spec(o).template as Json).metadata as Json).labels as Record<string, string>;
}
const containersOf = (pod: Json) => [
  ...((pod.initContainers ?? []) as Json[]),
  ...((pod.containers ?? []) as Json[]),
];
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The NetworkPolicy peer a caller becomes, or undefined when a NetworkPolicy cannot say it. */
function expectedPeer(c: NonNullable<Profile['callers']>[number]): Json | undefined {
  if (c.namespace === undefined && c.podLabels === undefined) return undefined;
  return {
    ...(c.namespace !== undefined
      ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': c.namespace } } }
      : {}),
    ...(c.podLabels !== undefined ? { podSelector: { matchLabels: c.podLabels } } : {}),
  };
}

function checkPromises(p: Profile, body: RenderRequest): void {
  const { objects, yaml } = render(body);
  const where = `${body.pattern} ${JSON.stringify(body)}`;

  // Clean at the profile's release.
  expect(body.kubernetesVersion, where).toBe(p.kubernetesVersion);
  const result = validateManifest(yaml, {
    pattern: body.pattern,
    kubernetesVersion: p.kubernetesVersion as never,
  });
  expect(
    result.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => `${where}: ${f.ruleId} ${f.object?.kind}/${f.object?.name}: ${f.message}`),
  ).toEqual([]);

  // Name and namespace carried into every object.
  const name = p.name ?? 'app';
  // (The mesh render writes a Namespace only when asked to: options.createNamespace.)
  for (const o of objects.filter((x) => x.kind !== 'Namespace')) {
    expect(meta(o).name.startsWith(name), where).toBe(true);
    // Cluster-scoped objects (node-agent's ClusterRole and binding) have no namespace.
    if (p.namespace !== undefined && !CLUSTER_SCOPED.has(o.kind))
      expect(meta(o).namespace, where).toBe(p.namespace);
  }

  const workloads = objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
  const services = objects.filter((o) => o.kind === 'Service');

  // TLS where the option promises it: the Service speaks https, the server holds the certificate.
  if (
    p.encryptionInTransit &&
    (body.pattern === 'sidecar-proxy' || body.pattern === 'service-clusterip')
  ) {
    const main = services.find((s) => meta(s).name === name)!;
    expect(
      (spec(main).ports as Json[]).map((port) => port.name),
      where,
    ).toEqual(['https']);
    const server = workloads.find((w) => meta(w).name === name)!;
    const pod = podSpecOf(server);
    const tlsVolume = ((pod.volumes ?? []) as Json[]).find((v) => v.secret !== undefined);
    expect(tlsVolume, where).toBeDefined();
    const mounts = containersOf(pod).flatMap((c) => (c.volumeMounts ?? []) as Json[]);
    expect(mounts.find((m) => m.name === tlsVolume!.name)?.readOnly, where).toBe(true);
    const secretName = (tlsVolume!.secret as Json).secretName;
    const certificate = objects.find((o) => o.kind === 'Certificate');
    expect(certificate && spec(certificate).secretName, where).toBe(secretName);
    if (body.pattern === 'sidecar-proxy') {
      const config = objects.find((o) => o.kind === 'ConfigMap')!;
      const text = Object.values(config.data as Record<string, string>).join('\n');
      expect(text, where).toMatch(/listen \d+ ssl;|DownstreamTlsContext/);
    }
  }

  // Volumes sized for dataVolume.
  const volume = VOLUME_SIZES[body.pattern];
  if (volume) {
    const size = volume.sizes[p.dataVolume];
    const sizes = [
      ...workloads.flatMap((w) =>
        ((podSpecOf(w).volumes ?? []) as Json[])
          .filter((v) => v.name === 'shared')
          .map((v) => (v.emptyDir as Json).sizeLimit),
      ),
      ...objects
        .filter((o) => o.kind === 'PersistentVolumeClaim')
        .map((o) => ((spec(o).resources as Json).requests as Json).storage),
      ...workloads.flatMap((w) =>
        ((spec(w).volumeClaimTemplates ?? []) as Json[]).map(
          (t) => (((t.spec as Json).resources as Json).requests as Json).storage,
        ),
      ),
    ];
    expect(sizes.length, where).toBeGreaterThan(0);
    for (const s of sizes) expect(s, where).toBe(size);
  }

  // Jobs that finish, and no Job behind a Service.
  // (service-headless renders a StatefulSet, its body says so; the mesh render is the mesh branch's.)
  if (body.workload === 'Job' && body.pattern !== 'service-mesh') {
    const jobs = workloads.filter((w) => w.kind === 'Job');
    expect(jobs.length, where).toBeGreaterThan(0);
    for (const job of jobs) {
      const s = spec(job);
      expect(s.backoffLimit, where).toBeTypeOf('number');
      expect(s.activeDeadlineSeconds, where).toBeTypeOf('number');
      // object-storage's credentials Job is kept on purpose: re-applying must not run it again.
      if (podLabelsOf(job)['app.kubernetes.io/component'] !== 'credentials')
        expect(s.ttlSecondsAfterFinished, where).toBeTypeOf('number');
      const regular = (podSpecOf(job).containers ?? []) as Json[];
      for (const c of regular) {
        const script = [...((c.command ?? []) as string[]), ...((c.args ?? []) as string[])].join(
          ' ',
        );
        expect(script, `${where}: container ${String(c.name)} must finish`).toMatch(
          // A one-shot command (kubectl create) ends by itself.
          /timeout \d+|exit [01]|^kubectl create /,
        );
        expect(script, where).not.toMatch(/while true/);
      }
      for (const service of services) {
        const selector = spec(service).selector as Record<string, string> | undefined;
        if (selector) expect(matches(selector, podLabelsOf(job)), where).toBe(false);
      }
    }
  }

  // Every workload runs as its own ServiceAccount without a token (the mesh manages its own).
  if (body.pattern !== 'service-mesh') {
    for (const w of workloads) {
      const account = podSpecOf(w).serviceAccountName;
      const object = objects.find((o) => o.kind === 'ServiceAccount' && meta(o).name === account);
      expect(object?.automountServiceAccountToken, where).toBe(false);
    }
  }

  // NetworkPolicies admit exactly the callers (or the bundle's own parties), never any source.
  const peers = (p.callers ?? []).map(expectedPeer).filter((x) => x !== undefined);
  if (p.callers !== undefined && body.pattern !== 'service-mesh') {
    for (const policy of objects.filter((o) => o.kind === 'NetworkPolicy')) {
      for (const rule of (spec(policy).ingress ?? []) as Json[]) {
        const from = rule.from as Json[] | undefined;
        expect(from, `${where}: ${meta(policy).name} admits any source`).toBeDefined();
        const internal = from!.every(
          (peer) =>
            Object.keys(peer).length === 1 &&
            (peer.podSelector as Json | undefined)?.matchLabels !== undefined &&
            ((peer.podSelector as Json).matchLabels as Json)['app.kubernetes.io/instance'] === name,
        );
        if (!internal) expect(from, where).toEqual(peers);
      }
    }
  }
}

describe('every ranked option renders what it promises (issue 16)', () => {
  it(`holds for ${RUNS} generated profiles`, () => {
    let checked = 0;
    fc.assert(
      fc.property(targetedProfileArb, (input) => {
        const p = normaliseProfile(input);
        for (const option of recommend(input, catalog).options) {
          checkPromises(p, option.render as RenderRequest);
          checked += 1;
        }
      }),
      { numRuns: RUNS },
    );
    expect(checked).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});
