import type { ReportFix } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type { ContainerInfo } from '../../../model/bundle-model.types.js';
import { containerAnchor, describeContainer } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';
import { isWindowsPod } from '../../../model/pod-os.js';

/** What Pod Security Standards restricted looks for in `drop`. */
const ALL = 'ALL';

/**
 * Safe, as DESIGN §11 lists it: a process that did need one of the runtime's default capabilities
 * fails at that call, visibly, and the one a server commonly needs (NET_BIND_SERVICE, for a port
 * below 1024) is the one restricted lets a container add back.
 */
function dropAllFix(container: ContainerInfo): ReportFix {
  return {
    description: `Drop ALL capabilities on container "${container.name}" (add back only what it needs, e.g. NET_BIND_SERVICE)`,
    safety: 'safe',
    edits: [{ append: [...container.path, 'securityContext', 'capabilities', 'drop'], value: ALL }],
  };
}

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    if (isWindowsPod(pod)) continue;
    for (const container of pod.containers) {
      const securityContext = asRecord(container.raw.securityContext);
      const capabilities = asRecord(securityContext?.capabilities);
      const drop: unknown = capabilities?.drop;
      const what = describeContainer(container);
      if (Array.isArray(drop) && drop.includes(ALL)) continue;
      const named = Array.isArray(drop)
        ? drop.filter((item): item is string => typeof item === 'string')
        : [];
      if (named.length > 0) {
        ctx.report({
          object: pod.object,
          path: [...container.path, 'securityContext', 'capabilities', 'drop'],
          at: 'key',
          message: `${what} drops only ${named.join(', ')}, not ALL: it keeps the rest of the container runtime's default capabilities`,
          fix: dropAllFix(container),
        });
        continue;
      }
      ctx.report({
        object: pod.object,
        ...(capabilities
          ? { path: [...container.path, 'securityContext', 'capabilities'], at: 'key' as const }
          : containerAnchor(container, 'securityContext')),
        message: `${what} does not drop ALL capabilities: it runs with the container runtime's default set`,
        fix: dropAllFix(container),
      });
    }
  }
}

export const containerCapabilitiesNotDroppedRule: Rule = {
  id: 'container/capabilities-not-dropped',
  title: 'Capabilities not dropped',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    "Unless `securityContext.capabilities.drop` contains `ALL`, a container keeps the Linux capabilities the container runtime grants by default, privileges a compromised process can use against the node's kernel and network although the application rarely needs any. Pod Security Standards restricted requires every container, init containers and sidecars included, to drop ALL and allows adding back only NET_BIND_SERVICE. Pods with `spec.os.name: windows` are exempt, as in Pod Security Standards.",
  remediation:
    'Set `securityContext.capabilities.drop: [ALL]` on every container, and add back under `capabilities.add` only NET_BIND_SERVICE where a process binds a port below 1024.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
  ],
  check,
};
