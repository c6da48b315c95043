import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_RELEASES } from '../src/kubernetes/releases.js';
import { type Finding, validateManifest } from '../src/validation/engine/validate.js';

/**
 * deploy/ runs podwire itself, and podwire must find nothing wrong with it (DESIGN §7): zero
 * errors and zero warnings, file by file and for what each kustomization applies.
 */

const DEPLOY = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'deploy');
const KUSTOMIZATION = 'kustomization.yaml';

type K8sObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
};

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

function parseObjects(file: string): K8sObject[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

interface Rendered {
  objects: K8sObject[];
  files: Set<string>;
}

/**
 * What `kubectl apply -k <dir>` applies, for the subset of kustomize these manifests use:
 * `resources` (files and kustomization directories) and inline JSON 6902 `patches`. Any other
 * field fails the test, so this stays faithful (checked against `kubectl kustomize` by hand).
 */
function render(dir: string): Rendered {
  const kustomization = parseObjects(join(dir, KUSTOMIZATION))[0] as {
    resources?: string[];
    patches?: Array<{ target: Record<string, string>; patch: string }>;
  };
  const unsupported = Object.keys(kustomization).filter(
    (key) => !['apiVersion', 'kind', 'resources', 'patches'].includes(key),
  );
  expect(
    unsupported,
    `${relative(DEPLOY, dir)}/${KUSTOMIZATION}: fields this test cannot render`,
  ).toEqual([]);
  const objects: K8sObject[] = [];
  const files = new Set<string>();
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) {
      const sub = render(path);
      objects.push(...sub.objects);
      sub.files.forEach((file) => files.add(file));
    } else {
      objects.push(...parseObjects(path));
      files.add(path);
    }
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = objects.filter((object) => targets(target, object));
    expect(
      matches,
      `patch target ${JSON.stringify(target)} in ${relative(DEPLOY, dir)}`,
    ).toHaveLength(1);
    const ops = parseAllDocuments(patch)[0].toJS() as Array<{
      op: string;
      path: string;
      value?: unknown;
    }>;
    for (const op of ops) applyOperation(matches[0], op);
  }
  return { objects, files };
}

function targets(target: Record<string, string>, object: K8sObject): boolean {
  const [group, version] = object.apiVersion!.includes('/')
    ? object.apiVersion!.split('/')
    : ['', object.apiVersion!];
  return (
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.kind === undefined || target.kind === object.kind) &&
    (target.name === undefined || target.name === object.metadata?.name)
  );
}

function applyOperation(
  object: K8sObject,
  op: { op: string; path: string; value?: unknown },
): void {
  const segments = op.path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop()!;
  let parent: unknown = object;
  for (const segment of segments) {
    parent = (parent as Record<string, unknown>)?.[segment];
    expect(parent, `patch path ${op.path}`).toBeDefined();
  }
  const value = structuredClone(op.value);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (op.op === 'add') parent.splice(index, 0, value);
    else if (op.op === 'replace' && index < parent.length) parent[index] = value;
    else throw new Error(`unsupported patch ${op.op} ${op.path}`);
    return;
  }
  const record = parent as Record<string, unknown>;
  if (op.op === 'add' || (op.op === 'replace' && last in record)) record[last] = value;
  else throw new Error(`unsupported patch ${op.op} ${op.path}`);
}

function problems(findings: readonly Finding[], where: string): string[] {
  return findings
    .filter((f) => f.severity !== 'info')
    .map(
      (f) => `${where}:${f.range.line}:${f.range.column} ${f.severity} ${f.ruleId} ${f.message}`,
    );
}

const kustomizationDirs = yamlFiles(DEPLOY)
  .filter((file) => file.endsWith(`/${KUSTOMIZATION}`))
  .map((file) => dirname(file));
const manifestFiles = yamlFiles(DEPLOY).filter((file) => !file.endsWith(`/${KUSTOMIZATION}`));

function kubectlKustomize(dir: string): K8sObject[] | undefined {
  try {
    return parseAllDocuments(
      execFileSync('kubectl', ['kustomize', dir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ).map((doc) => doc.toJS() as K8sObject);
  } catch {
    return undefined;
  }
}
const hasKubectl = kubectlKustomize(DEPLOY) !== undefined;

describe('deploy/', () => {
  it('has a kustomization at the top, a base, the webhook and the monitoring overlays', () => {
    expect(kustomizationDirs.map((dir) => relative(DEPLOY, dir) || '.').sort()).toEqual([
      '.',
      'base',
      'monitoring',
      'webhook',
    ]);
    expect(existsSync(join(DEPLOY, 'webhook', 'validatingwebhookconfiguration.yaml'))).toBe(true);
  });

  it.each(manifestFiles.map((file) => [relative(DEPLOY, file), file]))(
    '%s validates clean on its own',
    (name, file) => {
      const result = validateManifest(readFileSync(file, 'utf8'), {
        filename: name,
        scope: 'partial',
      });
      expect(problems(result.findings, name)).toEqual([]);
      expect(result.summary.objects).toBeGreaterThan(0);
    },
  );

  it.each(
    kustomizationDirs.flatMap((dir) =>
      KUBERNETES_RELEASES.map((release) => [relative(DEPLOY, dir) || '.', release, dir]),
    ),
  )(
    'kubectl apply -k deploy/%s applies a bundle that validates clean at Kubernetes %s',
    (name, kubernetesVersion, dir) => {
      const { objects } = render(dir);
      const text = objects
        .map((object) => stringify(object, { aliasDuplicateObjects: false }))
        .join('---\n');
      const result = validateManifest(text, { filename: `deploy/${name}`, kubernetesVersion });
      expect(problems(result.findings, `deploy/${name} (rendered)`)).toEqual([]);
      // Only the cert-manager and Prometheus operator kinds are beyond podwire's schemas, and
      // that is the only info about them.
      const unknown = result.findings
        .filter((f) => f.ruleId === 'manifest/unknown-kind')
        .map((f) => f.object.kind);
      expect(
        unknown.every((kind) => ['Certificate', 'Issuer', 'ServiceMonitor'].includes(kind!)),
      ).toBe(true);
    },
  );

  // The real kustomize, where kubectl is installed: proves render() above applies what kubectl applies.
  it.skipIf(!hasKubectl).each(kustomizationDirs.map((dir) => [relative(DEPLOY, dir) || '.', dir]))(
    'render(deploy/%s) equals kubectl kustomize',
    (_name, dir) => {
      const key = (o: K8sObject) => `${o.kind}/${o.metadata?.name}`;
      const sort = (list: K8sObject[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sort(render(dir).objects)).toEqual(sort(kubectlKustomize(dir)!));
    },
  );

  it('lets shutdown end (SHUTDOWN_DELAY_MS, then SHUTDOWN_GRACE_MS) before the kubelet kills', () => {
    const { objects } = render(join(DEPLOY, 'base'));
    const deployment = objects.find((o) => o.kind === 'Deployment') as never as {
      spec: {
        template: {
          spec: {
            terminationGracePeriodSeconds?: number;
            containers: Array<{ name: string; env?: Array<{ name: string; value: string }> }>;
          };
        };
      };
    };
    const pod = deployment.spec.template.spec;
    const env = new Map(pod.containers[0].env?.map((e) => [e.name, e.value]));
    // The defaults apply where the deployment sets nothing (src/config/config.ts).
    const delayMs = Number(env.get('SHUTDOWN_DELAY_MS') ?? 5000);
    const graceMs = Number(env.get('SHUTDOWN_GRACE_MS') ?? 10000);
    // Kubernetes' default when the field is unset is 30 s.
    const killAfterMs = (pod.terminationGracePeriodSeconds ?? 30) * 1000;
    expect(delayMs).toBeGreaterThan(0);
    expect(delayMs + graceMs).toBeLessThan(killAfterMs);
  });

  it('every manifest file is applied by some kustomization', () => {
    const used = new Set(kustomizationDirs.flatMap((dir) => [...render(dir).files]));
    expect(
      manifestFiles.filter((file) => !used.has(file)).map((file) => relative(DEPLOY, file)),
    ).toEqual([]);
  });

  it('the monitoring overlay scrapes /metrics on a port the Service and NetworkPolicy expose', () => {
    const { objects } = render(join(DEPLOY, 'monitoring'));
    const monitor = objects.find((o) => o.kind === 'ServiceMonitor') as never as {
      metadata: { namespace: string };
      spec: {
        selector: { matchLabels: Record<string, string> };
        namespaceSelector: { matchNames: string[] };
        endpoints: Array<{ port: string; path: string }>;
      };
    };
    const service = objects.find((o) => o.kind === 'Service') as never as {
      metadata: { namespace: string; labels: Record<string, string> };
      spec: { ports: Array<{ name: string }> };
    };
    expect(monitor.spec.endpoints).toMatchObject([{ port: 'http', path: '/metrics' }]);
    expect(service.spec.ports.map((p) => p.name)).toContain(monitor.spec.endpoints[0].port);
    expect(service.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
    expect(monitor.spec.namespaceSelector.matchNames).toEqual([service.metadata.namespace]);
  });

  it('the webhook overlay serves TLS from the cert-manager Secret and registers the webhook', () => {
    const { objects } = render(join(DEPLOY, 'webhook'));
    const kinds = objects.map((o) => o.kind).sort();
    expect(kinds).toEqual([
      'Certificate',
      'Deployment',
      'HorizontalPodAutoscaler',
      'Issuer',
      'Namespace',
      'NetworkPolicy',
      'PodDisruptionBudget',
      'Service',
      'ServiceAccount',
      'ValidatingWebhookConfiguration',
    ]);
    const deployment = objects.find((o) => o.kind === 'Deployment') as never as {
      spec: {
        template: {
          spec: {
            containers: Array<{
              env: Array<{ name: string; value: string }>;
              readinessProbe: { httpGet: { scheme: string } };
            }>;
          };
        };
      };
    };
    const container = deployment.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
    expect(env).toMatchObject({
      TLS_CERT_FILE: '/etc/podwire/tls/tls.crt',
      TLS_KEY_FILE: '/etc/podwire/tls/tls.key',
      ADMISSION_MODE: 'warn',
    });
    expect(container.readinessProbe.httpGet.scheme).toBe('HTTPS');
    const webhook = (
      objects.find((o) => o.kind === 'ValidatingWebhookConfiguration') as never as {
        webhooks: Array<Record<string, unknown>>;
      }
    ).webhooks[0];
    expect(webhook).toMatchObject({
      admissionReviewVersions: ['v1'],
      sideEffects: 'None',
      clientConfig: {
        service: { name: 'podwire', namespace: 'podwire', path: '/v1/admission', port: 443 },
      },
      namespaceSelector: {
        matchExpressions: [
          {
            key: 'kubernetes.io/metadata.name',
            operator: 'NotIn',
            values: ['kube-system', 'podwire'],
          },
        ],
      },
    });
  });
});
