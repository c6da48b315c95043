import { schemaIssues, type SchemaRuleId } from '../../engine/schema/index.js';
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
      ctx.report(
        issue.at
          ? { object, path: issue.path, message: issue.message, at: issue.at }
          : { object, path: issue.path, message: issue.message },
      );
    }
  }
}
