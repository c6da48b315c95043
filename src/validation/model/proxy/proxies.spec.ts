import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ManifestObject, RuleContext } from '../../engine/types.js';
import { imageBaseName, proxiesOf, proxyProductOfImage } from './proxies.js';

function contextOf(text: string): RuleContext {
  const objects: ManifestObject[] = parseAllDocuments(text).map((doc, documentIndex) => {
    const raw = (doc.toJS() ?? {}) as Record<string, any>;
    return {
      ref: {
        documentIndex,
        kind: raw.kind,
        name: raw.metadata?.name,
        namespace: raw.metadata?.namespace,
      },
      basePath: [],
      raw,
      key: `${raw.kind}/${raw.metadata?.name}`,
      line: 1,
    };
  });
  return {
    objects,
    options: { kubernetesVersion: '1.34', scope: 'complete' },
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

describe('proxy recognition by image', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27.3-alpine', 'nginx'],
    [
      'docker.io/library/nginx:1.27@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
      'nginx',
    ],
    ['nginxinc/nginx-unprivileged:1.27-alpine', 'nginx'],
    ['registry.local:5000/mirror/bitnami/nginx:1.27.3', 'nginx'],
    ['envoyproxy/envoy:v1.31.2', 'envoy'],
    ['envoyproxy/envoy-distroless:v1.31.2', 'envoy'],
    ['haproxy:3.0', 'haproxy'],
    ['traefik:v3.2.1', 'traefik'],
    ['caddy:2.8', 'caddy'],
  ])('%s → %s', (image, product) => {
    expect(proxyProductOfImage(image)).toBe(product);
  });

  it.each([
    'registry.k8s.io/ingress-nginx/controller:v1.11.3',
    'nginx/nginx-ingress:3.7.0',
    'istio/proxyv2:1.24.0',
    'nginx-prometheus-exporter:1.3',
    'registry.example.com/web:1.0',
  ])('%s is not a sidecar proxy', (image) => {
    expect(proxyProductOfImage(image)).toBeUndefined();
  });

  it('strips registry ports, tags and digests', () => {
    expect(imageBaseName('localhost:5000/a/b/envoy:v1@sha256:abc')).toBe('envoy');
  });
});

describe('proxiesOf', () => {
  const bundle = `apiVersion: v1
kind: ConfigMap
metadata: { name: conf }
data:
  envoy.yaml: |
    static_resources:
      listeners: [{ address: { socket_address: { address: 0.0.0.0, port_value: 10000 } } }]
  other.yaml: |
    admin: { address: { socket_address: { address: 0.0.0.0, port_value: 9901 } } }
  nginx.conf: "server { listen 8443; }"
  mime.types: "types {}"
  ignored.conf: "server { listen 1; }"
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: { podwire.dev/proxy: "tunnel, gateway" }
spec:
  initContainers:
    - name: migrate
      image: nginx:1.27.3
    - name: envoy
      image: envoyproxy/envoy:v1.31.2
      restartPolicy: Always
      args: ["-c", "/etc/envoy/envoy.yaml"]
      volumeMounts: [{ name: conf, mountPath: /etc/envoy }]
  containers:
    - name: nginx
      image: nginx:1.27.3
      volumeMounts: [{ name: subset, mountPath: /etc/nginx/nginx.conf, subPath: nginx.conf }]
    - name: tunnel
      image: registry.example.com/ghostunnel:1.8.1
    - name: app
      image: registry.example.com/web:1.0
  volumes:
    - { name: conf, configMap: { name: conf } }
    - { name: subset, configMap: { name: conf, items: [{ key: nginx.conf, path: nginx.conf }, { key: ignored.conf, path: x.conf }] } }
`;

  it('finds image- and annotation-recognised proxies (not one-shot init containers) and reads the right files', () => {
    const ctx = contextOf(bundle);
    const proxies = proxiesOf(ctx);
    expect(
      proxies.map((p) => [p.container.name, p.product, p.byAnnotation, p.files.map((f) => f.key)]),
    ).toEqual([
      ['envoy', 'envoy', false, ['envoy.yaml']],
      ['nginx', 'nginx', false, ['nginx.conf']],
      ['tunnel', 'unknown', true, []],
    ]);
    expect(proxies[0].config?.listens.map((l) => l.port)).toEqual([10000]);
    expect(proxies[0].config?.admin).toBeUndefined();
    expect(proxies[1].config?.listens.map((l) => l.port)).toEqual([8443]);
    expect(proxies[2].config).toBeUndefined();
  });

  it('does not take a lone nginx (a web server) for a sidecar proxy, unless the annotation says so', () => {
    const lone = (annotation: string): string => `apiVersion: v1
kind: Pod
metadata: { name: site${annotation} }
spec:
  containers: [{ name: web, image: "nginx:1.27.3" }]
`;
    expect(proxiesOf(contextOf(lone('')))).toEqual([]);
    expect(
      proxiesOf(contextOf(lone(', annotations: { podwire.dev/proxy: web }'))).map(
        (p) => p.container.name,
      ),
    ).toEqual(['web']);
  });

  it('is computed once per validation run', () => {
    const ctx = contextOf(bundle);
    expect(proxiesOf(ctx)).toBe(proxiesOf(ctx));
  });
});
