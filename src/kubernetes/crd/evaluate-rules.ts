import type { CelInput } from '@bufbuild/cel';
import { compileRule, isUnsupported, type CompiledRule } from './cel-rule.js';
import { toCel } from './to-cel.js';
import type { CustomResourceIssue, RuleSite } from './validate-custom-resource.js';
import { fieldName, type JsonPath, type ValidationRule } from './structural-schema.js';

/**
 * The API server bounds CEL work per request (a cost budget); podwire bounds it per object so a
 * hostile custom resource cannot hang a validation worker. The bound is deterministic: a rule's
 * estimated cost is the size of `self` (nodes, long strings counting more) to the power of its
 * comprehension nesting; a rule over MAX_COST is skipped, and once an object's rules have spent
 * OBJECT_COST the rest are skipped, both reported as info. A wall-time guard (RULES_TIME_MS,
 * compilation excluded) backs the estimate up against what it cannot see (e.g. regex work).
 */
export const MAX_COST = 1_000_000;
export const OBJECT_COST = 10_000_000;
export const RULES_TIME_MS = 2_000;

/**
 * Compiled programs by source text: every validation parses its YAML afresh, so the rule objects
 * are new each time while the texts (the shipped CRDs' hundreds of rules) repeat. Bounded: a
 * stream of distinct hostile rules cannot grow it without end.
 */
const programs = new Map<string, CompiledRule | { error: string }>();
const MAX_PROGRAMS = 4096;

function program(text: string): CompiledRule | { error: string } {
  let result = programs.get(text);
  if (!result) {
    result = compileRule(text);
    if (programs.size >= MAX_PROGRAMS) programs.clear();
    programs.set(text, result);
  }
  return result;
}

export function compiledRule(rule: ValidationRule): CompiledRule | { error: string } {
  return program(rule.rule);
}

/** Runtime errors the API server reports as the rule failing (not podwire lacking something). */
const FAILURE =
  /no such key|field not found|division by zero|index out of range|modulus by zero|overflow/;

export function evaluateRules(sites: readonly RuleSite[]): CustomResourceIssue[] {
  for (const site of sites)
    for (const rule of site.schema['x-kubernetes-validations'] ?? []) compiledRule(rule);
  const issues: CustomResourceIssue[] = [];
  const deadline = Date.now() + RULES_TIME_MS;
  let spent = 0;
  for (const site of sites) {
    const self = toCel(site.schema, site.value);
    for (const rule of site.schema['x-kubernetes-validations'] ?? []) {
      const compiled = compiledRule(rule);
      if ('error' in compiled || compiled.transition) continue;
      const cost = size(site.value) ** Math.max(1, compiled.depth);
      if (cost > MAX_COST) {
        issues.push({
          kind: 'unsupported',
          path: site.path,
          message: `CEL rule ${JSON.stringify(rule.rule)} not evaluated: its estimated cost exceeds podwire's budget`,
        });
        continue;
      }
      spent += cost;
      if (spent > OBJECT_COST || Date.now() > deadline) {
        issues.push({
          kind: 'unsupported',
          path: site.path,
          message: "CEL rules not evaluated: the object used up podwire's evaluation budget",
        });
        return issues;
      }
      const result = compiled.evaluate(self);
      if (result === true) continue;
      const path = [...site.path, ...fieldPath(rule.fieldPath)];
      if (result instanceof Error) {
        issues.push(
          FAILURE.test(result.message) && !isUnsupported(result)
            ? {
                kind: 'rule',
                path,
                message: `${fieldName(path)}: rule ${JSON.stringify(rule.rule)} failed to evaluate: ${result.message}`,
              }
            : {
                kind: 'unsupported',
                path,
                message: `CEL rule ${JSON.stringify(rule.rule)} not checked: ${result.message} (podwire lacks this CEL function or overload)`,
              },
        );
        continue;
      }
      if (result !== false) {
        issues.push({
          kind: 'unsupported',
          path,
          message: `CEL rule ${JSON.stringify(rule.rule)} not checked: it evaluates to a non-boolean`,
        });
        continue;
      }
      issues.push({ kind: 'rule', path, message: message(rule, self) });
    }
  }
  return issues;
}

/** The rule's messageExpression when it yields a non-empty string, else its message. */
function message(rule: ValidationRule, self: CelInput): string {
  if (rule.messageExpression) {
    const compiled = program(rule.messageExpression);
    if (!('error' in compiled)) {
      const text = compiled.evaluate(self);
      if (typeof text === 'string' && text.trim() !== '') return text;
    }
  }
  return rule.message?.trim() ? rule.message : `failed rule: ${rule.rule}`;
}

/** `.spec.ports['http'][0]` (relative to the rule's node) as path segments. */
export function fieldPath(text: string | undefined): JsonPath {
  if (!text) return [];
  const out: (string | number)[] = [];
  const token = /\.([A-Za-z0-9_$-]+)|\['((?:[^'\\]|\\.)*)'\]|\[(\d+)\]/gy;
  let match: RegExpExecArray | null;
  while ((match = token.exec(text)) !== null) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(match[2].replace(/\\(.)/g, '$1'));
    else out.push(Number(match[3]));
    if (token.lastIndex === text.length) return out;
  }
  return token.lastIndex === text.length ? out : [];
}

/** Number of nodes of a JSON value, counted up to MAX_COST (enough to decide). */
function size(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count <= MAX_COST) {
    const node = stack.pop();
    count++;
    if (Array.isArray(node)) stack.push(...node);
    else if (typeof node === 'object' && node !== null) stack.push(...Object.values(node));
    else if (typeof node === 'string') count += Math.floor(node.length / 64);
  }
  return count;
}
