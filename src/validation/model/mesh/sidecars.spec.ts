import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { ManifestObject } from '../../engine/types.js';
import { validateManifest } from '../../engine/validate.js';
import type { PodTemplate } from '../bundle-model.types.js';
import { podTemplateOf } from '../pod-templates.js';
import { meshEnrolmentOf, meshOfContainer } from './sidecars.js';

function objectOf(text: string): ManifestObject {
  const raw = parse(text) as Record<string, unknown>;
  return { ref: { documentIndex: 0 }, basePath: [], raw, key: 'k', line: 1 };
}

function deployment(opts: {
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  containers?: string;
  hostNetwork?: boolean;
}): PodTemplate {
  const map = (m: Record<string, string> = {}): string =>
    `{${Object.entries(m)
      .map(([k, v]) => `"${k}": "${v}"`)
      .join(', ')}}`;
  const pod = podTemplateOf(
    objectOf(`apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${opts.namespace ?? 'shop'}}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: ${map({ app: 'web', ...opts.labels })}
      annotations: ${map(opts.annotations)}
    spec:
      hostNetwork: ${opts.hostNetwork ?? false}
      containers: ${opts.containers ?? '[{name: web, image: "nginx:1.27"}]'}
`),
  );
  if (!pod) throw new Error('no pod template');
  return pod;
}

const namespace = (labels: Record<string, string>, annotations: Record<string, string> = {}) =>
  objectOf(
    `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: ${JSON.stringify(labels)}, annotations: ${JSON.stringify(annotations)}}\n`,
  );

describe('mesh sidecar recognition', () => {
  it.each([
    [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.0' }, 'istio'],
    [{ name: 'proxy', image: 'gcr.io/istio-release/proxyv2:1.24.0' }, 'istio'],
    [{ name: 'istio-init', image: 'example/whatever:1' }, 'istio'],
    [{ name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:edge-24.11.8' }, 'linkerd'],
    [{ name: 'p', image: 'ghcr.io/linkerd/proxy:stable-2.14.10' }, 'linkerd'],
    [{ name: 'envoy', image: 'envoyproxy/envoy:v1.31.2' }, undefined],
    [{ name: 'proxy', image: 'example.com/team/proxy:1' }, undefined],
    [{ name: 'proxyv2', image: 'example.com/team/proxyv2:1' }, undefined],
  ])('%o → %s', (container, mesh) => {
    expect(meshOfContainer(container)).toBe(mesh);
  });

  it('an injected container wins over everything else', () => {
    const pod = deployment({
      annotations: { 'sidecar.istio.io/inject': 'false' },
      containers:
        '[{name: web, image: nginx}, {name: linkerd-proxy, image: "cr.l5d.io/linkerd/proxy:edge-24.11.8"}]',
    });
    expect(meshEnrolmentOf(pod, undefined)).toMatchObject({ mesh: 'linkerd', via: 'container' });
  });

  it('Istio: namespace label istio-injection or istio.io/rev, pod label sidecar.istio.io/inject', () => {
    expect(
      meshEnrolmentOf(deployment({}), namespace({ 'istio-injection': 'enabled' })),
    ).toMatchObject({ mesh: 'istio', via: 'namespace' });
    expect(meshEnrolmentOf(deployment({}), namespace({ 'istio.io/rev': 'canary' }))).toMatchObject({
      mesh: 'istio',
      via: 'namespace',
    });
    expect(
      meshEnrolmentOf(deployment({ labels: { 'sidecar.istio.io/inject': 'true' } }), undefined),
    ).toMatchObject({ mesh: 'istio', via: 'pod' });
    expect(
      meshEnrolmentOf(
        deployment({ annotations: { 'sidecar.istio.io/inject': 'true' } }),
        undefined,
      ),
    ).toMatchObject({ mesh: 'istio', via: 'pod' });
    expect(meshEnrolmentOf(deployment({}), undefined)).toBeUndefined();
  });

  it('Istio: "false" on the pod or "disabled" on the namespace wins; host-network pods and kube-system are never injected', () => {
    const enabled = namespace({ 'istio-injection': 'enabled' });
    expect(
      meshEnrolmentOf(deployment({ annotations: { 'sidecar.istio.io/inject': 'false' } }), enabled),
    ).toBeUndefined();
    expect(
      meshEnrolmentOf(
        deployment({ labels: { 'sidecar.istio.io/inject': 'true' } }),
        namespace({ 'istio-injection': 'disabled' }),
      ),
    ).toBeUndefined();
    expect(meshEnrolmentOf(deployment({ hostNetwork: true }), enabled)).toBeUndefined();
    expect(
      meshEnrolmentOf(
        deployment({ namespace: 'kube-system', labels: { 'sidecar.istio.io/inject': 'true' } }),
        undefined,
      ),
    ).toBeUndefined();
  });

  it('Istio ambient: istio.io/dataplane-mode on the namespace or the pod; "none" opts a pod out', () => {
    const ambient = namespace({ 'istio.io/dataplane-mode': 'ambient' });
    expect(meshEnrolmentOf(deployment({}), ambient)).toMatchObject({
      mesh: 'istio-ambient',
      via: 'namespace',
    });
    expect(
      meshEnrolmentOf(deployment({ labels: { 'istio.io/dataplane-mode': 'ambient' } }), undefined),
    ).toMatchObject({ mesh: 'istio-ambient', via: 'pod' });
    expect(
      meshEnrolmentOf(deployment({ labels: { 'istio.io/dataplane-mode': 'none' } }), ambient),
    ).toBeUndefined();
  });

  it('Linkerd: linkerd.io/inject enabled on the namespace or pod; disabled on the pod overrides', () => {
    const enabled = namespace({}, { 'linkerd.io/inject': 'enabled' });
    expect(meshEnrolmentOf(deployment({}), enabled)).toMatchObject({
      mesh: 'linkerd',
      via: 'namespace',
    });
    expect(
      meshEnrolmentOf(deployment({ annotations: { 'linkerd.io/inject': 'enabled' } }), undefined),
    ).toMatchObject({ mesh: 'linkerd', via: 'pod' });
    expect(
      meshEnrolmentOf(deployment({ annotations: { 'linkerd.io/inject': 'disabled' } }), enabled),
    ).toBeUndefined();
  });
});

describe('injected mesh proxies are not sidecar proxies (issue 15 item 5)', () => {
  const meshedNginx = (proxy: string): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: site, namespace: shop}
spec:
  selector: {matchLabels: {app: site}}
  template:
    metadata: {labels: {app: site}}
    spec:
      containers:
      - name: site
        image: nginx:1.27
        ports: [{containerPort: 80, name: http}]
      - ${proxy}
---
apiVersion: v1
kind: Service
metadata: {name: site, namespace: shop}
spec:
  selector: {app: site}
  ports: [{name: http, port: 80, targetPort: http}]
`;

  it.each([
    '{name: istio-proxy, image: "docker.io/istio/proxyv2:1.24.0", ports: [{containerPort: 15090, name: http-envoy-prom}]}',
    '{name: linkerd-proxy, image: "cr.l5d.io/linkerd/proxy:edge-24.11.8", ports: [{containerPort: 4143, name: linkerd-proxy}]}',
  ])('nginx next to %s is a web server in a mesh, not a sidecar-proxy pod', (proxy) => {
    const result = validateManifest(meshedNginx(proxy));
    expect(result.findings.filter((f) => f.ruleId.startsWith('sidecar/'))).toEqual([]);
    expect(result.patterns.map((p) => p.pattern)).toContain('service-mesh');
    expect(result.patterns.map((p) => p.pattern)).not.toContain('sidecar-proxy');
  });

  it('a Namespace that enrols its pods lists them, but not a pod that opts out', () => {
    const result = validateManifest(`apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Pod
metadata: {name: in, namespace: shop}
spec: {containers: [{name: app, image: "example/app:1"}]}
---
apiVersion: v1
kind: Pod
metadata: {name: out, namespace: shop, annotations: {sidecar.istio.io/inject: "false"}}
spec: {containers: [{name: app, image: "example/app:1"}]}
`);
    expect(result.patterns.find((p) => p.pattern === 'service-mesh')?.objects).toEqual([
      'Namespace/shop',
      'Pod/shop/in',
    ]);
  });
});
