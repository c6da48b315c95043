import { schemaIssues, type SchemaRuleId } from '../../engine/schema/index.js';
import type { ReportFix } from '../../engine/fix/edit.js';
import type { JsonPath, RuleContext } from '../../engine/types.js';

/** schema/unknown-field's did you mean: the key renamed, its value, comments and style kept. */
function renameFix(path: JsonPath, field: string): ReportFix {
  const key = String(path[path.length - 1]);
  return {
    description: `Rename field "${key}" to "${field}", the field the API defines here`,
    safety: 'safe',
    edits: [{ rename: path, key: field }],
  };
}

/**
 * Reports one kind of schema issue. The four schema rules and api/not-yet-available (fields) share one validation per object
 * (schemaIssues is memoised), so splitting them costs nothing and lets users disable each.
 * Objects without a schema (custom resources) yield no issues: manifest/unknown-kind covers them.
 */
export function reportSchemaIssues(ctx: RuleContext, ruleId: SchemaRuleId): void {
  for (const object of ctx.objects) {
    for (const issue of schemaIssues(object, ctx.options.kubernetesVersion)) {
      if (issue.ruleId !== ruleId) continue;
      ctx.report({
        object,
        path: issue.path,
        message: issue.message,
        ...(issue.at ? { at: issue.at } : {}),
        ...(issue.rename === undefined ? {} : { fix: renameFix(issue.path, issue.rename) }),
      });
    }
  }
}
