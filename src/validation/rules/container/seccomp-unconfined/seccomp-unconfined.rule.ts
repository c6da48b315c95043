import type { FixEdit } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type { ContainerInfo } from '../../../model/bundle-model.types.js';
import { containerAnchor, describeContainer } from '../../../model/describe.js';
import { asRecord } from '../../../model/json.js';
import { isWindowsPod } from '../../../model/pod-os.js';
import { effectiveSetting } from '../../../model/security-context.js';

/** The profile types Pod Security Standards restricted accepts. */
const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

/**
 * Safe (DESIGN §11): the runtime's default profile blocks only syscalls that containers almost
 * never make (kernel module loading, clock setting, namespace tricks…). It goes on the container
 * even when the pod sets Unconfined: a pod-level edit would be shared by several findings, which
 * the applier reports as overlapping fixes.
 */
function runtimeDefaultEdit(container: ContainerInfo): FixEdit | undefined {
  const own = asRecord(container.raw.securityContext)?.seccompProfile;
  const profile = asRecord(own);
  // type RuntimeDefault with a localhostProfile beside it is rejected by the API server.
  if (profile?.localhostProfile !== undefined) return undefined;
  const path = [...container.path, 'securityContext', 'seccompProfile'];
  if (typeof profile?.type === 'string') return { set: [...path, 'type'], value: 'RuntimeDefault' };
  return { insert: path, key: 'type', value: 'RuntimeDefault' };
}

/** The pre-1.19 annotation a pod template still sets for this container, if any. */
function annotated(container: ContainerInfo): string | undefined {
  const { annotations } = container.pod;
  const own = `container.seccomp.security.alpha.kubernetes.io/${container.name}`;
  if (annotations[own] !== undefined) return own;
  const pod = 'seccomp.security.alpha.kubernetes.io/pod';
  return annotations[pod] !== undefined ? pod : undefined;
}

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    if (isWindowsPod(pod)) continue;
    for (const container of pod.containers) {
      const setting = effectiveSetting(container, 'seccompProfile');
      const type = asRecord(setting.value)?.type;
      if (typeof type === 'string' && CONFINED.has(type)) continue;
      const what = describeContainer(container);
      const from = setting.level === 'pod' ? ' (inherited from the pod securityContext)' : '';
      const edit = runtimeDefaultEdit(container);
      const fix = edit && {
        description: `Set seccompProfile type RuntimeDefault on container "${container.name}"`,
        safety: 'safe' as const,
        edits: [edit],
      };
      if (setting.path && typeof type === 'string') {
        ctx.report({
          object: pod.object,
          path: [...setting.path, 'type'],
          message: `${what} runs with seccompProfile type ${type}${from}: its system calls are not filtered, so every kernel interface is open to a compromised process`,
          fix,
        });
        continue;
      }
      ctx.report({
        object: pod.object,
        ...containerAnchor(container, 'securityContext'),
        message: `neither ${what} nor its pod sets a seccompProfile (RuntimeDefault or Localhost): it runs Unconfined, every system call allowed, unless the kubelet defaults to RuntimeDefault${annotated(container) ? ` (the ${annotated(container)} annotation has had no effect since Kubernetes 1.27: the field replaced it)` : ''}`,
        fix,
      });
    }
  }
}

export const containerSeccompUnconfinedRule: Rule = {
  id: 'container/seccomp-unconfined',
  title: 'Seccomp profile not set',
  severity: 'warning',
  category: 'container',
  patterns: [],
  description:
    'Without a seccomp profile a container may make any system call the kernel offers, which widens what a compromised process can attack. The kubelet runs containers Unconfined unless told otherwise (its `seccompDefault` setting is off by default). `securityContext.seccompProfile.type` must be RuntimeDefault or Localhost, on the container or on the pod and not overridden by the container. Pod Security Standards restricted requires it for every container, init containers and sidecars included; pods with `spec.os.name: windows` are exempt.',
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod securityContext (or on each container), and replace any `Unconfined`.',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    'https://kubernetes.io/docs/tutorials/security/seccomp/',
  ],
  check,
};
