import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ManifestObject, RuleContext, ValidationOptions } from '../engine/types.js';
import { detectPatterns, PATTERN_IDS, PATTERN_STRUCTURE } from './patterns.js';

// A hand-built context: pattern detection must not depend on the engine's parser.
function contextOf(text: string, options: Partial<ValidationOptions> = {}): RuleContext {
  const objects: ManifestObject[] = parseAllDocuments(text).map((doc, documentIndex) => {
    const raw = (doc.toJS() ?? {}) as Record<string, any>;
    return {
      ref: {
        documentIndex,
        apiVersion: raw.apiVersion,
        kind: raw.kind,
        name: raw.metadata?.name,
        namespace: raw.metadata?.namespace,
      },
      basePath: [],
      raw,
      key: `${raw.kind}/${raw.metadata?.namespace}/${raw.metadata?.name}`,
      line: 1,
    };
  });
  return {
    objects,
    options: { kubernetesVersion: '1.34', scope: 'complete', ...options },
    byKey: new Map(objects.map((o) => [o.key, o])),
    byKind: (kind) => objects.filter((o) => o.ref.kind === kind),
    lookup: (kind, namespace, name) =>
      objects.find(
        (o) =>
          o.ref.kind === kind &&
          o.ref.name === name &&
          (o.ref.namespace ?? 'default') === (namespace ?? 'default'),
      ),
    report: () => undefined,
  };
}

const pod = (name: string, spec: string, meta = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
${meta}spec:
${spec}`;

describe('detectPatterns', () => {
  it('knows the twelve DESIGN §2 patterns and says what defines each', () => {
    expect(PATTERN_IDS).toHaveLength(12);
    for (const id of PATTERN_IDS) expect(PATTERN_STRUCTURE[id].length).toBeGreaterThan(20);
  });

  it('finds object-storage from a MinIO Service, or from an S3 endpoint with a key from a Secret', () => {
    const store = contextOf(`apiVersion: v1
kind: Service
metadata: { name: s3, namespace: shop }
spec: { selector: { app: s3 }, ports: [{ port: 9000 }] }
---
${pod('s3', '  containers: [{ name: minio, image: quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z }]', '  labels: { app: s3 }\n')}`);
    expect(detectPatterns(store).map((d) => d.pattern)).toContain('object-storage');
    const client = contextOf(
      pod(
        'etl',
        `  containers:
    - name: etl
      image: ghcr.io/acme/etl:1.0.0
      env:
        - { name: AWS_ENDPOINT_URL, value: 'https://s3.eu-west-1.amazonaws.com' }
        - name: AWS_ACCESS_KEY_ID
          valueFrom: { secretKeyRef: { name: s3, key: accessKey } }`,
      ),
    );
    expect(detectPatterns(client)).toEqual([
      { pattern: 'object-storage', objects: ['Pod/shop/etl'] },
    ]);
    // A literal key is not the pattern's structure (and container/secret-in-env says why).
    const literal = contextOf(
      pod(
        'etl',
        `  containers:
    - name: etl
      image: ghcr.io/acme/etl:1.0.0
      env: [{ name: S3_ENDPOINT, value: 'http://s3:9000' }, { name: AWS_ACCESS_KEY_ID, value: x }]`,
      ),
    );
    expect(detectPatterns(literal)).toEqual([]);
  });

  it('finds node-agent only for a DaemonSet that reads the node logs read-only', () => {
    const ds = (readOnly: boolean) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: fluent-bit, namespace: logging }
spec:
  selector: { matchLabels: { app: fb } }
  template:
    metadata: { labels: { app: fb } }
    spec:
      containers:
        - name: fb
          image: cr.fluentbit.io/fluent/fluent-bit:3.2.2
          volumeMounts: [{ name: varlog, mountPath: /var/log, readOnly: ${readOnly} }]
      volumes: [{ name: varlog, hostPath: { path: /var/log/ } }]
`;
    expect(detectPatterns(contextOf(ds(true)))).toEqual([
      { pattern: 'node-agent', objects: ['DaemonSet/logging/fluent-bit'] },
    ]);
    expect(detectPatterns(contextOf(ds(false)))).toEqual([]);
  });

  it('finds service-headless (headless Service named by a StatefulSet) but not service-clusterip for it', () => {
    const ctx = contextOf(`apiVersion: v1
kind: Service
metadata: { name: db, namespace: data }
spec: { clusterIP: None, selector: { app: db }, ports: [{ port: 5432 }] }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  serviceName: db
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: postgres:17.2 }] }
`);
    expect(detectPatterns(ctx)).toEqual([
      { pattern: 'service-headless', objects: ['Service/data/db', 'StatefulSet/data/db'] },
    ]);
  });

  it('finds pod-localhost, shared-volume-memory and unix-socket from the pod spec', () => {
    const ctx = contextOf(
      [
        pod(
          'local',
          `  containers:
    - { name: app, image: app:1, env: [{ name: CACHE_URL, value: "redis://127.0.0.1:6379" }] }
    - { name: cache, image: valkey/valkey:8.0.1, ports: [{ containerPort: 6379 }] }
`,
        ),
        pod(
          'shm',
          `  containers:
    - { name: a, image: a:1, volumeMounts: [{ name: shm, mountPath: /dev/shm }] }
    - { name: b, image: b:1, volumeMounts: [{ name: shm, mountPath: /dev/shm }] }
  volumes:
    - { name: shm, emptyDir: { medium: Memory, sizeLimit: 64Mi } }
`,
        ),
        pod(
          'uds',
          `  containers:
    - { name: server, image: s:1, args: ["--listen=unix:/run/app/app.sock"], volumeMounts: [{ name: run, mountPath: /run/app }] }
    - { name: client, image: c:1, volumeMounts: [{ name: run, mountPath: /run/app }] }
  volumes:
    - { name: run, emptyDir: { sizeLimit: 1Mi } }
`,
        ),
      ].join('---\n'),
    );
    expect(detectPatterns(ctx)).toEqual([
      { pattern: 'pod-localhost', objects: ['Pod/shop/local'] },
      { pattern: 'shared-volume-disk', objects: ['Pod/shop/uds'] },
      { pattern: 'shared-volume-memory', objects: ['Pod/shop/shm'] },
      { pattern: 'unix-socket', objects: ['Pod/shop/uds'] },
    ]);
  });

  it('finds sidecar-proxy with the Service and ConfigMap involved', () => {
    const ctx = contextOf(`apiVersion: v1
kind: ConfigMap
metadata: { name: proxy, namespace: shop }
data: { envoy.yaml: "static_resources: {}" }
---
${pod(
  'web',
  `  initContainers:
    - { name: envoy, image: "ghcr.io/mirror/envoyproxy/envoy:v1.31.2", restartPolicy: Always, volumeMounts: [{ name: conf, mountPath: /etc/envoy }] }
  containers:
    - { name: app, image: app:1 }
  volumes:
    - { name: conf, configMap: { name: proxy } }
`,
  '  labels: { app: web }\n',
)}---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
`);
    expect(detectPatterns(ctx).find((d) => d.pattern === 'sidecar-proxy')).toEqual({
      pattern: 'sidecar-proxy',
      objects: ['ConfigMap/shop/proxy', 'Pod/shop/web', 'Service/shop/web'],
    });
  });

  it('finds service-mesh from namespace labels, pod annotations and PeerAuthentication', () => {
    const ctx = contextOf(`apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { istio-injection: enabled } }
---
${pod('web', '  containers: [{ name: app, image: app:1 }]\n')}---
${pod('linkerd', '  containers: [{ name: app, image: app:1 }]\n', '  annotations: { linkerd.io/inject: enabled }\n').replace('namespace: shop', 'namespace: other')}---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: shop }
spec: { mtls: { mode: STRICT } }
`);
    expect(detectPatterns(ctx)).toEqual([
      {
        pattern: 'service-mesh',
        objects: [
          'Namespace/shop',
          'Pod/shop/web',
          'Pod/other/linkerd',
          'PeerAuthentication/shop/default',
        ],
      },
    ]);
  });

  it('finds shared-pvc only for ReadWriteMany claims used by several workloads', () => {
    const deploy = (name: string, claim: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: app, image: app:1, volumeMounts: [{ name: data, mountPath: /data }] }]
      volumes: [{ name: data, persistentVolumeClaim: { claimName: ${claim} } }]
`;
    const ctx = contextOf(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: media, namespace: shop }
spec: { accessModes: [ReadWriteMany], resources: { requests: { storage: 10Gi } } }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: solo, namespace: shop }
spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } }
---
${deploy('writer', 'media')}---
${deploy('reader', 'media')}---
${deploy('a', 'solo')}---
${deploy('b', 'solo')}`);
    expect(detectPatterns(ctx)).toEqual([
      {
        pattern: 'shared-pvc',
        objects: [
          'PersistentVolumeClaim/shop/media',
          'Deployment/shop/writer',
          'Deployment/shop/reader',
        ],
      },
    ]);
  });

  it('finds message-broker: a broker image behind a Service (and operator-managed clusters)', () => {
    const ctx = contextOf(`apiVersion: apps/v1
kind: StatefulSet
metadata: { name: nats, namespace: shop }
spec:
  serviceName: nats
  selector: { matchLabels: { app: nats } }
  template:
    metadata: { labels: { app: nats } }
    spec: { containers: [{ name: nats, image: "nats:2.10.22-alpine", ports: [{ containerPort: 4222, name: client }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: nats-client, namespace: shop }
spec: { selector: { app: nats }, ports: [{ port: 4222, targetPort: client }] }
---
apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata: { name: events, namespace: shop }
spec: {}
`);
    expect(detectPatterns(ctx)).toEqual([
      {
        pattern: 'service-clusterip',
        objects: ['StatefulSet/shop/nats', 'Service/shop/nats-client'],
      },
      {
        pattern: 'message-broker',
        objects: ['StatefulSet/shop/nats', 'Service/shop/nats-client', 'Kafka/shop/events'],
      },
    ]);
  });

  it('returns nothing for an empty bundle and never throws on garbage', () => {
    expect(detectPatterns(contextOf(''))).toEqual([]);
    expect(
      detectPatterns(
        contextOf(
          'kind: Pod\nspec: { containers: 7, volumes: "x" }\n---\n- 1\n---\nkind: Service\nspec: []\n',
        ),
      ),
    ).toEqual([]);
  });
});
