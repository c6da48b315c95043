import type { Rule, RuleContext } from '../../../engine/types.js';
import { NAME_VALIDATIONS, nameValidationFor } from './name-validation.js';

/**
 * Why the API server rejects `name` for an object of `kind` (`apiVersion` picks the API group),
 * or undefined when it accepts it. `raw` is the object, for the create-time checks that look at
 * its spec (an Indexed Job's completions).
 */
export function nameProblem(
  apiVersion: unknown,
  kind: string,
  name: string,
  raw: Record<string, unknown> = {},
): string | undefined {
  const validation = nameValidationFor(apiVersion, kind);
  const reasons = validation.check(name, false);
  if (reasons.length > 0) return `must be a ${validation.syntax}: ${reasons.join('; ')}`;
  const extra = validation.extra?.(name, raw) ?? [];
  return extra.length > 0 ? extra.join('; ') : undefined;
}

/** Why the API server rejects `generateName` for the kind, or undefined. */
export function generateNameProblem(
  apiVersion: unknown,
  kind: string,
  prefix: string,
): string | undefined {
  const validation = nameValidationFor(apiVersion, kind);
  const reasons = validation.check(prefix, true);
  return reasons.length > 0
    ? `must be a ${validation.syntax} prefix: ${reasons.join('; ')}`
    : undefined;
}

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) {
    const { kind, apiVersion } = object.raw;
    if (typeof kind !== 'string' || kind === '') continue;
    const metadata = object.raw.metadata;
    const meta =
      typeof metadata === 'object' && metadata !== null
        ? (metadata as Record<string, unknown>)
        : {};
    const { name, generateName } = meta;
    // ValidateObjectMeta checks generateName whenever it is set, and the name when it is set.
    if (typeof generateName === 'string' && generateName !== '') {
      const problem = generateNameProblem(apiVersion, kind, generateName);
      if (problem)
        ctx.report({
          object,
          path: ['metadata', 'generateName'],
          message: `${kind} generateName "${generateName}" ${problem}`,
        });
    }
    if (name === undefined || name === null || name === '') {
      if (typeof generateName === 'string' && generateName !== '') continue;
      ctx.report({
        object,
        path: ['metadata', 'name'],
        at: 'key',
        message: `${kind} has no metadata.name (and no metadata.generateName): the API server rejects it`,
      });
      continue;
    }
    if (typeof name !== 'string') continue; // schema/invalid-type reports the type
    const problem = nameProblem(apiVersion, kind, name, object.raw);
    if (problem)
      ctx.report({
        object,
        path: ['metadata', 'name'],
        message: `${kind} name "${name}" ${problem}`,
      });
  }
}

const table = [...NAME_VALIDATIONS]
  .map(
    ([key, validation]) => `${key.replace(/^\//, '')}: ${validation.syntax} (${validation.source})`,
  )
  .join('; ');

export const manifestInvalidNameRule: Rule = {
  id: 'manifest/invalid-name',
  title: 'metadata.name that the API server rejects',
  severity: 'error',
  category: 'manifest',
  patterns: [],
  description: `The API server checks metadata.name per kind, as its validation code does (kubernetes/kubernetes pkg/apis/*/validation, k8s.io/apimachinery pkg/api/validation): most objects, custom resources included, need a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters); Services a DNS-1035 label (at most 63 characters, starting with a letter) because the name becomes a DNS label; Namespaces a DNS-1123 label; RBAC objects any path segment (":" allowed, not "/", "%", "." or ".."). CronJobs are limited to 52 characters, Jobs to 63 (the name becomes a pod label value) and an Indexed Job's last pod hostname must be a DNS label. A generateName is checked as a prefix (apimachinery's maskTrailingDash). An object with neither name nor generateName is rejected. Per kind: ${table}; every other kind: DNS-1123 subdomain (NameIsDNSSubdomain).`,
  remediation:
    'Use a lowercase name made of letters, digits and "-" (e.g. `orders-api`), starting with a letter.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
    'https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/generic.go',
    'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go',
    'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/batch/validation/validation.go',
    'https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/rbac/validation/validation.go',
  ],
  check,
};
