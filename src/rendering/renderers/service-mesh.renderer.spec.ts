import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../common/errors.js';
import { render } from '../render.js';
import { durationMs } from './mesh-route.js';
import { type K8sObject, MESHES, type RenderRequest } from './types.js';

type Any = Record<string, any>;

const byKind = (objects: K8sObject[], kind: string): Any[] =>
  (objects as Any[]).filter((o) => o.kind === kind);

/** `namespace: null`: the request names none. */
function mesh(options: RenderRequest['options'], namespace: string | null = 'shop') {
  return render({
    pattern: 'service-mesh',
    name: 'web',
    namespace: namespace ?? undefined,
    options,
  });
}

function badRequestFields(run: () => unknown): string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof BadRequestError) return (e.errors ?? []).map((f) => f.field);
    throw e;
  }
  throw new Error('no BadRequestError');
}

describe('service-mesh: zero trust (DESIGN §10)', () => {
  it.each(MESHES)('%s: a ServiceAccount per workload, no API token anywhere', (m) => {
    const { objects } = mesh({ mesh: m });
    const accounts = byKind(objects, 'ServiceAccount');
    expect(accounts.map((a) => [a.metadata.name, a.automountServiceAccountToken])).toEqual([
      ['web', false],
      ['web-peer', false],
    ]);
    const deployments = byKind(objects, 'Deployment');
    expect(
      deployments.map((d) => [
        d.metadata.name,
        d.spec.template.spec.serviceAccountName,
        d.spec.template.spec.automountServiceAccountToken,
      ]),
    ).toEqual([
      ['web', 'web', false],
      ['web-peer', 'web-peer', false],
    ]);
  });

  it.each(MESHES)('%s: no Namespace unless options.createNamespace', (m) => {
    expect(byKind(mesh({ mesh: m }).objects, 'Namespace')).toEqual([]);
    expect(mesh({ mesh: m }).notes.join('\n')).toMatch(/No Namespace is rendered/);
    const [ns] = byKind(mesh({ mesh: m, createNamespace: true }).objects, 'Namespace');
    expect(ns.metadata.name).toBe('shop');
    expect({ ...ns.metadata.labels, ...ns.metadata.annotations }).toMatchObject(
      m === 'istio'
        ? { 'istio-injection': 'enabled' }
        : m === 'linkerd'
          ? { 'linkerd.io/inject': 'enabled' }
          : { 'istio.io/dataplane-mode': 'ambient' },
    );
  });

  it('createNamespace without a namespace is a 400 naming the field', () => {
    expect(badRequestFields(() => mesh({ createNamespace: true }, null))).toEqual([
      'options.createNamespace',
    ]);
  });

  it.each(MESHES)('%s: the Service port says its protocol', (m) => {
    const [svc] = byKind(mesh({ mesh: m }).objects, 'Service');
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
    ]);
  });

  it.each(['istio', 'istio-ambient'] as const)(
    '%s: STRICT mTLS and an AuthorizationPolicy admitting only the peer by default',
    (m) => {
      const { objects } = mesh({ mesh: m });
      expect(byKind(objects, 'PeerAuthentication').map((p) => p.spec.mtls)).toEqual([
        { mode: 'STRICT' },
      ]);
      const [policy] = byKind(objects, 'AuthorizationPolicy');
      expect(policy.apiVersion).toBe('security.istio.io/v1');
      expect(policy.spec).toEqual({
        selector: {
          matchLabels: {
            'app.kubernetes.io/name': 'web',
            'app.kubernetes.io/instance': 'web',
            'app.kubernetes.io/component': 'app',
          },
        },
        action: 'ALLOW',
        rules: [
          {
            from: [{ source: { principals: ['cluster.local/ns/shop/sa/web-peer'] } }],
            to: [{ operation: { ports: ['9898'] } }],
          },
        ],
      });
    },
  );

  it('istio: callers become principals and namespaces, and no stand-in peer is rendered', () => {
    const { objects, notes } = mesh({
      mesh: 'istio',
      callers: [
        { namespace: 'front', serviceAccount: 'frontend' },
        { serviceAccount: 'worker' },
        { namespace: 'batch' },
        { namespace: 'jobs', podLabels: { app: 'reporter' } },
      ],
    });
    const [policy] = byKind(objects, 'AuthorizationPolicy');
    expect(policy.spec.rules[0].from).toEqual([
      {
        source: {
          principals: ['cluster.local/ns/front/sa/frontend', 'cluster.local/ns/shop/sa/worker'],
        },
      },
      { source: { namespaces: ['batch', 'jobs'] } },
    ]);
    expect(byKind(objects, 'Deployment').map((d) => d.metadata.name)).toEqual(['web']);
    expect(byKind(objects, 'ServiceAccount').map((a) => a.metadata.name)).toEqual(['web']);
    expect(notes.join('\n')).toMatch(/not pod labels/);
  });

  it('istio without a namespace: the peer matched by account name; a pod-label caller by mTLS, narrowed by the NetworkPolicy', () => {
    const [policy] = byKind(mesh({ mesh: 'istio' }, null).objects, 'AuthorizationPolicy');
    expect(policy.spec.rules[0].from).toEqual([{ source: { principals: ['*/sa/web-peer'] } }]);
    const labelled = mesh({ mesh: 'istio', callers: [{ podLabels: { app: 'x' } }] }, null).objects;
    expect(byKind(labelled, 'AuthorizationPolicy')[0].spec.rules[0].from).toEqual([
      { source: { principals: ['*'] } },
    ]);
    // The app's namespace is unknown to the mesh policy, but a podSelector alone means it.
    const [network] = byKind(labelled, 'NetworkPolicy');
    expect(network.spec.ingress[0].from).toEqual([{ podSelector: { matchLabels: { app: 'x' } } }]);
  });

  it('an empty caller is a 400 naming it', () => {
    expect(badRequestFields(() => mesh({ callers: [{ namespace: 'a' }, {}] }))).toEqual([
      'options.callers[1]',
    ]);
  });

  it('linkerd: a deny-by-default Server, MeshTLSAuthentication and AuthorizationPolicy', () => {
    const { objects } = mesh({
      mesh: 'linkerd',
      callers: [
        { namespace: 'front', serviceAccount: 'frontend' },
        { serviceAccount: 'worker' },
        { namespace: 'batch' },
        { podLabels: { app: 'reporter' } },
      ],
    });
    expect(byKind(objects, 'PeerAuthentication')).toEqual([]);
    const [server] = byKind(objects, 'Server');
    expect(server.apiVersion).toBe('policy.linkerd.io/v1beta3');
    expect(server.spec).toMatchObject({ port: 'http', accessPolicy: 'deny' });
    const [authn] = byKind(objects, 'MeshTLSAuthentication');
    expect(authn.spec.identityRefs).toEqual([
      { kind: 'ServiceAccount', name: 'frontend', namespace: 'front' },
      { kind: 'ServiceAccount', name: 'worker' },
      { kind: 'ServiceAccount', namespace: 'batch' },
      { kind: 'ServiceAccount' },
    ]);
    const [authz] = byKind(objects, 'AuthorizationPolicy');
    expect(authz.apiVersion).toBe('policy.linkerd.io/v1alpha1');
    expect(authz.spec).toEqual({
      targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'web' },
      requiredAuthenticationRefs: [
        { group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: 'web-callers' },
      ],
    });
  });

  it('linkerd without callers admits the peer ServiceAccount only', () => {
    const [authn] = byKind(mesh({ mesh: 'linkerd' }).objects, 'MeshTLSAuthentication');
    expect(authn.spec.identityRefs).toEqual([{ kind: 'ServiceAccount', name: 'web-peer' }]);
  });
});

describe('service-mesh: the NetworkPolicy admits the same callers', () => {
  const appPolicy = (objects: K8sObject[]): Any =>
    byKind(objects, 'NetworkPolicy').find((p) => p.metadata.name === 'web') ?? {};

  it('by default only the peer pods, on the http port', () => {
    expect(appPolicy(mesh({ mesh: 'istio' }).objects).spec.ingress).toEqual([
      {
        from: [
          {
            podSelector: {
              matchLabels: {
                'app.kubernetes.io/name': 'web',
                'app.kubernetes.io/instance': 'web',
                'app.kubernetes.io/component': 'peer',
              },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ]);
  });

  it('callers as namespace and pod selectors; ambient also admits HBONE and the probe address', () => {
    const { objects } = mesh({
      mesh: 'istio-ambient',
      callers: [
        { namespace: 'front', serviceAccount: 'frontend' },
        { namespace: 'jobs', podLabels: { app: 'reporter' } },
        { podLabels: { app: 'local' } },
        { serviceAccount: 'worker' },
      ],
    });
    const from = [
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'front' } } },
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'jobs' } },
        podSelector: { matchLabels: { app: 'reporter' } },
      },
      { podSelector: { matchLabels: { app: 'local' } } },
      { podSelector: {} },
      { ipBlock: { cidr: '169.254.7.127/32' } },
    ];
    expect(appPolicy(objects).spec.ingress).toEqual([
      { from, ports: [{ protocol: 'TCP', port: 'http' }] },
      { from, ports: [{ protocol: 'TCP', port: 15008 }] },
    ]);
  });
});

describe('service-mesh: options.route (GAMMA HTTPRoute)', () => {
  const route = { timeout: '10s', retries: { attempts: 3, perTryTimeout: '2s' } };

  it('no route, no HTTPRoute', () => {
    expect(byKind(mesh({}).objects, 'HTTPRoute')).toEqual([]);
  });

  it('istio: a Service parent, the request timeout and the per-try timeout', () => {
    const { objects, notes } = mesh({ mesh: 'istio', route });
    const [r] = byKind(objects, 'HTTPRoute');
    expect(r.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(r.spec).toEqual({
      parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }],
      rules: [
        {
          backendRefs: [{ name: 'web', port: 80 }],
          timeouts: { request: '10s', backendRequest: '2s' },
        },
      ],
    });
    expect(r.metadata.annotations).toBeUndefined();
    expect(notes.join('\n')).toMatch(/attempts \(3\) is not rendered for Istio/);
  });

  it('linkerd: retries as its route annotations', () => {
    const [r] = byKind(mesh({ mesh: 'linkerd', route }).objects, 'HTTPRoute');
    expect(r.metadata.annotations).toEqual({
      'retry.linkerd.io/http': '5xx',
      'retry.linkerd.io/limit': '3',
      'retry.linkerd.io/timeout': '2s',
    });
    expect(r.spec.rules[0].timeouts).toEqual({ request: '10s' });
  });

  it('ambient: the notes say a waypoint is needed', () => {
    expect(mesh({ mesh: 'istio-ambient', route }).notes.join('\n')).toMatch(/waypoint/);
  });

  it('a per-try timeout longer than the request timeout is a 400', () => {
    expect(
      badRequestFields(() =>
        mesh({ route: { timeout: '1s', retries: { attempts: 1, perTryTimeout: '1500ms' } } }),
      ),
    ).toEqual(['options.route.retries.perTryTimeout']);
  });

  it('durations add up their groups', () => {
    expect(durationMs('1h2m3s4ms')).toBe(3_723_004);
    expect(durationMs('250ms')).toBe(250);
  });
});
