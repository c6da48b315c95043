// In-process figures on the CRD bundle: every CRD of ../shared/crds (Gateway API, Istio, Linkerd,
// cert-manager; 3.5 MB of YAML) plus 100 custom resources of them. YAML parse alone vs podwire's
// full validation (CRD schema checks, CEL compilation, CR schema and rule checks). Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { median, time } from './timing.mjs';

const RUNS = Number(process.env.BENCH_INPROCESS_RUNS ?? 7);
const ROOT = new URL('../../shared/crds/', import.meta.url).pathname;
const { validateManifest } = await import('../dist/validation/engine/validate.js');

const crds = [];
for (const folder of ['gateway-api', 'istio', 'linkerd', 'cert-manager'])
  for (const file of readdirSync(join(ROOT, folder))
    .filter((f) => f.endsWith('.yaml'))
    .sort())
    crds.push(readFileSync(join(ROOT, folder, file), 'utf8').replace(/^---\n/, ''));

const TEMPLATES = [
  (i) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: route-${i}, namespace: default}
spec:
  parentRefs: [{name: web}]
  hostnames: [app-${i}.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: /api}}]
      backendRefs: [{name: api-${i}, port: 8080, weight: 90}, {name: canary-${i}, port: 8080, weight: 10}]`,
  (i) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: vs-${i}}
spec:
  hosts: [svc-${i}]
  http:
    - match: [{uri: {prefix: /v2}}]
      route: [{destination: {host: svc-${i}, subset: v2}}]
      retries: {attempts: 3, perTryTimeout: 2s}`,
  (i) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: dr-${i}}
spec:
  host: svc-${i}
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]`,
  (i) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: authz-${i}}
spec:
  selector: {matchLabels: {app: svc-${i}}}
  action: ALLOW
  rules: [{from: [{source: {principals: [cluster.local/ns/default/sa/client]}}], to: [{operation: {methods: [GET]}}]}]`,
  (i) => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: {name: server-${i}, namespace: default}
spec:
  podSelector: {matchLabels: {app: svc-${i}}}
  port: http
  proxyProtocol: HTTP/1`,
  (i) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: cert-${i}, namespace: default}
spec:
  secretName: cert-${i}-tls
  dnsNames: [app-${i}.example.com]
  issuerRef: {name: selfsigned, kind: Issuer}`,
];
const resources = Array.from({ length: 100 }, (_, i) => TEMPLATES[i % TEMPLATES.length](i));
const text = [...crds, ...resources].join('\n---\n') + '\n';

const parseOnly = () => parseAllDocuments(text).map((doc) => doc.toJS());
for (let i = 0; i < 2; i++) {
  parseOnly();
  validateManifest(text);
}
const parse = [];
const validate = [];
let findings;
for (let i = 0; i < RUNS; i++) {
  parse.push(time(parseOnly).ms);
  const run = time(() => validateManifest(text));
  validate.push(run.ms);
  findings = run.result.findings;
}
const byRule = {};
for (const finding of findings) byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
console.log(
  JSON.stringify({
    bytes: text.length,
    crdFiles: crds.length,
    customResources: resources.length,
    parseOnlyMs: median(parse),
    validateMs: median(validate),
    validateOverParse: median(validate) / median(parse),
    findingsByRule: byRule,
  }),
);
