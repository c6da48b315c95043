import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../validation/engine/validate.js';
import { render } from './render.js';
import {
  KUBERNETES_VERSIONS,
  MESHES,
  PATTERN_IDS,
  PROXIES,
  type RenderRequest,
  WORKLOAD_KINDS,
} from './renderers/types.js';

/** Findings that would make a rendered bundle less than clean (infos, e.g. a CRD's kind, are fine). */
function problems(request: RenderRequest): {
  yaml: string;
  findings: string[];
  patterns: string[];
} {
  const { yaml } = render(request);
  const result = validateManifest(yaml, {
    pattern: request.pattern,
    kubernetesVersion: request.kubernetesVersion,
  });
  const findings = result.findings
    .filter((f) => f.severity !== 'info')
    .map(
      (f) =>
        `${f.severity} ${f.ruleId} ${f.object?.kind ?? ''}/${f.object?.name ?? ''} ${f.path ?? ''}: ${f.message}`,
    );
  return { yaml, findings, patterns: result.patterns.map((p) => p.pattern) };
}

describe('round trip: every rendered bundle validates clean under its own pattern', () => {
  const matrix = PATTERN_IDS.flatMap((pattern) =>
    KUBERNETES_VERSIONS.flatMap((kubernetesVersion) =>
      PROXIES.map((proxy) => ({ pattern, kubernetesVersion, proxy })),
    ),
  );

  it.each(matrix)(
    '$pattern at $kubernetesVersion with $proxy',
    ({ pattern, kubernetesVersion, proxy }) => {
      const { findings, patterns } = problems({
        pattern,
        name: 'web',
        kubernetesVersion,
        options: { proxy },
      });
      expect(findings).toEqual([]);
      expect(patterns).toContain(pattern);
    },
  );

  const workloads = PATTERN_IDS.flatMap((pattern) =>
    WORKLOAD_KINDS.flatMap((workload) =>
      (['1.29', '1.34', '1.36'] as const).map((kubernetesVersion) => ({
        pattern,
        workload,
        kubernetesVersion,
      })),
    ),
  );

  it.each(workloads)(
    '$pattern as $workload at $kubernetesVersion',
    ({ pattern, workload, kubernetesVersion }) => {
      const { findings, patterns } = problems({
        pattern,
        name: 'web',
        workload,
        kubernetesVersion,
      });
      expect(findings).toEqual([]);
      expect(patterns).toContain(pattern);
    },
  );

  // Issue 17 item 4: the HTTPRoute to an existing Gateway, in the route's namespace or another.
  const gateways = (['service-clusterip', 'sidecar-proxy'] as const).flatMap((pattern) =>
    KUBERNETES_VERSIONS.flatMap((kubernetesVersion) =>
      (
        [{ name: 'public' }, { name: 'public', namespace: 'infra', sectionName: 'https' }] as const
      ).map((gateway) => ({ pattern, kubernetesVersion, gateway })),
    ),
  );

  it.each(gateways)(
    '$pattern with options.gateway $gateway.name/$gateway.namespace at $kubernetesVersion',
    ({ pattern, kubernetesVersion, gateway }) => {
      const request: RenderRequest = {
        pattern,
        name: 'web',
        namespace: 'shop',
        kubernetesVersion,
        options: { gateway },
      };
      const { findings, patterns, yaml } = problems(request);
      expect(findings).toEqual([]);
      expect(patterns).toContain(pattern);
      expect(yaml).toContain('kind: HTTPRoute');
    },
  );

  it.each(MESHES)('service-mesh with %s', (mesh) => {
    const { findings, patterns } = problems({
      pattern: 'service-mesh',
      name: 'web',
      namespace: 'shop',
      options: { mesh },
    });
    expect(findings).toEqual([]);
    expect(patterns).toContain('service-mesh');
  });

  /** Zero-trust variants (issue 17 item 3): callers, route, createNamespace, with and without. */
  const meshVariants: Array<{
    label: string;
    namespace?: string;
    options: RenderRequest['options'];
  }> = [
    { label: 'defaults', namespace: 'shop', options: {} },
    { label: 'no namespace', options: {} },
    {
      label: 'callers',
      namespace: 'shop',
      options: {
        callers: [
          { namespace: 'front', serviceAccount: 'frontend' },
          { namespace: 'batch' },
          { namespace: 'jobs', podLabels: { app: 'reporter' } },
        ],
      },
    },
    {
      label: 'route',
      namespace: 'shop',
      options: { route: { timeout: '10s', retries: { attempts: 2, perTryTimeout: '3s' } } },
    },
    { label: 'createNamespace', namespace: 'shop', options: { createNamespace: true } },
    {
      label: 'everything',
      namespace: 'shop',
      options: {
        createNamespace: true,
        callers: [{ namespace: 'front', serviceAccount: 'frontend' }],
        route: { timeout: '1m', retries: { attempts: 3 } },
      },
    },
  ];
  const meshMatrix = MESHES.flatMap((mesh) =>
    KUBERNETES_VERSIONS.flatMap((kubernetesVersion) =>
      meshVariants.map((v) => ({ mesh, kubernetesVersion, ...v })),
    ),
  );

  it.each(meshMatrix)(
    'service-mesh with $mesh at $kubernetesVersion: $label',
    ({ mesh, kubernetesVersion, namespace, options }) => {
      const { findings, patterns } = problems({
        pattern: 'service-mesh',
        name: 'web',
        namespace,
        kubernetesVersion,
        options: { ...options, mesh },
      });
      expect(findings).toEqual([]);
      expect(patterns).toContain('service-mesh');
    },
  );

  // Issue 16: a hand-off without RWX storage renders a ReadWriteOnce claim and keeps pods on one node.
  it.each(
    KUBERNETES_VERSIONS.flatMap((kubernetesVersion) =>
      (['Deployment', 'Job'] as const).map((workload) => ({ kubernetesVersion, workload })),
    ),
  )('shared-pvc with accessMode ReadWriteOnce as $workload at $kubernetesVersion', (input) => {
    const { findings, patterns } = problems({
      pattern: 'shared-pvc',
      name: 'web',
      ...input,
      options: { accessMode: 'ReadWriteOnce' },
    });
    expect(findings).toEqual([]);
    expect(patterns).toContain('shared-pvc');
  });

  const tlsMatrix = KUBERNETES_VERSIONS.flatMap((kubernetesVersion) =>
    (
      [
        ['sidecar-proxy', 'nginx', {}],
        ['sidecar-proxy', 'envoy', { issuer: { name: 'corp-ca', kind: 'ClusterIssuer' } }],
        ['service-clusterip', 'nginx', {}],
        ['service-clusterip', 'nginx', { issuer: { name: 'team-ca' } }],
      ] as const
    ).map(([pattern, proxy, tls]) => ({ pattern, proxy, tls, kubernetesVersion })),
  );

  it.each(tlsMatrix)(
    '$pattern with options.tls $tls at $kubernetesVersion',
    ({ pattern, proxy, tls, kubernetesVersion }) => {
      const { findings, patterns } = problems({
        pattern,
        name: 'web',
        namespace: 'shop',
        kubernetesVersion,
        options: { proxy, tls: structuredClone(tls), callers: [{ namespace: 'front' }] },
      });
      expect(findings).toEqual([]);
      expect(patterns).toContain(pattern);
    },
  );

  it('a TLS Secret of the caller, outside the bundle: clean at scope partial, and the notes say so', () => {
    const request: RenderRequest = {
      pattern: 'sidecar-proxy',
      name: 'web',
      options: { tls: { secretName: 'web-cert' } },
    };
    const { yaml, notes } = render(request);
    const findings = (scope: 'complete' | 'partial') =>
      validateManifest(yaml, { pattern: request.pattern, scope }).findings.filter(
        (f) => f.severity !== 'info',
      );
    expect(findings('partial')).toEqual([]);
    expect(findings('complete').map((f) => f.ruleId)).toEqual(['reference/secret-missing']);
    expect(notes.join('\n')).toContain('web-cert is not part of this bundle: it must exist');
  });

  it('networkPolicy false: the only warning is the one the notes announce', () => {
    const { findings } = problems({
      pattern: 'service-clusterip',
      name: 'web',
      options: { networkPolicy: false },
    });
    expect(findings.map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      'warning networkpolicy/pod-not-isolated',
    ]);
    expect(
      render({
        pattern: 'service-clusterip',
        name: 'web',
        options: { networkPolicy: false },
      }).notes.join('\n'),
    ).toContain('networkpolicy/pod-not-isolated');
  });
});

const quantity = (unit: string, min: number, max: number) =>
  fc.integer({ min, max }).map((n) => `${n}${unit}`);
const port = fc.integer({ min: 1025, max: 65535 }).filter((p) => p < 15000 || p > 15090);
const container = fc.record(
  {
    image: fc.constantFrom(
      'ghcr.io/acme/app:1.4.2',
      'registry.example.com:5000/team/api:v2',
      'nginxdemos/hello:0.4',
    ),
    port,
    args: fc.array(fc.stringMatching(/^--[a-z]{1,8}=[a-z0-9]{1,8}$/), { maxLength: 3 }),
    command: fc.constantFrom<string[]>(
      ['/app/server'],
      ['sh', '-c', 'exec /app/server --listen :8080'],
    ),
    resources: fc.record(
      {
        // Limits above every request and sizeLimit drawn here: clashes are 400s, tested elsewhere.
        limits: fc.record(
          { cpu: quantity('m', 500, 2000), memory: quantity('Mi', 513, 2048) },
          { requiredKeys: [] },
        ),
        requests: fc.record(
          { cpu: quantity('m', 10, 500), memory: quantity('Mi', 16, 128) },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Random valid requests: every field the DTO accepts, in the ranges it accepts. */
const request: fc.Arbitrary<RenderRequest> = fc
  .record(
    {
      pattern: fc.constantFrom(...PATTERN_IDS),
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/).filter((n) => !n.includes('--')),
      namespace: fc.constantFrom('shop', 'team-a'),
      kubernetesVersion: fc.constantFrom(...KUBERNETES_VERSIONS),
      workload: fc.constantFrom(...WORKLOAD_KINDS),
      replicas: fc.integer({ min: 1, max: 5 }),
      containers: fc.record({ app: container, peer: container }, { requiredKeys: [] }),
      options: fc.record(
        {
          proxy: fc.constantFrom(...PROXIES),
          proxyPort: port,
          mountPath: fc.constantFrom('/shared', '/data/exchange', '/srv/files'),
          sizeLimit: quantity('Mi', 1, 512),
          socketPath: fc.constantFrom('/run/app/app.sock', '/sockets/api.sock'),
          mesh: fc.constantFrom(...MESHES),
          storage: quantity('Gi', 1, 100),
          storageClassName: fc.constantFrom('nfs-client', 'cephfs'),
          callers: fc.array(
            fc.record(
              {
                namespace: fc.constantFrom('front', 'batch'),
                serviceAccount: fc.constantFrom('frontend', 'worker'),
                podLabels: fc.constant({ app: 'client' }),
              },
              { requiredKeys: ['namespace'] },
            ),
            { minLength: 1, maxLength: 3 },
          ),
          createNamespace: fc.boolean(),
          // perTryTimeout (at most 5s) never exceeds timeout (at least 10s): longer is a 400, tested elsewhere.
          route: fc.record(
            {
              timeout: fc.constantFrom('10s', '1m', '1m30s'),
              retries: fc.record(
                {
                  attempts: fc.integer({ min: 1, max: 10 }),
                  perTryTimeout: fc.constantFrom('500ms', '5s'),
                },
                { requiredKeys: ['attempts'] },
              ),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['pattern', 'name'] },
  )
  // message-broker's peer is the broker: its configuration is NATS's, so only NATS images fit.
  .map((r) =>
    r.pattern === 'message-broker' && r.containers?.peer?.image
      ? {
          ...r,
          containers: {
            ...r.containers,
            peer: { ...r.containers.peer, image: 'nats:2.10.22-alpine' },
          },
        }
      : r,
  )
  // A Namespace is created only for a named one (without, a 400 tested elsewhere).
  .map((r) =>
    r.options?.createNamespace && !r.namespace
      ? { ...r, options: { ...r.options, createNamespace: false } }
      : r,
  )
  // Port clashes are refused with a 400 (tested elsewhere); a Job of a classic sidecar with a 422.
  .filter((r) => {
    const ports = [r.containers?.app?.port, r.options?.proxyPort, r.containers?.peer?.port].filter(
      (p) => p !== undefined,
    );
    if (new Set(ports).size !== ports.length) return false;
    if (
      [r.options?.proxyPort, r.containers?.peer?.port].some(
        (p) => p === 8080 || p === 8081 || p === 9898 || p === 8222,
      )
    )
      return false;
    return !(
      r.pattern === 'sidecar-proxy' &&
      r.workload === 'Job' &&
      (r.kubernetesVersion ?? '1.34') === '1.28'
    );
  });

describe('property: random valid requests', () => {
  it('always render and always round-trip clean', () => {
    fc.assert(
      fc.property(request, (r) => {
        const { findings, patterns, yaml } = problems(r);
        if (findings.length > 0 || !patterns.includes(r.pattern)) {
          throw new Error(
            `${JSON.stringify(r)}\n${findings.join('\n')}\npatterns: ${patterns.join(', ')}\n${yaml}`,
          );
        }
      }),
      {
        numRuns: Number(process.env.ROUND_TRIP_RUNS ?? 50),
        seed: Number(process.env.ROUND_TRIP_SEED ?? 4242),
      },
    );
  });
});
