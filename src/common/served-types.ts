import type { RoutePolicy } from './route-policy.js';

type Operation = {
  responses?: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
};
type Spec = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { responses?: Record<string, { content?: Record<string, unknown> }> };
};

/** `/v1/patterns/:id` as openapi.yaml spells it: `/v1/patterns/{id}`. */
function template(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/**
 * The media types an operation answers with on success, read from openapi.yaml so the 406 list
 * is the contract's, not a second hand-kept list. Empty when the spec documents no 2xx body.
 */
export function servedTypes(spec: Spec, route: Pick<RoutePolicy, 'method' | 'path'>): string[] {
  const operation = spec.paths?.[template(route.path)]?.[route.method.toLowerCase()];
  const types = new Set<string>();
  for (const [status, response] of Object.entries(operation?.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const resolved = response.$ref
      ? spec.components?.responses?.[response.$ref.split('/').pop() ?? '']
      : response;
    for (const type of Object.keys(resolved?.content ?? {})) types.add(type);
  }
  return [...types];
}
