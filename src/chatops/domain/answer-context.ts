import type { Catalog } from '../../catalog/catalog.js';
import type { Rule } from '../../validation/engine/types.js';

/** What the answers need from outside; passed in so the domain stays pure and testable. */
export interface AnswerContext {
  readonly catalog: Catalog;
  /** The rule registry, sorted by id. */
  readonly rules: readonly Rule[];
  /** Base for links back to the REST API (PUBLIC_BASE_URL, no trailing slash). */
  readonly publicBaseUrl: string;
  /** The slash command as configured in the workspace, e.g. "/podwire", for usage lines. */
  readonly slash: string;
}

export const DEFAULT_SLASH = '/podwire';

/** The workspace's command name when it looks like one, otherwise the default. */
export function slashName(command: unknown): string {
  return typeof command === 'string' && /^\/[\w.-]{1,32}$/.test(command) ? command : DEFAULT_SLASH;
}

export function apiUrl(ctx: AnswerContext, path: string, query?: URLSearchParams): string {
  const q = query?.toString();
  return `${ctx.publicBaseUrl}${path}${q ? `?${q}` : ''}`;
}
