import { describe, expect, it } from 'vitest';
import { BadRequestError, UnprocessableError } from '../common/errors.js';
import { render } from './render.js';
import { type K8sObject, PATTERN_IDS, type RenderRequest } from './renderers/types.js';

type Any = Record<string, any>;

const POD_KINDS = new Set(['Deployment', 'StatefulSet', 'Job', 'Pod']);

function podsOf(objects: K8sObject[]): Array<{ object: Any; meta: Any; spec: Any }> {
  return (objects as Any[])
    .filter((o) => POD_KINDS.has(o.kind))
    .map((o) =>
      o.kind === 'Pod'
        ? { object: o, meta: o.metadata, spec: o.spec }
        : { object: o, meta: o.spec.template.metadata, spec: o.spec.template.spec },
    );
}

function allContainers(spec: Any): Any[] {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

const byKind = (objects: K8sObject[], kind: string): Any[] =>
  (objects as Any[]).filter((o) => o.kind === kind);

const requests: RenderRequest[] = PATTERN_IDS.flatMap((pattern) =>
  (['Deployment', 'StatefulSet', 'Job', 'Pod'] as const).map((workload) => ({
    pattern,
    name: 'web',
    workload,
    kubernetesVersion: '1.34' as const,
  })),
);

describe('every rendered pod is production grade', () => {
  it.each(requests)('$pattern as $workload', (request) => {
    const { objects } = render(request);
    const pods = podsOf(objects);
    expect(pods.length).toBeGreaterThan(0);
    for (const { meta, spec } of pods) {
      expect(Object.keys(meta.labels)).toEqual(
        expect.arrayContaining([
          'app.kubernetes.io/name',
          'app.kubernetes.io/instance',
          'app.kubernetes.io/component',
          'app.kubernetes.io/part-of',
          'app.kubernetes.io/managed-by',
        ]),
      );
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.hostNetwork).toBeUndefined();
      for (const c of allContainers(spec)) {
        expect(c.securityContext).toEqual({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(c.image).toMatch(/:[\w.-]+$/);
        expect(c.image).not.toMatch(/:latest$/);
        expect(c.resources.requests).toEqual({
          cpu: expect.any(String),
          memory: expect.any(String),
        });
        expect(c.resources.limits.memory).toEqual(expect.any(String));
        if (c.ports) {
          expect(c.readinessProbe).toBeDefined();
          expect(c.livenessProbe).toBeDefined();
        }
      }
      for (const v of spec.volumes ?? []) {
        expect(v.hostPath).toBeUndefined();
        if (v.emptyDir) expect(v.emptyDir.sizeLimit).toEqual(expect.any(String));
      }
    }
    // Services select exactly the pods of one rendered workload.
    for (const svc of byKind(objects, 'Service')) {
      const matching = pods.filter(({ meta }) =>
        Object.entries(svc.spec.selector).every(([k, v]) => meta.labels[k] === v),
      );
      expect(matching).toHaveLength(1);
    }
    // A NetworkPolicy selects every pod template.
    for (const { meta } of pods) {
      const selecting = byKind(objects, 'NetworkPolicy').filter((np) =>
        Object.entries(np.spec.podSelector.matchLabels).every(([k, v]) => meta.labels[k] === v),
      );
      expect(selecting.length).toBeGreaterThan(0);
    }
  });
});

describe('pattern specifics', () => {
  it('shared-volume-memory sizes the tmpfs and raises memory limits by its size', () => {
    const { objects } = render({
      pattern: 'shared-volume-memory',
      name: 'web',
      options: { sizeLimit: '256Mi' },
    });
    const [{ spec }] = podsOf(objects);
    expect(spec.volumes.find((v: Any) => v.name === 'shared').emptyDir).toEqual({
      medium: 'Memory',
      sizeLimit: '256Mi',
    });
    expect(spec.containers.map((c: Any) => c.resources.limits.memory)).toEqual(['512Mi', '320Mi']);
    expect(spec.containers.map((c: Any) => c.volumeMounts.at(-1))).toEqual([
      { name: 'shared', mountPath: '/shared' },
      { name: 'shared', mountPath: '/shared' },
    ]);
  });

  it('shared-volume-memory refuses a caller memory limit that leaves no room for the tmpfs', () => {
    const request: RenderRequest = {
      pattern: 'shared-volume-memory',
      name: 'web',
      containers: { peer: { resources: { limits: { memory: '64Mi' } } } },
    };
    expect(() => render(request)).toThrow(BadRequestError);
  });

  it('unix-socket mounts one emptyDir in both containers and passes the socket path', () => {
    const { objects } = render({
      pattern: 'unix-socket',
      name: 'web',
      options: { socketPath: '/sockets/api.sock' },
    });
    const [{ spec }] = podsOf(objects);
    for (const c of spec.containers) {
      expect(c.volumeMounts).toContainEqual({ name: 'socket', mountPath: '/sockets' });
      expect(c.env).toContainEqual({ name: 'SOCKET_PATH', value: '/sockets/api.sock' });
    }
    expect(spec.volumes).toContainEqual({ name: 'socket', emptyDir: { sizeLimit: '1Mi' } });
  });

  it('service-headless pairs clusterIP None with a StatefulSet of that serviceName, whatever the workload asked', () => {
    const { objects, notes } = render({
      pattern: 'service-headless',
      name: 'db',
      workload: 'Deployment',
    });
    const [svc] = byKind(objects, 'Service');
    expect(svc.spec.clusterIP).toBe('None');
    const [sts] = byKind(objects, 'StatefulSet');
    expect(sts.spec.serviceName).toBe('db');
    expect(byKind(objects, 'Deployment')).toEqual([]);
    expect(notes[0]).toMatch(/workload Deployment replaced by StatefulSet/);
  });

  it.each([
    ['istio', { 'sidecar.istio.io/inject': 'true' }, undefined, true],
    ['istio-ambient', { 'istio.io/dataplane-mode': 'ambient' }, undefined, true],
    ['linkerd', {}, { 'linkerd.io/inject': 'enabled' }, false],
  ] as const)('service-mesh with %s', (mesh, podLabels, podAnnotations, peerAuthentication) => {
    const { objects } = render({
      pattern: 'service-mesh',
      name: 'api',
      namespace: 'pay',
      options: { mesh },
    });
    const [{ meta }] = podsOf(objects);
    expect(meta.labels).toMatchObject(podLabels);
    if (podAnnotations) expect(meta.annotations).toMatchObject(podAnnotations);
    // GitOps owns namespaces: none unless options.createNamespace (service-mesh.renderer.spec.ts).
    expect(byKind(objects, 'Namespace')).toEqual([]);
    const pa = byKind(objects, 'PeerAuthentication');
    expect(pa.map((p) => p.spec.mtls.mode)).toEqual(peerAuthentication ? ['STRICT'] : []);
  });

  it('shared-pvc renders a ReadWriteMany claim mounted by two workloads', () => {
    const { objects } = render({
      pattern: 'shared-pvc',
      name: 'media',
      options: { storage: '50Gi', storageClassName: 'nfs-client' },
    });
    const [pvc] = byKind(objects, 'PersistentVolumeClaim');
    expect(pvc.spec).toEqual({
      accessModes: ['ReadWriteMany'],
      storageClassName: 'nfs-client',
      resources: { requests: { storage: '50Gi' } },
    });
    const claimants = podsOf(objects).filter(({ spec }) =>
      spec.volumes.some((v: Any) => v.persistentVolumeClaim?.claimName === 'media-data'),
    );
    expect(claimants.map(({ object }) => object.metadata.name)).toEqual(['media', 'media-peer']);
  });

  it('message-broker wires the client to the NATS StatefulSet through its headless Service', () => {
    const { objects } = render({ pattern: 'message-broker', name: 'orders' });
    const [sts] = byKind(objects, 'StatefulSet');
    expect(sts.metadata.name).toBe('orders-nats');
    expect(sts.spec.serviceName).toBe('orders-nats');
    expect(sts.spec.template.spec.containers[0].image).toBe('nats:2.10-alpine');
    const [svc] = byKind(objects, 'Service');
    expect(svc.metadata.name).toBe('orders-nats');
    expect(svc.spec.clusterIP).toBe('None');
    const [client] = byKind(objects, 'Deployment');
    expect(client.spec.template.spec.containers[0].env).toContainEqual({
      name: 'NATS_URL',
      value: 'nats://orders-nats:4222',
    });
    const [config] = byKind(objects, 'ConfigMap');
    expect(config.data['nats.conf']).toContain('jetstream {');
  });

  it('sidecar-proxy can proxy to a Unix socket with either proxy', () => {
    const nginx = render({
      pattern: 'sidecar-proxy',
      name: 'web',
      options: { socketPath: '/run/app/app.sock' },
    });
    expect(byKind(nginx.objects, 'ConfigMap')[0].data['default.conf']).toContain(
      'server unix:/run/app/app.sock;',
    );
    const envoy = render({
      pattern: 'sidecar-proxy',
      name: 'web',
      options: { proxy: 'envoy', socketPath: '/run/app/app.sock' },
    });
    expect(byKind(envoy.objects, 'ConfigMap')[0].data['envoy.yaml']).toContain(
      'path: /run/app/app.sock',
    );
  });

  it('the checksum annotation follows the proxy configuration', () => {
    const checksum = (proxyPort: number) =>
      podsOf(render({ pattern: 'sidecar-proxy', name: 'web', options: { proxyPort } }).objects)[0]
        .meta.annotations['podwire.dev/config-checksum'];
    expect(checksum(8080)).toBe(checksum(8080));
    expect(checksum(8080)).not.toBe(checksum(8443));
  });

  it('a sidecar-proxy Job below 1.29 is unprocessable', () => {
    expect(() =>
      render({ pattern: 'sidecar-proxy', name: 'web', workload: 'Job', kubernetesVersion: '1.28' }),
    ).toThrow(UnprocessableError);
  });

  it('networkPolicy false drops the policy and says the validator will warn', () => {
    const { objects, notes } = render({
      pattern: 'pod-localhost',
      name: 'web',
      options: { networkPolicy: false },
    });
    expect(byKind(objects, 'NetworkPolicy')).toEqual([]);
    expect(notes.at(-1)).toMatch(/networkpolicy\/pod-not-isolated/);
  });

  it('options a pattern does not use are named in a note', () => {
    const { notes } = render({
      pattern: 'service-clusterip',
      name: 'web',
      options: { proxy: 'envoy', mesh: 'linkerd' },
    });
    expect(notes[0]).toBe('options proxy, mesh do not apply to service-clusterip and are ignored.');
  });

  it('YAML has no anchors even where objects repeat', () => {
    const { yaml } = render({ pattern: 'shared-volume-disk', name: 'web' });
    expect(yaml).not.toMatch(/[&*][a-z]\w*\s/i);
  });
});
