import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { describeContainer } from '../../../model/describe.js';
import { asArray, asRecord } from '../../../model/json.js';

/** Why `name` is not an IANA_SVC_NAME (validation.IsValidPortName), or undefined when it is one. */
export function portNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only lowercase letters, digits and "-"';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter (a-z)';
  if (name.includes('--')) return 'must not contain "--"';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with "-"';
  return undefined;
}

function check(ctx: RuleContext): void {
  for (const pod of modelOf(ctx).pods) {
    for (const container of pod.containers) {
      // Read the raw list: a port with a malformed containerPort can still carry a bad name.
      asArray(container.raw.ports).forEach((item, i) => {
        const name = asRecord(item)?.name;
        if (typeof name !== 'string') return;
        const problem = portNameProblem(name);
        if (!problem) return;
        ctx.report({
          object: pod.object,
          path: [...container.path, 'ports', i, 'name'],
          message: `port name "${name}" of ${describeContainer(container)} ${problem}: port names are IANA service names (≤ 15 characters, a-z, 0-9 and "-", at least one letter, no "--")`,
        });
      });
    }
  }
}

export const podInvalidPortNameRule: Rule = {
  id: 'pod/invalid-port-name',
  title: 'Port name is not a valid IANA service name',
  severity: 'error',
  category: 'pod',
  patterns: [],
  description:
    'A container port name must be an IANA_SVC_NAME: at most 15 characters of a-z, 0-9 and "-", with at least one letter, no "--" and no leading or trailing "-". The API server rejects anything else, and Services can only reference valid names.',
  remediation: 'Shorten or rename the port, e.g. `http`, `grpc`, `metrics`.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
    'https://www.rfc-editor.org/rfc/rfc6335#section-5.1',
  ],
  check,
};
