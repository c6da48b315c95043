import { CRITERIA, findPattern, loadCatalog } from '../catalog/catalog.js';
import type { Rule } from '../validation/engine/types.js';
import { ruleById, rules } from '../validation/rules/index.js';
import { parseAnswerArgs, print } from './answer.js';
import { UsageError } from './usage.js';

/** The JSON GET /v1/rules serves for a rule (the controller's shape). */
function ruleJson(rule: Rule) {
  const { id, title, severity, category, patterns, description, remediation, references } = rule;
  return { id, title, severity, category, patterns, description, remediation, references };
}

/** `podwire rules [ID]`: GET /v1/rules, or GET /v1/rules/{id}. */
export async function rulesCommand(argv: string[]): Promise<number> {
  const { positionals, format, output } = parseAnswerArgs(argv);
  if (positionals.length > 1) throw new UsageError('rules takes at most one rule id');
  if (positionals[0] === undefined) {
    print({ rules: rules.map(ruleJson) }, format, output);
    return 0;
  }
  const rule = ruleById(positionals[0]);
  if (!rule) throw new UsageError(`No rule "${positionals[0]}" (podwire rules lists them)`, false);
  print(ruleJson(rule), format, output);
  return 0;
}

/** `podwire patterns [ID]`: GET /v1/patterns, or GET /v1/patterns/{id}. */
export async function patternsCommand(argv: string[]): Promise<number> {
  const { positionals, format, output } = parseAnswerArgs(argv);
  if (positionals.length > 1) throw new UsageError('patterns takes at most one pattern id');
  const catalog = loadCatalog();
  if (positionals[0] === undefined) {
    print({ criteria: CRITERIA, patterns: catalog }, format, output);
    return 0;
  }
  const pattern = findPattern(catalog, positionals[0]);
  if (!pattern)
    throw new UsageError(`No pattern "${positionals[0]}" (podwire patterns lists them)`, false);
  print(pattern, format, output);
  return 0;
}
