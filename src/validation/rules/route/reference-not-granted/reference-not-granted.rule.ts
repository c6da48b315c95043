import type { JsonPath, ManifestObject, Rule, RuleContext } from '../../../engine/types.js';
import { describeObject } from '../../../model/describe.js';
import { routesOf } from '../../../model/routes/routes-model.js';
import type { GrantRequest } from '../../../model/routes/routes-model.js';
import { GATEWAY_GROUP } from '../../../model/routes/types.js';

const groupKind = (group: string, kind: string): string => (group ? `${kind}.${group}` : kind);

function checkRef(
  ctx: RuleContext,
  object: ManifestObject,
  path: JsonPath,
  request: GrantRequest,
  role: string,
): void {
  if (routesOf(ctx).grantFor(request)) return;
  const target = groupKind(request.toGroup, request.toKind);
  ctx.report({
    object,
    path: [...path, 'namespace'],
    message: `${describeObject(object)} ${role} ${target} ${request.toNamespace}/${request.toName}, but no ReferenceGrant in namespace ${request.toNamespace} allows ${request.fromKind} from namespace ${request.fromNamespace} to refer to ${target}${request.toName ? ` ${request.toName}` : ''}: the reference is refused (ResolvedRefs False, RefNotPermitted)`,
    // The grant may exist in the cluster: a partial bundle makes this an info.
    missingReference: true,
  });
}

function check(ctx: RuleContext): void {
  const model = routesOf(ctx);
  for (const route of model.routes) {
    for (const ref of route.backendRefs) {
      if (!ref.crossNamespace) continue;
      checkRef(
        ctx,
        route.object,
        ref.path,
        {
          fromGroup: GATEWAY_GROUP,
          fromKind: route.kind,
          fromNamespace: route.namespace,
          toGroup: ref.group,
          toKind: ref.kind,
          toNamespace: ref.namespace,
          toName: ref.name,
        },
        'sends traffic to',
      );
    }
  }
  for (const gateway of model.gateways) {
    for (const listener of gateway.listeners) {
      for (const ref of listener.certificateRefs) {
        if (!ref.crossNamespace) continue;
        checkRef(
          ctx,
          gateway.object,
          ref.path,
          {
            fromGroup: GATEWAY_GROUP,
            fromKind: 'Gateway',
            fromNamespace: gateway.namespace,
            toGroup: ref.group,
            toKind: ref.kind,
            toNamespace: ref.namespace,
            toName: ref.name,
          },
          `listener "${listener.name}" takes its certificate from`,
        );
      }
    }
  }
}

export const routeReferenceNotGrantedRule: Rule = {
  id: 'route/reference-not-granted',
  title: 'Cross-namespace reference without a ReferenceGrant',
  severity: 'error',
  category: 'route',
  patterns: [],
  description:
    "A route `backendRef` or a Gateway listener `tls.certificateRefs` entry that names an object in another namespace is only followed when a ReferenceGrant in the *target* namespace allows it: one of its `from` entries names the referring group, kind and namespace (a route: gateway.networking.k8s.io and its kind; a Gateway: gateway.networking.k8s.io, Gateway) and one of its `to` entries the target group and kind, with no `name` or the target's name. Without one the implementation refuses the reference (ResolvedRefs False, reason RefNotPermitted). With `scope: partial` the finding is an info, since the grant may be outside the bundle.",
  remediation:
    'Add a ReferenceGrant to the target namespace whose `from` names the referring kind and namespace and whose `to` names the target kind (and optionally its name), or move the target into the referring namespace.',
  references: [
    'https://gateway-api.sigs.k8s.io/api-types/referencegrant/',
    'https://gateway-api.sigs.k8s.io/guides/multiple-ns/',
  ],
  check,
};
