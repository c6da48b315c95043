import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ManifestObject, Report, RuleContext } from '../engine/types.js';
import { modelOf } from './bundle-model.js';
import { matchesSelector } from './selectors.js';

// A hand-built context: the model must not depend on the engine's parser.
function contextOf(text: string): RuleContext {
  const objects: ManifestObject[] = parseAllDocuments(text).map((doc, documentIndex) => {
    const raw = (doc.toJS() ?? {}) as Record<string, any>;
    const kind = typeof raw?.kind === 'string' ? raw.kind : undefined;
    return {
      ref: { documentIndex, kind, name: raw?.metadata?.name, namespace: raw?.metadata?.namespace },
      basePath: [],
      raw,
      key: `${kind}/${raw?.metadata?.name}`,
      line: 1,
    };
  });
  const reports: Report[] = [];
  return {
    objects,
    options: { kubernetesVersion: '1.34', scope: 'complete' },
    byKey: new Map(objects.map((o) => [o.key, o])),
    byKind: (kind) => objects.filter((o) => o.ref.kind === kind),
    lookup: () => undefined,
    report: (r) => reports.push(r),
  };
}

const bundle = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web, tier: front }, annotations: { podwire.dev/proxy: proxy } }
    spec:
      initContainers:
        - name: migrate
          image: migrate:1
        - name: proxy
          image: nginx:1.27
          restartPolicy: Always
          ports: [{ containerPort: 8443, name: https }]
          volumeMounts: [{ name: conf, mountPath: /etc/nginx/conf.d, readOnly: true }]
      containers:
        - name: app
          image: app:1
          ports: [{ containerPort: 8080, name: http }, { containerPort: 9000, protocol: UDP }]
          volumeMounts: [{ name: data, mountPath: /data }]
      volumes:
        - name: conf
          configMap: { name: proxy-conf }
        - name: data
          emptyDir: {}
        - name: creds
          projected: { sources: [{ secret: { name: creds } }, { configMap: { name: opt, optional: true } }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ port: 443, targetPort: https }]
---
apiVersion: v1
kind: Service
metadata: { name: other }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np, namespace: shop }
spec:
  podSelector: { matchExpressions: [{ key: tier, operator: In, values: [front] }] }
  egress: []
---
apiVersion: v1
kind: ConfigMap
metadata: { name: proxy-conf, namespace: shop }
data: { default.conf: "listen 8443;", n: 1 }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  jobTemplate:
    spec:
      parallelism: 2
      template:
        metadata: { labels: { app: nightly } }
        spec: { containers: [{ name: job, image: job:1 }] }
`;

describe('modelOf', () => {
  it('resolves pod templates with roles, ports, mounts and volumes', () => {
    const model = modelOf(contextOf(bundle));
    expect(model.pods.map((p) => `${p.kind}/${p.namespace}`)).toEqual([
      'Deployment/shop',
      'CronJob/default',
    ]);
    const [web, cron] = model.pods;
    expect(web.specPath).toEqual(['spec', 'template', 'spec']);
    expect(web.metadataPath).toEqual(['spec', 'template', 'metadata']);
    expect(web.replicas).toBe(3);
    expect(web.annotations).toEqual({ 'podwire.dev/proxy': 'proxy' });
    expect(web.containers.map((c) => [c.name, c.role, c.index])).toEqual([
      ['migrate', 'init', 0],
      ['proxy', 'sidecar', 1],
      ['app', 'container', 0],
    ]);
    expect(web.containers[1].path).toEqual(['spec', 'template', 'spec', 'initContainers', 1]);
    expect(web.portsByNumber(9000).map((p) => p.protocol)).toEqual(['UDP']);
    expect(web.portsByNumber(9000, 'TCP')).toEqual([]);
    expect(web.portsByName('https')[0].container.name).toBe('proxy');
    expect(web.portsByName('https')[0].path).toEqual([
      'spec',
      'template',
      'spec',
      'initContainers',
      1,
      'ports',
      0,
    ]);
    expect(
      web.volumes.map((v) => [v.name, v.source, v.mounts.map((m) => m.container.name)]),
    ).toEqual([
      ['conf', 'configMap', ['proxy']],
      ['data', 'emptyDir', ['app']],
      ['creds', 'projected', []],
    ]);
    expect(cron.specPath).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    expect(cron.replicas).toBe(2);
  });

  it('links Services and NetworkPolicies to the pods they select, by namespace', () => {
    const model = modelOf(contextOf(bundle));
    const [web] = model.pods;
    expect(model.services.map((s) => [s.name, s.namespace, s.pods.length])).toEqual([
      ['web', 'shop', 1],
      ['other', 'default', 0],
    ]);
    expect(model.services[0].ports[0]).toMatchObject({
      port: 443,
      targetPort: 'https',
      protocol: 'TCP',
      path: ['spec', 'ports', 0],
    });
    expect(model.servicesSelecting(web).map((s) => s.name)).toEqual(['web']);
    expect(model.policiesSelecting(web).map((p) => p.name)).toEqual(['np']);
    expect(model.networkPolicies[0].policyTypes).toEqual(['Ingress', 'Egress']);
    expect(model.configMapData('shop', 'proxy-conf')).toEqual({ 'default.conf': 'listen 8443;' });
    expect(model.configMapData('default', 'proxy-conf')).toBeUndefined();
    expect(model.find('Service', 'default', 'other')?.raw.metadata).toEqual({ name: 'other' });
  });

  it('lists ConfigMap, Secret and PVC references with their paths and optionality', () => {
    const model = modelOf(contextOf(bundle));
    expect(
      model.references.map((r) => [r.kind, r.name, r.optional, r.via, r.path.join('/')]),
    ).toEqual([
      ['ConfigMap', 'proxy-conf', false, 'volume', 'spec/template/spec/volumes/0/configMap/name'],
      [
        'Secret',
        'creds',
        false,
        'projected',
        'spec/template/spec/volumes/2/projected/sources/0/secret/name',
      ],
      [
        'ConfigMap',
        'opt',
        true,
        'projected',
        'spec/template/spec/volumes/2/projected/sources/1/configMap/name',
      ],
    ]);
  });

  it('is memoised per context', () => {
    const ctx = contextOf(bundle);
    expect(modelOf(ctx)).toBe(modelOf(ctx));
  });

  it('skips garbage instead of throwing', () => {
    const garbage = `
kind: Deployment
metadata: { name: bad, namespace: 7 }
spec:
  template:
    metadata: { labels: "x" }
    spec:
      containers: "nope"
      initContainers: [null, 3, { name: a, ports: "x", volumeMounts: [null, { mountPath: /x }] }]
      volumes: [{ emptyDir: {} }, "x", { name: v }]
---
kind: Service
spec: { selector: [1], ports: { a: 1 } }
---
kind: NetworkPolicy
spec: { podSelector: "all" }
---
kind: Pod
spec: null
---
null
`;
    const model = modelOf(contextOf(garbage));
    // The Pod with `spec: null` is kept (its labels can still be selected), with no containers.
    expect(model.pods.map((p) => [p.kind, p.containers.length])).toEqual([
      ['Deployment', 1],
      ['Pod', 0],
    ]);
    expect(model.pods[0].namespace).toBe('default');
    expect(model.pods[0].containers.map((c) => c.name)).toEqual(['a']);
    expect(model.pods[0].volumes.map((v) => [v.name, v.source])).toEqual([['v', '']]);
    expect(model.services[0]).toMatchObject({ selector: undefined, ports: [], pods: [] });
    expect(model.networkPolicies[0].pods).toEqual([]);
  });
});

describe('matchesSelector', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'api' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'Exists' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, false],
    [null, false],
    ['app=web', false],
  ])('%j → %s', (selector, expected) => {
    expect(matchesSelector(labels, selector)).toBe(expected);
  });
});
