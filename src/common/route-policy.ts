import { RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import type { DiscoveryService } from '@nestjs/core';
import type { AppConfig } from '../config/config.js';
import { CONSUMES } from './consumes.js';

const SKIP_API_KEY = 'podwire:skip-api-key';
const SKIP_RATE_LIMIT = 'podwire:skip-rate-limit';
const OPEN = 'podwire:open';
const BODY_LIMIT = 'podwire:body-limit';

/** For routes that verify callers their own way (Slack signatures, Mattermost tokens). */
export const SkipApiKey = () => SetMetadata(SKIP_API_KEY, true);
/** For callers that must never see a 429 (the API server calling the admission webhook). */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);
/** Probes, metrics and docs: no key, no limit, and their query string is never read. */
export const Open = () => SetMetadata(OPEN, true);

type SizeSetting = Extract<keyof AppConfig, `${string}BodyLimitBytes`>;

/** The setting that bounds this operation's body instead of BODY_LIMIT, and its variable. */
export const BodyLimit = (setting: SizeSetting, variable: string) =>
  SetMetadata(BODY_LIMIT, { setting, variable });

/** What the edge must enforce for one operation, read from its controller's decorators. */
export interface RoutePolicy {
  readonly method: string;
  /** The route as Nest registers it (`/v1/patterns/:id`). */
  readonly path: string;
  readonly needsKey: boolean;
  readonly rateLimited: boolean;
  readonly open: boolean;
  readonly bodyLimitBytes: number;
  /** The variable that sets bodyLimitBytes, named in a 413. */
  readonly bodyLimitVariable: string;
  /** The operation takes `multipart/form-data` (@Consumes), so the edge reads such bodies. */
  readonly multipart?: boolean;
}

interface Compiled extends RoutePolicy {
  readonly regex: RegExp;
}

function meta<T>(key: string, handler: object, controller: object): T | undefined {
  return (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller)) as
    T | undefined;
}

function paths(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value ?? ''];
  return list.map((p) => String(p));
}

function join(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/');
  return `/${joined}`;
}

/**
 * The routing table as Express will match it (case-sensitive, strict: createApp sets both), so
 * the edge middleware decides by the same route the handler runs under, never by a URL prefix.
 */
export class RouteTable {
  private readonly routes: Compiled[];

  constructor(policies: readonly RoutePolicy[]) {
    this.routes = policies.map((policy) => ({
      ...policy,
      regex: new RegExp(
        '^' +
          policy.path
            .split('/')
            .map((segment) =>
              segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
            )
            .join('/') +
          '$',
      ),
    }));
  }

  get policies(): readonly RoutePolicy[] {
    return this.routes;
  }

  /** The operation Express would run for this method and (undecoded) path, if any. */
  match(method: string, path: string): RoutePolicy | undefined {
    // Express serves HEAD with the GET handler.
    const wanted = method === 'HEAD' ? 'GET' : method;
    return this.routes.find(
      (route) => (route.method === wanted || route.method === 'ALL') && route.regex.test(path),
    );
  }
}

/** Reads every controller method's route and protection from Nest's metadata. */
export function buildRouteTable(discovery: DiscoveryService, config: AppConfig): RouteTable {
  const policies: RoutePolicy[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    if (!controller) continue;
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      if (methodPaths === undefined) continue;
      const method =
        RequestMethod[
          (Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined) ??
            RequestMethod.GET
        ];
      const open = meta<boolean>(OPEN, handler, controller) === true;
      const limit = meta<{ setting: SizeSetting; variable: string }>(
        BODY_LIMIT,
        handler,
        controller,
      );
      for (const base of paths(Reflect.getMetadata(PATH_METADATA, controller))) {
        for (const path of paths(methodPaths)) {
          policies.push({
            method,
            path: join(base, path),
            open,
            needsKey: !open && meta<boolean>(SKIP_API_KEY, handler, controller) !== true,
            rateLimited: !open && meta<boolean>(SKIP_RATE_LIMIT, handler, controller) !== true,
            bodyLimitBytes: limit ? config[limit.setting] : config.bodyLimitBytes,
            bodyLimitVariable: limit?.variable ?? 'BODY_LIMIT',
            multipart:
              meta<string[]>(CONSUMES, handler, controller)?.includes('multipart/form-data') ===
              true,
          });
        }
      }
    }
  }
  return new RouteTable(policies);
}

/** Used by the guard: the same metadata, read for the handler Nest matched. */
export const ROUTE_METADATA = { SKIP_API_KEY, OPEN } as const;
