import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import {
  detectPatterns,
  PATTERN_IDS,
  PATTERN_STRUCTURE,
  type PatternId,
  podsWithoutSharedVolume,
  VOLUME_PATTERNS,
} from '../../../model/patterns.js';

function isPatternId(value: string): value is PatternId {
  return (PATTERN_IDS as readonly string[]).includes(value);
}

function check(ctx: RuleContext): void {
  const pattern = ctx.options.pattern;
  if (!pattern || !isPatternId(pattern)) return;
  const detected = detectPatterns(ctx);
  if (detected.some((d) => d.pattern === pattern)) return;
  // volume/not-shared already points at the pod that lacks the shared volume
  if (VOLUME_PATTERNS.has(pattern) && podsWithoutSharedVolume(ctx).length > 0) return;
  const anchor = modelOf(ctx).pods[0]?.object ?? ctx.objects[0];
  if (!anchor) return;
  const found = detected.map((d) => d.pattern);
  ctx.report({
    object: anchor,
    path:
      typeof (anchor.raw.metadata as Record<string, unknown> | undefined)?.name === 'string'
        ? ['metadata', 'name']
        : [],
    message: `the request names pattern ${pattern}, but the bundle lacks its defining structure: ${PATTERN_STRUCTURE[pattern]}${found.length > 0 ? ` (patterns found: ${found.join(', ')})` : ''}`,
    // mesh enrolment usually sits on the Namespace, which a partial bundle may leave out
    missingReference: pattern === 'service-mesh' && ctx.byKind('Namespace').length === 0,
  });
}

export const patternNotImplementedRule: Rule = {
  id: 'pattern/not-implemented',
  title: 'Bundle does not implement the requested pattern',
  severity: 'error',
  category: 'pattern',
  patterns: [...PATTERN_IDS],
  summary: true,
  description:
    "When the request names a pattern, the bundle must contain that pattern's defining structure (for example a proxy container for sidecar-proxy, a ClusterIP Service selecting a workload for service-clusterip, an emptyDir with medium: Memory mounted by two containers for shared-volume-memory). The finding lists the patterns podwire did find. It is left out when an error of a rule about that pattern (a selector that matches nothing, a serviceName that names no Service, a ReadWriteOnce claim shared by replicas) already explains the missing structure: one root cause, one error.",
  remediation:
    'Add the missing objects or fields (GET /v1/patterns/{id} lists the objects involved, and POST /v1/manifests/render writes them), or name the pattern the bundle actually implements.',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/pods/#how-pods-manage-multiple-containers',
  ],
  check,
};
