import { minorOf, NATIVE_SIDECARS_MINOR } from '../../../../kubernetes/releases.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import type { ContainerInfo } from '../../../model/bundle-model.types.js';
import { describeContainer } from '../../../model/describe.js';
import { proxiesOf } from '../../../model/proxy/proxies.js';

/**
 * A suggestion (DESIGN §11): the proxy leaves `containers` and becomes the last init container
 * with restartPolicy: Always (the rule only fires where the release has native sidecars). Its
 * fields are rewritten from the parsed object, so comments inside the moved container are lost;
 * none when it is the pod's only container or holds a YAML anchor (the engine refuses those).
 */
function moveFix(container: ContainerInfo): ReportFix | undefined {
  if (container.raw.restartPolicy !== undefined) return undefined;
  const moved = { ...container.raw, restartPolicy: 'Always' };
  return {
    description: `Move container "${container.name}" to initContainers with restartPolicy: Always (a native sidecar)`,
    safety: 'suggestion',
    edits: [
      { remove: container.path },
      { append: [...container.pod.specPath, 'initContainers'], value: moved },
    ],
  };
}

function check(ctx: RuleContext): void {
  const version = ctx.options.kubernetesVersion;
  // Below 1.29 a proxy must stay a regular container (api/not-yet-available flags native ones).
  if (minorOf(version) < NATIVE_SIDECARS_MINOR) return;
  for (const proxy of proxiesOf(ctx)) {
    if (proxy.container.role !== 'container') continue;
    const job = proxy.pod.kind === 'Job' || proxy.pod.kind === 'CronJob';
    ctx.report({
      object: proxy.pod.object,
      path: [...proxy.container.path, 'name'],
      severity: job ? 'warning' : undefined,
      message: job
        ? `proxy ${describeContainer(proxy.container)} runs as a regular container: it never exits, so the ${proxy.pod.kind} never completes; on Kubernetes ${version} make it a native sidecar (initContainers with restartPolicy: Always)`
        : `proxy ${describeContainer(proxy.container)} runs as a regular container; on Kubernetes ${version} a native sidecar (initContainers with restartPolicy: Always) starts before the app and stops after it`,
      fix: moveFix(proxy.container),
    });
  }
}

export const sidecarNotNativeRule: Rule = {
  id: 'sidecar/not-native',
  title: 'Proxy is not a native sidecar',
  severity: 'info',
  category: 'sidecar',
  patterns: ['sidecar-proxy'],
  description:
    'Since Kubernetes 1.29 (on by default; GA in 1.33) an init container with restartPolicy: Always is a native sidecar: it starts before the app containers, keeps running, and is stopped after them. A proxy run as a regular container races the app at start-up and shutdown, and in a Job it keeps the pod running forever (warning).',
  remediation:
    'Move the proxy container to spec.initContainers and set restartPolicy: Always on it; give it a startupProbe or readinessProbe so the app starts once the proxy is ready.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/#SidecarContainers',
  ],
  check,
};
