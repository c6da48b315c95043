import type { ReportFix } from '../../../engine/fix/edit.js';
import type { JsonPath, ManifestObject, Rule, RuleContext } from '../../../engine/types.js';
import { describeObject } from '../../../model/describe.js';
import { routesOf } from '../../../model/routes/routes-model.js';
import type { GrantRequest } from '../../../model/routes/routes-model.js';
import { GATEWAY_GROUP } from '../../../model/routes/types.js';

const groupKind = (group: string, kind: string): string => (group ? `${kind}.${group}` : kind);

/**
 * A suggestion (a grant widens who may reach the target: its owner should agree): the narrowest
 * ReferenceGrant that admits this one reference, in the target's namespace. v1beta1, which every
 * Gateway API release since v0.6 serves (v1 is also served by the vendored v1.6 CRDs).
 */
function grantFix(ctx: RuleContext, request: GrantRequest): ReportFix | undefined {
  const parts = [request.fromKind, request.fromNamespace, 'to', request.toKind, request.toName];
  const name = parts
    .filter((part) => part !== '')
    .join('-')
    .toLowerCase()
    .slice(0, 253)
    .replace(/[^a-z0-9]+$/, '');
  if (ctx.lookup('ReferenceGrant', request.toNamespace, name)) return undefined;
  return {
    description: `Add ReferenceGrant ${request.toNamespace}/${name}, admitting ${request.fromKind} from namespace ${request.fromNamespace} to ${groupKind(request.toGroup, request.toKind)}${request.toName ? ` ${request.toName}` : ''}`,
    safety: 'suggestion',
    edits: [
      {
        appendDocument: {
          apiVersion: 'gateway.networking.k8s.io/v1beta1',
          kind: 'ReferenceGrant',
          metadata: { name, namespace: request.toNamespace },
          spec: {
            from: [
              {
                group: request.fromGroup,
                kind: request.fromKind,
                namespace: request.fromNamespace,
              },
            ],
            to: [
              {
                group: request.toGroup,
                kind: request.toKind,
                ...(request.toName ? { name: request.toName } : {}),
              },
            ],
          },
        },
      },
    ],
  };
}

function checkRef(
  ctx: RuleContext,
  object: ManifestObject,
  path: JsonPath,
  request: GrantRequest,
  role: string,
  offered: Set<string>,
): void {
  if (routesOf(ctx).grantFor(request)) return;
  const target = groupKind(request.toGroup, request.toKind);
  // One grant per reference target: a second finding offering the same document would, applied
  // too, add a duplicate object.
  const key = JSON.stringify(request);
  const fix = offered.has(key) ? undefined : grantFix(ctx, request);
  offered.add(key);
  ctx.report({
    object,
    path: [...path, 'namespace'],
    message: `${describeObject(object)} ${role} ${target} ${request.toNamespace}/${request.toName}, but no ReferenceGrant in namespace ${request.toNamespace} allows ${request.fromKind} from namespace ${request.fromNamespace} to refer to ${target}${request.toName ? ` ${request.toName}` : ''}: the reference is refused (ResolvedRefs False, RefNotPermitted)`,
    // The grant may exist in the cluster: a partial bundle makes this an info.
    missingReference: true,
    fix,
  });
}

function check(ctx: RuleContext): void {
  const model = routesOf(ctx);
  const offered = new Set<string>();
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
        offered,
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
          offered,
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
