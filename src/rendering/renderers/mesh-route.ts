import { BadRequestError } from '../../common/errors.js';
import { metadata } from './common.js';
import type { RenderContext } from './context.js';
import type { K8sObject } from './types.js';

/** Gateway API `Duration` (GEP-2257) as the HTTPRoute CRD's pattern accepts it. */
export const GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** Milliseconds of a Gateway API duration (already matched by GATEWAY_DURATION). */
export function durationMs(value: string): number {
  let total = 0;
  for (const m of value.matchAll(/([0-9]+)(ms|h|m|s)/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return total;
}

/**
 * A GAMMA HTTPRoute: its parent is the app's Service (group "", kind Service), so the callers'
 * mesh proxies apply it to traffic for that Service. Timeouts are standard HTTPRoute fields;
 * retries are not in the standard channel of Gateway API v1.6 (the CRDs podwire ships), so
 * Linkerd gets them from its documented route annotations and Istio keeps its default policy.
 */
export function meshRoute(ctx: RenderContext, serviceName: string, port: number): K8sObject {
  const route = ctx.route ?? {};
  const perTry = route.retries?.perTryTimeout;
  if (route.timeout && perTry && durationMs(perTry) > durationMs(route.timeout)) {
    throw new BadRequestError('Invalid request: options.route.retries.perTryTimeout.', [
      {
        field: 'options.route.retries.perTryTimeout',
        message: `must not exceed options.route.timeout (${route.timeout}): the whole request, retries included, is bounded by it`,
      },
    ]);
  }
  const linkerd = ctx.mesh === 'linkerd';
  const annotations: Record<string, string> = {};
  if (linkerd && route.retries) {
    // https://linkerd.io/2/reference/retries: retry.linkerd.io/limit counts retries after the first try.
    annotations['retry.linkerd.io/http'] = '5xx';
    annotations['retry.linkerd.io/limit'] = String(route.retries.attempts);
    if (perTry) annotations['retry.linkerd.io/timeout'] = perTry;
  }
  const timeouts: Record<string, string> = {};
  if (route.timeout) timeouts.request = route.timeout;
  // Linkerd bounds each try with retry.linkerd.io/timeout; Gateway API's backendRequest is the same for Istio.
  if (perTry && !linkerd) timeouts.backendRequest = perTry;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: metadata(ctx, serviceName, 'app', annotations),
    spec: {
      parentRefs: [{ group: '', kind: 'Service', name: serviceName, port }],
      rules: [
        {
          backendRefs: [{ name: serviceName, port }],
          ...(Object.keys(timeouts).length > 0 ? { timeouts } : {}),
        },
      ],
    },
  };
}

/** What the route does and does not carry, per mesh. */
export function meshRouteNotes(ctx: RenderContext): string[] {
  if (!ctx.route) return [];
  const notes = [
    "The HTTPRoute is a GAMMA route (parentRef: the Service): the callers' mesh proxies apply its timeouts; the Gateway API CRDs (v1.1 or later, standard channel) must be installed.",
  ];
  if (ctx.mesh === 'istio-ambient') {
    notes.push(
      'Ambient mode: ztunnel works at L4 and ignores HTTPRoutes; the route takes effect only once the Service uses a waypoint (label it istio.io/use-waypoint and deploy one with istioctl waypoint apply).',
    );
  }
  if (ctx.route.retries && ctx.mesh !== 'linkerd') {
    notes.push(
      `options.route.retries.attempts (${ctx.route.retries.attempts}) is not rendered for Istio: HTTPRoute's retry field is not in Gateway API v1.6's standard channel, and Istio keeps its default retry policy (2 retries on connection failures and 503s); perTryTimeout is rendered as timeouts.backendRequest.`,
    );
  }
  if (ctx.route.retries && ctx.mesh === 'linkerd') {
    notes.push(
      'Linkerd retries 5xx responses up to options.route.retries.attempts times (route annotations retry.linkerd.io/*, Linkerd 2.16 or later); only requests whose body is under 64 KiB are retried, so keep retried routes idempotent.',
    );
  }
  return notes;
}
