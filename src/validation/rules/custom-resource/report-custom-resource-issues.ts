import {
  customResourceIssues,
  type CustomResourceIssueKind,
} from '../../../kubernetes/crd/index.js';
import type { RuleContext } from '../../engine/types.js';
import { RENAME_CHECKS, renameFix } from './rename-fix.js';

/**
 * Reports one kind of custom-resource issue. Both custom-resource rules share one validation per
 * object (customResourceIssues is memoised). `unsupported` issues (a CEL function podwire lacks,
 * the evaluation budget) belong to custom-resource/rule-violation, downgraded to info.
 */
export function reportCustomResourceIssues(
  ctx: RuleContext,
  kinds: readonly CustomResourceIssueKind[],
): void {
  for (const object of ctx.objects) {
    const budget = { left: RENAME_CHECKS };
    for (const issue of customResourceIssues(ctx.objects, object.raw)) {
      if (!kinds.includes(issue.kind)) continue;
      ctx.report({
        object,
        path: issue.path,
        message: issue.message,
        ...(issue.at ? { at: issue.at } : {}),
        ...(issue.kind === 'unsupported' ? { severity: 'info' as const } : {}),
        ...(issue.fields ? { fix: renameFix(ctx.objects, object.raw, issue, budget) } : {}),
      });
    }
  }
}
