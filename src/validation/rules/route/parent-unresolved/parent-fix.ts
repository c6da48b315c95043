import { closeMatch, closePortName } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type {
  GatewayInfo,
  ListenerInfo,
  ParentRefInfo,
  RouteInfo,
  RoutesModel,
} from '../../../model/routes/types.js';
import { refusal } from './attachment.js';

/**
 * True when `ref`, changed as given, would clash with another parentRef of the route: two refs to
 * one parent need a sectionName or port each, and distinct ones (the CRD's own validation), so
 * such a fix would trade this finding for that violation.
 */
export function clashes(
  route: RouteInfo,
  ref: ParentRefInfo,
  change: Partial<Pick<ParentRefInfo, 'name' | 'sectionName' | 'port'>>,
): boolean {
  const next = { ...ref, ...change };
  const unqualified = (r: ParentRefInfo): boolean =>
    r.sectionName === undefined && r.port === undefined;
  return route.parentRefs.some(
    (other) =>
      other !== ref &&
      other.group === next.group &&
      other.kind === next.kind &&
      other.namespace === next.namespace &&
      other.name === next.name &&
      (unqualified(next) ||
        unqualified(other) ||
        (other.sectionName === next.sectionName && other.port === next.port)),
  );
}

/** The listeners of `gateway` the ref would select by name and port, if one of them admits it. */
function admits(
  model: RoutesModel,
  route: RouteInfo,
  gateway: GatewayInfo,
  match: (l: ListenerInfo) => boolean,
): boolean {
  return gateway.listeners.some(
    (l) => match(l) && refusal(model, l, gateway.namespace, route) === undefined,
  );
}

/**
 * Did you mean, for a Gateway a parentRef names: the one Gateway of the namespace with a close
 * name whose listeners (by the ref's sectionName and port) admit the route, so the fixed ref is
 * accepted rather than refused for another reason.
 */
export function gatewayNameFix(
  model: RoutesModel,
  route: RouteInfo,
  ref: ParentRefInfo,
  siblings: readonly GatewayInfo[],
): ReportFix | undefined {
  const fits = siblings.filter(
    (g) =>
      !clashes(route, ref, { name: g.name }) &&
      admits(
        model,
        route,
        g,
        (l) =>
          (ref.sectionName === undefined || l.name === ref.sectionName) &&
          (ref.port === undefined || l.port === ref.port),
      ),
  );
  const name = closeMatch(
    ref.name,
    fits.map((g) => g.name),
  );
  if (name === undefined) return undefined;
  return {
    description: `Change the parent Gateway "${ref.name}" to "${name}", a Gateway of namespace ${ref.namespace} that admits the route`,
    safety: 'safe',
    edits: [{ set: [...ref.path, 'name'], value: name }],
  };
}

/** Did you mean, for a sectionName: the one close listener name (on the ref's port) admitting it. */
export function sectionNameFix(
  model: RoutesModel,
  route: RouteInfo,
  ref: ParentRefInfo,
  gateway: GatewayInfo,
): ReportFix | undefined {
  if (ref.sectionName === undefined) return undefined;
  const names = gateway.listeners
    .filter((l) => ref.port === undefined || l.port === ref.port)
    .filter((l) => admits(model, route, gateway, (other) => other === l))
    .filter((l) => !clashes(route, ref, { sectionName: l.name }))
    .map((l) => l.name);
  const name = closePortName(ref.sectionName, names);
  if (name === undefined) return undefined;
  return {
    description: `Change sectionName "${ref.sectionName}" to "${name}", a listener of Gateway ${gateway.name} that admits the route`,
    safety: 'safe',
    edits: [{ set: [...ref.path, 'sectionName'], value: name }],
  };
}
