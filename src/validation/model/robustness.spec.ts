import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { validateManifest } from '../engine/validate.js';

/**
 * The model and the rules built on it read unvalidated JSON: whatever garbage sits where a list or
 * a mapping belongs, they must skip it (schema rules report it), never throw.
 */

const BUNDLE = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop, labels: { app: web } }
spec:
  replicas: 2
  selector: { matchLabels: { app: web }, matchExpressions: [{ key: tier, operator: In, values: [a] }] }
  template:
    metadata: { labels: { app: web, tier: a }, annotations: { podwire.dev/proxy: proxy } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 0 }
      initContainers:
        - name: proxy
          image: nginx:1.27.3
          restartPolicy: Always
          ports: [{ containerPort: 8443, name: https, hostPort: 443 }]
          volumeMounts: [{ name: conf, mountPath: /etc/nginx/conf.d, readOnly: true }]
          readinessProbe: { tcpSocket: { port: https } }
      containers:
        - name: app
          image: app
          env: [{ name: DB_PASSWORD, value: x }, { name: C, valueFrom: { configMapKeyRef: { name: cfg, key: k } } }]
          envFrom: [{ secretRef: { name: s } }, { configMapRef: { name: cfg } }]
          resources: { requests: { cpu: 1 }, limits: { memory: 1Gi } }
          securityContext: { privileged: true, allowPrivilegeEscalation: true, readOnlyRootFilesystem: false }
          ports: [{ containerPort: 8080, name: http }, { containerPort: 15000 }]
          volumeMounts: [{ name: shm, mountPath: /dev/shm }, { name: data, mountPath: /data }, { name: gone, mountPath: /x }]
          livenessProbe: { httpGet: { port: nope } }
      volumes:
        - { name: conf, configMap: { name: cfg, items: [{ key: k, path: p }] } }
        - { name: shm, emptyDir: { medium: Memory } }
        - { name: data, persistentVolumeClaim: { claimName: data } }
        - { name: host, hostPath: { path: /etc } }
        - { name: p, projected: { sources: [{ secret: { name: s2 } }, { configMap: { name: c2 } }] } }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec: { selector: { app: web }, ports: [{ port: 443, targetPort: https }, { port: 80 }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: np, namespace: shop }
spec: { podSelector: { matchLabels: { app: web } }, policyTypes: [Ingress] }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: shop }
spec: { accessModes: [ReadWriteOnce] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg, namespace: shop }
data: { k: v }
`;

const OBJECTS = parseAllDocuments(BUNDLE).map((doc) => doc.toJS() as unknown);

/** Every path to a node of the bundle. */
function paths(node: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof node !== 'object' || node === null) return [prefix];
  const children = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  return [
    prefix,
    ...children.flatMap((key) =>
      paths((node as Record<string | number, unknown>)[key], [...prefix, key]),
    ),
  ];
}

const ALL_PATHS = OBJECTS.flatMap((object, doc) => paths(object).map((path) => [doc, ...path]));

function replaced(path: Array<string | number>, value: unknown): unknown[] {
  const copy = structuredClone(OBJECTS) as unknown[];
  let node: any = copy;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
  return copy;
}

const garbage = fc.oneof(
  fc.constant(null),
  fc.constant('x'),
  fc.constant(0),
  fc.constant(-1),
  fc.constant(true),
  fc.constant([]),
  fc.constant({}),
  fc.constant([null, 'x', 3]),
  fc.constant({ name: 7 }),
);

describe('model robustness', () => {
  it('no rule throws when any node of a rich bundle is replaced by garbage', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_PATHS), garbage, (path, value) => {
        const text = replaced(path, value)
          .map((object) => stringify(object))
          .join('---\n');
        const failures: string[] = [];
        const result = validateManifest(text, {
          onInternalError: (source) => failures.push(source),
        });
        expect(failures).toEqual([]);
        expect(result.skippedRules).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('the untouched bundle runs every rule', () => {
    const result = validateManifest(BUNDLE);
    expect(result.skippedRules).toBeUndefined();
    expect(new Set(result.findings.map((f) => f.ruleId)).size).toBeGreaterThan(15);
  });
});
