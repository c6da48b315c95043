import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Checks every response an e2e test receives against openapi.yaml (documented status, content type,
 * body schema) and records which operations were exercised.
 */

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseSpec> }>>;
};
type ResponseSpec = { $ref?: string; content?: Record<string, { schema?: unknown }> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export const doc = parse(
  readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'),
) as Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(doc as object, 'openapi.json');

const templates = Object.keys(doc.paths).map((template) => ({
  template,
  literal: !template.includes('{'),
  regex: new RegExp(
    '^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+') + '$',
  ),
}));

/** Every operation of the spec, as "GET /v1/patterns/{id}". */
export function specOperations(): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

export function matchTemplate(path: string): string | undefined {
  const candidates = templates.filter((t) => t.regex.test(path));
  return (candidates.find((t) => t.literal) ?? candidates[0])?.template;
}

const pointer = (...parts: string[]) =>
  'openapi.json#/' + parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
const compiled = new Map<string, ValidateFunction>();
function validator(ref: string): ValidateFunction {
  let fn = compiled.get(ref);
  if (!fn) {
    fn = ajv.compile({ $ref: ref });
    compiled.set(ref, fn);
  }
  return fn;
}

function resolveResponse(spec: ResponseSpec): { spec: ResponseSpec; base: string[] } | undefined {
  if (spec.$ref) {
    const parts = spec.$ref.replace(/^#\//, '').split('/');
    let node: unknown = doc;
    for (const part of parts) node = (node as Record<string, unknown>)?.[part];
    return node ? { spec: node as ResponseSpec, base: parts } : undefined;
  }
  return { spec, base: [] };
}

export interface Observed {
  method: string;
  path: string;
  status: number;
  contentType: string;
  body: string;
}

/** Returns the problems found with one response (empty when it matches the contract). */
export function checkResponse(observed: Observed): { operation?: string; problems: string[] } {
  const { method, path, status } = observed;
  const contentType = observed.contentType.split(';')[0].trim().toLowerCase();
  const where = `${method} ${path} → ${status}`;
  const template = matchTemplate(path);
  const operationSpec = template ? doc.paths[template][method.toLowerCase()] : undefined;
  if (!template || !operationSpec) {
    // Unknown routes and methods must answer with a problem.
    if ((status === 404 || status === 405) && contentType === 'application/problem+json') {
      const fn = validator(pointer('components', 'schemas', 'Problem'));
      return {
        problems: fn(JSON.parse(observed.body))
          ? []
          : [`${where}: problem body invalid: ${ajv.errorsText(fn.errors)}`],
      };
    }
    return { problems: [`${where}: not an operation of openapi.yaml`] };
  }
  const operation = `${method.toUpperCase()} ${template}`;
  const responses = operationSpec.responses ?? {};
  const key =
    String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;
  if (!key)
    return { operation, problems: [`${where}: status ${status} not documented for ${operation}`] };
  const resolved = resolveResponse(responses[key]);
  if (!resolved) return { operation, problems: [`${where}: unresolvable response ${key}`] };
  const content = resolved.spec.content;
  if (!content) {
    return {
      operation,
      problems:
        observed.body.length > 0 && (status < 300 || status >= 400)
          ? [`${where}: body not documented`]
          : [],
    };
  }
  if (!(contentType in content)) {
    return {
      operation,
      problems: [
        `${where}: content type "${contentType}" not documented (${Object.keys(content).join(', ')})`,
      ],
    };
  }
  if (!content[contentType].schema) return { operation, problems: [] };
  const base =
    resolved.base.length > 0
      ? resolved.base
      : ['paths', template, method.toLowerCase(), 'responses', key];
  const fn = validator(pointer(...base, 'content', contentType, 'schema'));
  let body: unknown = observed.body;
  if (/json$/.test(contentType)) {
    try {
      body = JSON.parse(observed.body);
    } catch {
      return { operation, problems: [`${where}: body is not JSON`] };
    }
  }
  return fn(body)
    ? { operation, problems: [] }
    : {
        operation,
        problems: [`${where}: body does not match schema: ${ajv.errorsText(fn.errors)}`],
      };
}

const violations: string[] = [];
export const exercised = new Set<string>();

/** Moves the violations seen so far out of the buffer (the setup file asserts it is empty). */
export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}

/** Observes every response of a server (test-side; the app itself is untouched). */
export function observeServer(server: Server): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    // Express rewrites req.url inside mounted middleware; keep what the client asked for.
    // The path as sent, not resolved as a URL: "//?a=1" is no relative URL, and "/.." must not
    // become "/" (GET / as the fuzz test bends it).
    const url = { pathname: (req.url ?? '/').split('?')[0] };
    // Swagger UI's static assets are part of /docs, not operations of their own.
    if (url.pathname.startsWith('/docs/') && url.pathname !== '/docs/') return;
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              String(chunk),
              (typeof encoding === 'string' ? encoding : 'utf8') as BufferEncoding,
            ),
      );
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.once('finish', () => {
      if (req.method === 'HEAD' || req.method === 'OPTIONS') return;
      const result = checkResponse({
        method: req.method ?? 'GET',
        path: url.pathname === '/docs/' ? '/docs' : url.pathname,
        status: res.statusCode,
        contentType: String(res.getHeader('content-type') ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (result.operation) exercised.add(result.operation);
      violations.push(...result.problems);
    });
  });
}
