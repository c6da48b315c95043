import type { ReportFix } from '../../engine/fix/edit.js';
import {
  fieldName,
  schemaIssues,
  type SchemaIssue,
  type SchemaRuleId,
} from '../../engine/schema/index.js';
import type { RuleContext } from '../../engine/types.js';

/**
 * Reports one kind of schema issue. The four schema rules and api/not-yet-available (fields) share one validation per object
 * (schemaIssues is memoised), so splitting them costs nothing and lets users disable each.
 * Objects without a schema (custom resources) yield no issues: manifest/unknown-kind covers them.
 */
export function reportSchemaIssues(ctx: RuleContext, ruleId: SchemaRuleId): void {
  for (const object of ctx.objects) {
    for (const issue of schemaIssues(object, ctx.options.kubernetesVersion)) {
      if (issue.ruleId !== ruleId) continue;
      const fix = schemaFix(issue);
      ctx.report({
        object,
        path: issue.path,
        message: issue.message,
        ...(issue.at ? { at: issue.at } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  }
}

/**
 * Safe (DESIGN §11): the author's value kept, written with the type the API expects, or the one
 * allowed value that differs only by a typo or case.
 */
function schemaFix(issue: SchemaIssue): ReportFix | undefined {
  const fix = issue.fix;
  if (!fix) return undefined;
  const field = fieldName(issue.path);
  if ('rename' in fix) {
    // schema/unknown-field's did you mean: the key renamed, its value, comments and style kept.
    const key = String(issue.path[issue.path.length - 1]);
    return {
      description: `Rename field "${key}" to "${fix.rename}", the field the API defines here`,
      safety: 'safe',
      edits: [{ rename: issue.path, key: fix.rename }],
    };
  }
  if ('quote' in fix) {
    return {
      description: `Quote ${field}: the API expects a string, and unquoted YAML reads it as a number or boolean`,
      safety: 'safe',
      edits: [{ quote: issue.path }],
    };
  }
  const description =
    typeof fix.value === 'string'
      ? `Change ${field} to ${JSON.stringify(fix.value)}, the allowed value it most likely meant`
      : `Write ${field} as the ${typeof fix.value} ${String(fix.value)}, without quotes`;
  return { description, safety: 'safe', edits: [{ set: issue.path, value: fix.value }] };
}
