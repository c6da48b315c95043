import type { CelFunc, CelMap } from '@bufbuild/cel';
import { celModule } from './cel-module.js';
import { field, markedType, marked } from './cel-marked.js';

/** k8s.io/apiserver/pkg/cel/library/urls.go: absolute URLs (or absolute paths), as Go's url.ParseRequestURI. */

function parse(text: string): URL | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:|^\//.test(text)) return undefined;
  try {
    return new URL(text, text.startsWith('/') ? 'podwire-path://' : undefined);
  } catch {
    return undefined;
  }
}

function url(text: string): CelMap {
  const parsed = parse(text);
  if (!parsed) throw new Error(`URL parse error during conversion from string: ${text}`);
  const relative = text.startsWith('/');
  const host = relative ? '' : parsed.host;
  return marked('url', {
    scheme: relative ? '' : parsed.protocol.replace(/:$/, ''),
    host,
    hostname: relative ? '' : parsed.hostname.replace(/^\[|\]$/g, ''),
    port: relative ? '' : parsed.port,
    path: parsed.pathname,
    query: parsed.search.replace(/^\?/, ''),
  });
}

function part(name: string): CelFunc {
  const { CelScalar, celMethod } = celModule();
  return celMethod(name, markedType(), [], CelScalar.STRING, function (this: CelMap) {
    return field<string>(this, 'url', PARTS[name]);
  });
}

const PARTS: Readonly<Record<string, string>> = {
  getScheme: 'scheme',
  getHost: 'host',
  getHostname: 'hostname',
  getPort: 'port',
  getEscapedPath: 'path',
};

export function urlFunctions(): readonly CelFunc[] {
  const { CelScalar, celFunc } = celModule();
  const MARKED = markedType();
  return [
    celFunc('url', [CelScalar.STRING], MARKED, (text) => url(text)),
    celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (text) => parse(text) !== undefined),
    ...Object.keys(PARTS).map(part),
  ];
}
