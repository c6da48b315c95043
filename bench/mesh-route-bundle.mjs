// Issue 17 acceptance bundle: 1,000 objects, of them 200 Gateway API routes (HTTPRoute, GRPCRoute)
// to Services of the bundle and 200 mesh policies (Istio VirtualService, DestinationRule,
// PeerAuthentication, AuthorizationPolicy; Linkerd Server), with the Namespaces, Gateway,
// Deployments, Services and ServiceAccounts they refer to. Correct on purpose (hosts, subsets,
// labels, ports and identities agree; STRICT mTLS with ISTIO_MUTUAL clients), so that the figure
// measures a clean run, not the cost of reporting findings.
import { stringify } from 'yaml';

const security = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};
const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } };

/**
 * 198 applications × (Deployment, Service, ServiceAccount) + 2 Namespaces, a NetworkPolicy each,
 * a GatewayClass and a Gateway = 600.
 */
const ISTIO_APPS = 178;
const LINKERD_APPS = 20;
const ROUTES = 200;
const GRPC_ROUTES = 40;

const apps = [
  ...Array.from({ length: ISTIO_APPS }, (_, i) => ({ name: `svc-${pad(i)}`, namespace: 'shop' })),
  ...Array.from({ length: LINKERD_APPS }, (_, i) => ({
    name: `emoji-${pad(i)}`,
    namespace: 'emoji',
  })),
];

function pad(i) {
  return String(i).padStart(4, '0');
}

function appObjects({ name, namespace }) {
  const labels = { app: name, version: 'v1' };
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name, namespace },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: 'app',
                image: `registry.example.com/${name}:1.4.2`,
                ports: [
                  { name: 'http', containerPort: 8080 },
                  { name: 'grpc', containerPort: 9090 },
                ],
                readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
                resources,
                securityContext: security,
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: {
        type: 'ClusterIP',
        selector: { app: name },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', appProtocol: 'http' },
          { name: 'grpc', port: 9090, targetPort: 'grpc', appProtocol: 'kubernetes.io/h2c' },
        ],
      },
    },
  ];
}

/** Isolates every pod of the namespace and admits the mesh's and the Gateway's traffic. */
function networkPolicy(namespace) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'mesh-ingress', namespace },
    spec: {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ namespaceSelector: {} }],
          ports: [
            { protocol: 'TCP', port: 8080 },
            { protocol: 'TCP', port: 9090 },
          ],
        },
      ],
    },
  };
}

const infrastructure = [
  networkPolicy('shop'),
  networkPolicy('emoji'),
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'istio' },
    spec: { controllerName: 'istio.io/gateway-controller' },
  },
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'emoji', annotations: { 'linkerd.io/inject': 'enabled' } },
  },
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'shop' },
    spec: {
      gatewayClassName: 'istio',
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
  },
];

function route(i) {
  const app = apps[i % apps.length];
  const grpc = i >= ROUTES - GRPC_ROUTES;
  const parentRefs = [{ name: 'edge', namespace: 'shop', sectionName: 'http' }];
  if (grpc) {
    return {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: `${app.name}-grpc`, namespace: app.namespace },
      spec: {
        parentRefs,
        hostnames: [`${app.name}.grpc.example.com`],
        rules: [
          {
            matches: [{ method: { service: `bench.${app.name.replace('-', '')}.Api` } }],
            backendRefs: [{ name: app.name, port: 9090 }],
          },
        ],
      },
    };
  }
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: app.name, namespace: app.namespace },
    spec: {
      parentRefs,
      hostnames: [`${app.name}.example.com`],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          timeouts: { request: '10s' },
          backendRefs: [{ name: app.name, port: 80 }],
        },
      ],
    },
  };
}

/** 50 VirtualServices + 50 DestinationRules + 40 PeerAuthentications + 40 AuthorizationPolicies + 20 Servers. */
function meshPolicies() {
  const out = [];
  const istio = apps.filter((a) => a.namespace === 'shop');
  const linkerd = apps.filter((a) => a.namespace === 'emoji');
  for (let i = 0; i < 50; i++) {
    const { name } = istio[i];
    const host = `${name}.shop.svc.cluster.local`;
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name, namespace: 'shop' },
      spec: {
        hosts: [host],
        http: [
          {
            route: [{ destination: { host, port: { number: 80 }, subset: 'v1' } }],
            retries: { attempts: 3, perTryTimeout: '2s' },
          },
        ],
      },
    });
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: { name, namespace: 'shop' },
      spec: {
        host,
        trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } },
        subsets: [{ name: 'v1', labels: { version: 'v1' } }],
      },
    });
  }
  for (let i = 50; i < 90; i++) {
    const { name } = istio[i];
    const caller = istio[(i + 1) % istio.length].name;
    out.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name, namespace: 'shop' },
      spec: { selector: { matchLabels: { app: name } }, mtls: { mode: 'STRICT' } },
    });
    out.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name, namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: name } },
        action: 'ALLOW',
        rules: [
          {
            from: [{ source: { principals: [`cluster.local/ns/shop/sa/${caller}`] } }],
            to: [{ operation: { methods: ['GET', 'POST'], ports: ['8080'] } }],
          },
        ],
      },
    });
  }
  for (const { name } of linkerd) {
    out.push({
      apiVersion: 'policy.linkerd.io/v1beta3',
      kind: 'Server',
      metadata: { name, namespace: 'emoji' },
      spec: { podSelector: { matchLabels: { app: name } }, port: 'http', proxyProtocol: 'HTTP/1' },
    });
  }
  return out;
}

/** The bundle's objects, in apply order. */
export function meshRouteObjects() {
  return [
    ...infrastructure,
    ...apps.flatMap(appObjects),
    ...Array.from({ length: ROUTES }, (_, i) => route(i)),
    ...meshPolicies(),
  ];
}

/** The bundle as multi-document YAML. */
export function meshRouteBundle() {
  return meshRouteObjects()
    .map((doc) => stringify(doc, { aliasDuplicateObjects: false }))
    .join('---\n');
}
