// Generates the benchmark bundles: realistic, correct manifests (so the figures measure a clean run,
// not the cost of reporting thousands of findings).
import { stringify } from 'yaml';

const security = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};
const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };

function group(i) {
  const name = `svc-${String(i).padStart(4, '0')}`;
  const labels = { app: name };
  const probe = (port) => ({ httpGet: { path: '/healthz', port } });
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'bench' },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'app',
                image: `registry.example.com/${name}:1.4.${i % 10}`,
                ports: [{ name: 'http', containerPort: 8080 }],
                envFrom: [{ configMapRef: { name: `${name}-config` } }],
                readinessProbe: probe('http'),
                resources,
                securityContext: security,
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
              {
                name: 'metrics',
                image: 'registry.example.com/metrics-agent:2.1.0',
                ports: [{ name: 'metrics', containerPort: 9090 }],
                resources,
                securityContext: security,
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace: 'bench' },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${name}-config`, namespace: 'bench' },
      data: { LOG_LEVEL: 'info', UPSTREAM: `svc-${String((i + 1) % 250).padStart(4, '0')}:80` },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: 'bench' },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 8080 }] }],
      },
    },
  ];
}

/** `objects` objects (a multiple of 4): Deployments with two containers, Services, ConfigMaps, NetworkPolicies. */
export function largeBundle(objects = 1000) {
  const docs = [];
  for (let i = 0; docs.length < objects; i++) docs.push(...group(i));
  return docs
    .slice(0, objects)
    .map((doc) => stringify(doc, { aliasDuplicateObjects: false }))
    .join('---\n');
}

/** A small sidecar-proxy bundle: Deployment (app + nginx native sidecar), Service, ConfigMap. */
export function smallSidecarBundle() {
  const labels = { 'app.kubernetes.io/name': 'web' };
  const docs = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web-proxy', namespace: 'shop' },
      data: {
        'default.conf':
          'server {\n  listen 8443;\n  location / {\n    proxy_pass http://127.0.0.1:8080;\n  }\n}\n',
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            initContainers: [
              {
                name: 'proxy',
                image: 'nginxinc/nginx-unprivileged:1.27-alpine',
                restartPolicy: 'Always',
                ports: [{ name: 'proxy', containerPort: 8443 }],
                readinessProbe: { tcpSocket: { port: 'proxy' } },
                resources,
                securityContext: security,
                volumeMounts: [
                  { name: 'proxy-config', mountPath: '/etc/nginx/conf.d', readOnly: true },
                ],
              },
            ],
            containers: [
              {
                name: 'app',
                image: 'registry.example.com/web:2.3.1',
                ports: [{ name: 'http', containerPort: 8080 }],
                readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
                resources,
                securityContext: security,
              },
            ],
            volumes: [{ name: 'proxy-config', configMap: { name: 'web-proxy' } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'proxy' }] },
    },
  ];
  return docs.map((doc) => stringify(doc)).join('---\n');
}
