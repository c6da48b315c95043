import type { Rule, RuleContext } from '../../../engine/types.js';

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names the API server checks with something other than a DNS-1123 subdomain. */
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** Why the API server rejects `name` for `kind`, or undefined when it accepts it. */
export function nameProblem(kind: string, name: string): string | undefined {
  if (RBAC_KINDS.has(kind)) {
    if (name === '.' || name === '..') return `may not be "${name}"`;
    if (/[/%]/.test(name)) return 'may not contain "/" or "%"';
    return undefined;
  }
  if (kind === 'Service') {
    if (name.length > 63) return `must be at most 63 characters (has ${name.length})`;
    if (!LABEL_1035.test(name)) {
      return 'must be a DNS-1035 label: lowercase letters, digits and "-", starting with a letter and ending with a letter or digit';
    }
    return undefined;
  }
  if (kind === 'Namespace') {
    if (name.length > 63) return `must be at most 63 characters (has ${name.length})`;
    if (!LABEL_1123.test(name)) {
      return 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';
    }
    return undefined;
  }
  if (name.length > 253) return `must be at most 253 characters (has ${name.length})`;
  if (!SUBDOMAIN.test(name)) {
    return 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", each dot-separated part starting and ending with a letter or digit';
  }
  // Jobs get the CronJob name plus an 11-character suffix, and Job names must stay a 63-char label.
  if (kind === 'CronJob' && name.length > 52)
    return `must be at most 52 characters for a CronJob (has ${name.length})`;
  return undefined;
}

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) {
    const kind = object.raw.kind;
    if (typeof kind !== 'string' || kind === '') continue;
    const metadata = object.raw.metadata;
    const meta =
      typeof metadata === 'object' && metadata !== null
        ? (metadata as Record<string, unknown>)
        : {};
    const name = meta.name;
    if (name === undefined || name === null || name === '') {
      if (typeof meta.generateName === 'string' && meta.generateName !== '') continue;
      ctx.report({
        object,
        path: ['metadata', 'name'],
        at: 'key',
        message: `${kind} has no metadata.name (and no metadata.generateName): the API server rejects it`,
      });
      continue;
    }
    if (typeof name !== 'string') continue; // schema/invalid-type reports the type
    const problem = nameProblem(kind, name);
    if (problem)
      ctx.report({
        object,
        path: ['metadata', 'name'],
        message: `${kind} name "${name}" ${problem}`,
      });
  }
}

export const manifestInvalidNameRule: Rule = {
  id: 'manifest/invalid-name',
  title: 'metadata.name that the API server rejects',
  severity: 'error',
  category: 'manifest',
  patterns: [],
  description:
    'Most objects need a DNS-1123 subdomain as name (lowercase letters, digits, "-" and ".", at most 253 characters); Services need a DNS-1035 label (at most 63 characters, starting with a letter) because the name becomes a DNS label, Namespaces a DNS-1123 label, CronJobs at most 52 characters. RBAC objects accept any path segment. An object without a name (and without generateName) is rejected too.',
  remediation:
    'Use a lowercase name made of letters, digits and "-" (e.g. `orders-api`), starting with a letter.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
    'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
  ],
  check,
};
