import { describe, expect, it } from 'vitest';
import { validateManifest } from '../engine/validate.js';
import { at } from './testing.js';

/**
 * Issue 5 acceptance, through the real engine with every registered rule (no HTTP: the e2e suite
 * covers the endpoint). Each case names what a user sees: rule id, severity, position, message.
 */

const deployment = (containers: string, volumes = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
${containers}${volumes}`;

const only = (text: string, ruleId: string, options = {}) =>
  validateManifest(text, options).findings.filter((f) => f.ruleId === ruleId);

describe('issue 5 acceptance', () => {
  it('1. a targetPort "http" whose pods declare only "web": one error at the targetPort value naming the Service and the ports', () => {
    const text = `${deployment(`        - name: app
          image: registry.example.com/web:1.4.2
          ports:
            - name: web
              containerPort: 8080
`)}---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: http
`;
    const findings = only(text, 'service/target-port-unresolved');
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].path).toBe('/spec/ports/0/targetPort');
    expect(at(findings[0])).toEqual([29, 19, 29, 23]);
    expect(findings[0].message).toContain('Service web');
    expect(findings[0].message).toContain('ports that exist: web 8080/TCP (container "app")');
  });

  it('2. two containers declaring containerPort 8080: pod/port-conflict at the second, related to the first', () => {
    const text = deployment(`        - name: app
          image: registry.example.com/web:1.4.2
          ports:
            - containerPort: 8080
        - name: metrics
          image: registry.example.com/exporter:0.9.1
          ports:
            - containerPort: 8080
`);
    const findings = only(text, 'pod/port-conflict');
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].path).toMatch(/^\/spec\/template\/spec\/containers\/1\/ports\/0/);
    expect(findings[0].range.line).toBe(21);
    expect(
      findings[0].related?.map((r) => [
        r.path.startsWith('/spec/template/spec/containers/0/ports/0'),
        r.range.line,
      ]),
    ).toEqual([[true, 17]]);
  });

  it('3. a volumeMount naming an undeclared volume: volume/mount-undeclared at the mount name', () => {
    const text = deployment(`        - name: app
          image: registry.example.com/web:1.4.2
          volumeMounts:
            - name: cache
              mountPath: /cache
`);
    const findings = only(text, 'volume/mount-undeclared');
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/spec/template/spec/containers/0/volumeMounts/0/name', 17, 21, 17, 26],
    ]);
  });

  const proxied = (upstream: number, target: string): string => `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-proxy
  namespace: shop
data:
  default.conf: |
    server {
      listen 8443;
      location / { proxy_pass http://127.0.0.1:${upstream}; }
    }
---
${deployment(
  `        - name: app
          image: registry.example.com/web:1.4.2
          ports:
            - { name: http, containerPort: 8080 }
        - name: proxy
          image: nginx:1.27.3
          ports:
            - { name: https, containerPort: 8443 }
          volumeMounts:
            - { name: conf, mountPath: /etc/nginx/conf.d }
`,
  `      volumes:
        - name: conf
          configMap: { name: web-proxy }
`,
)}---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: { app: web }
  ports:
    - port: 443
      targetPort: ${target}
`;

  it('4. nginx proxy_pass to 127.0.0.1:9090 while the app declares 8080: sidecar/upstream-unresolved naming both', () => {
    const findings = only(proxied(9090, 'https'), 'sidecar/upstream-unresolved');
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].object.kind).toBe('ConfigMap');
    expect(findings[0].path).toBe('/data/default.conf');
    expect(at(findings[0])).toEqual([7, 17, 11, 6]);
    expect(findings[0].message).toContain('127.0.0.1:9090');
    expect(findings[0].message).toContain('http 8080/TCP (container "app")');
    expect(only(proxied(8080, 'https'), 'sidecar/upstream-unresolved')).toEqual([]);
  });

  it('5. a Service targeting the app port in a pod with a proxy: sidecar/bypass', () => {
    const findings = only(proxied(8080, 'http'), 'sidecar/bypass');
    expect(findings.map((f) => [f.severity, f.object.kind, f.path, ...at(f)])).toEqual([
      ['warning', 'Service', '/spec/ports/0/targetPort', 49, 19, 49, 23],
    ]);
    expect(findings[0].message).toContain('bypassing proxy container "proxy"');
    expect(only(proxied(8080, 'https'), 'sidecar/bypass')).toEqual([]);
  });

  it('6. pattern shared-volume-disk on a pod whose emptyDir only one container mounts: volume/not-shared', () => {
    const text = deployment(
      `        - name: writer
          image: registry.example.com/writer:1.0.0
          volumeMounts:
            - { name: exchange, mountPath: /data }
        - name: reader
          image: registry.example.com/reader:1.0.0
`,
      `      volumes:
        - name: exchange
          emptyDir: { sizeLimit: 1Gi }
`,
    );
    const findings = only(text, 'volume/not-shared', { pattern: 'shared-volume-disk' });
    expect(findings.map((f) => [f.severity, f.path, ...at(f)])).toEqual([
      ['error', '/spec/template/spec/volumes/0/name', 21, 17, 21, 25],
    ]);
    expect(findings[0].message).toContain('volume exchange is mounted by only "writer"');
    expect(only(text, 'volume/not-shared')).toEqual([]);
  });

  describe('7. the complete three-pattern example (ClusterIP Service, shared emptyDir, native nginx sidecar, NetworkPolicy)', () => {
    it('has zero errors and zero warnings, and names its patterns', () => {
      const result = validateManifest(THREE_PATTERNS);
      expect(result.findings).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.summary).toEqual({
        documents: 4,
        objects: 4,
        errors: 0,
        warnings: 0,
        infos: 0,
      });
      expect(result.patterns).toEqual([
        { pattern: 'service-clusterip', objects: ['Deployment/shop/web', 'Service/shop/web'] },
        { pattern: 'shared-volume-disk', objects: ['Deployment/shop/web'] },
        {
          pattern: 'sidecar-proxy',
          objects: ['ConfigMap/shop/web-proxy', 'Deployment/shop/web', 'Service/shop/web'],
        },
      ]);
    });

    it.each(['service-clusterip', 'shared-volume-disk', 'sidecar-proxy'])(
      'stays clean when the request names %s',
      (pattern) => {
        const result = validateManifest(THREE_PATTERNS, { pattern });
        expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
      },
    );

    it.each(['1.29', '1.31', '1.33', '1.34'])(
      'stays clean on Kubernetes %s',
      (kubernetesVersion) => {
        expect(validateManifest(THREE_PATTERNS, { kubernetesVersion }).findings).toEqual([]);
      },
    );

    it('is not clean by accident: dropping the NetworkPolicy and the proxy ConfigMap is noticed', () => {
      const broken = THREE_PATTERNS.split('---\n')
        .filter((doc) => !/kind: (NetworkPolicy|ConfigMap)/.test(doc))
        .join('---\n');
      const ids = validateManifest(broken).findings.map((f) => `${f.ruleId}:${f.severity}`);
      expect(ids).toEqual(
        expect.arrayContaining([
          'networkpolicy/pod-not-isolated:warning',
          'sidecar/config-missing:error',
        ]),
      );
      // scope: partial turns the findings about absent objects into info
      const partial = validateManifest(broken, { scope: 'partial' }).findings;
      expect(
        partial
          .filter(
            (f) =>
              f.ruleId === 'sidecar/config-missing' ||
              f.ruleId === 'networkpolicy/pod-not-isolated',
          )
          .map((f) => f.severity),
      ).toEqual(expect.arrayContaining(['info']));
      expect(
        partial
          .filter((f) => f.ruleId === 'sidecar/config-missing')
          .every((f) => f.severity === 'info'),
      ).toBe(true);
    });
  });
});

const THREE_PATTERNS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-proxy
  namespace: shop
data:
  default.conf: |
    upstream app {
      server 127.0.0.1:8080;
      keepalive 16;
    }
    server {
      listen 8443;
      location / {
        proxy_pass http://app;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
      }
    }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
        seccompProfile:
          type: RuntimeDefault
      initContainers:
        - name: proxy
          image: nginxinc/nginx-unprivileged:1.27.3-alpine
          restartPolicy: Always
          ports:
            - name: http
              containerPort: 8443
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          startupProbe:
            tcpSocket:
              port: http
          resources:
            requests: { cpu: 50m, memory: 32Mi }
            limits: { memory: 64Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: proxy-conf
              mountPath: /etc/nginx/conf.d
              readOnly: true
            - name: proxy-tmp
              mountPath: /tmp
      containers:
        - name: app
          image: registry.example.com/shop/web:2.4.1
          env:
            - name: LISTEN_ADDRESS
              value: 127.0.0.1:8080
          ports:
            - name: app
              containerPort: 8080
          readinessProbe:
            httpGet:
              path: /ready
              port: app
          livenessProbe:
            httpGet:
              path: /live
              port: app
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: exchange
              mountPath: /var/lib/exchange
        - name: worker
          image: registry.example.com/shop/thumbnailer:1.8.0
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
          volumeMounts:
            - name: exchange
              mountPath: /var/lib/exchange
              readOnly: true
      volumes:
        - name: proxy-conf
          configMap:
            name: web-proxy
        - name: proxy-tmp
          emptyDir:
            sizeLimit: 64Mi
        - name: exchange
          emptyDir:
            sizeLimit: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app.kubernetes.io/name: web
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: web
  policyTypes: [Ingress]
  ingress:
    - ports:
        - port: http
          protocol: TCP
`;
