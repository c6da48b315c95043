/**
 * What a proxy configuration says about the network, independent of the proxy product.
 * Lines are 1-based lines inside the configuration file (the ConfigMap data value).
 */

/** A TCP endpoint (`host`/`port`) or a Unix domain socket (`unixPath`). */
export interface ProxyEndpoint {
  /** Host or address as written ('127.0.0.1', 'localhost', 'app', '[::1]' → '::1'); absent for `listen 8080`. */
  host?: string;
  port?: number;
  unixPath?: string;
  /** The text the endpoint was read from, e.g. `127.0.0.1:9090`. */
  text: string;
  line: number;
  /** The ConfigMap key (file name) the endpoint was read from. */
  file?: string;
}

export interface ProxyUpstream extends ProxyEndpoint {
  /** Where the upstream comes from, e.g. `proxy_pass`, `upstream app`, `cluster local_app`. */
  via: string;
}

export interface ProxyConfigError {
  message: string;
  line?: number;
  file?: string;
}

export interface ProxyConfig {
  listens: ProxyEndpoint[];
  upstreams: ProxyUpstream[];
  /** Envoy's admin interface. */
  admin?: ProxyEndpoint;
  /** Problems that made (part of) the configuration unreadable. Parsers never throw. */
  errors: ProxyConfigError[];
}

const LOOPBACK_NAMES = new Set([
  'localhost',
  'ip6-localhost',
  'ip6-loopback',
  '::1',
  '0:0:0:0:0:0:0:1',
]);

/** True for addresses that stay inside the pod's network namespace. */
export function isLoopback(host: string | undefined): boolean {
  if (host === undefined) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (LOOPBACK_NAMES.has(h)) return true;
  if (h.endsWith('.localhost')) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** True for wildcard bind addresses (every interface of the pod). */
export function isWildcard(host: string | undefined): boolean {
  if (host === undefined) return true;
  const h = host.replace(/^\[|\]$/g, '');
  return h === '' || h === '*' || h === '0.0.0.0' || h === '::' || h === '0:0:0:0:0:0:0:0';
}

/** Splits `host:port`, `[v6]:port`, `host` or `port` (when `bareIsPort`). */
export function splitHostPort(
  text: string,
  bareIsPort: boolean,
): { host?: string; port?: number } | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const v6 = /^\[([^\]]*)\](?::(\d+))?$/.exec(t);
  if (v6) return { host: v6[1], port: v6[2] === undefined ? undefined : toPort(v6[2]) };
  if (/^\d+$/.test(t)) return bareIsPort ? { port: toPort(t) } : { host: t };
  const idx = t.lastIndexOf(':');
  if (idx > 0 && t.indexOf(':') === idx) {
    const port = t.slice(idx + 1);
    if (!/^\d+$/.test(port)) return undefined;
    return { host: t.slice(0, idx), port: toPort(port) };
  }
  if (t.includes(':')) return undefined;
  return { host: t };
}

function toPort(s: string): number | undefined {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

export function describeEndpoint(e: ProxyEndpoint): string {
  if (e.unixPath !== undefined) return `unix:${e.unixPath}`;
  if (e.host !== undefined && e.port !== undefined)
    return `${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}`;
  if (e.port !== undefined) return String(e.port);
  return e.host ?? e.text;
}
