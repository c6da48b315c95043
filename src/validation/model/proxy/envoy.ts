import { LineCounter, parseDocument, type Node } from 'yaml';
import type { ProxyConfig, ProxyEndpoint, ProxyUpstream } from './endpoint.js';

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function toPort(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 65535 ? n : undefined;
}

/**
 * Reads an Envoy (v3, also v2 `hosts`) static bootstrap configuration, YAML or JSON: listener
 * addresses, static cluster endpoints and the admin address. Pure; never throws.
 */
export function readEnvoyConfig(text: string, file?: string): ProxyConfig {
  const lineCounter = new LineCounter();
  let doc;
  try {
    // aliases are capped in toJS below so that a hostile ConfigMap cannot blow up memory
    doc = parseDocument(text, { lineCounter, prettyErrors: false });
  } catch (e) {
    return {
      listens: [],
      upstreams: [],
      errors: [{ message: `cannot parse: ${String(e)}`, file }],
    };
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.pos ? lineCounter.linePos(err.pos[0]).line : undefined;
    return {
      listens: [],
      upstreams: [],
      errors: [{ message: err.message.split('\n')[0], line, file }],
    };
  }
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { listens: [], upstreams: [], errors: [{ message: `cannot read: ${String(e)}`, file }] };
  }
  const top = asObject(root);
  if (!top) {
    return {
      listens: [],
      upstreams: [],
      errors: [
        { message: 'the file is not an Envoy bootstrap configuration (a mapping)', line: 1, file },
      ],
    };
  }

  const lineOf = (path: ReadonlyArray<string | number>): number => {
    const node = doc.getIn(path, true) as Node | undefined;
    const offset = node?.range?.[0];
    if (offset !== undefined) return lineCounter.linePos(offset).line;
    return path.length > 0 ? lineOf(path.slice(0, -1)) : 1;
  };

  /** `address: {socket_address: {...}}` or `address: {pipe: {path}}`. */
  const readAddress = (
    address: unknown,
    path: Array<string | number>,
  ): ProxyEndpoint | undefined => {
    const a = asObject(address);
    const sock = asObject(a?.socket_address);
    if (sock) {
      const host = typeof sock.address === 'string' ? sock.address : undefined;
      const port = toPort(sock.port_value);
      const shown = port === undefined ? (host ?? '') : `${host ?? ''}:${String(sock.port_value)}`;
      return { host, port, text: shown, line: lineOf([...path, 'socket_address']), file };
    }
    const pipe = asObject(a?.pipe);
    if (pipe && typeof pipe.path === 'string') {
      return {
        unixPath: pipe.path,
        text: `pipe ${pipe.path}`,
        line: lineOf([...path, 'pipe']),
        file,
      };
    }
    return undefined;
  };

  const listens: ProxyEndpoint[] = [];
  const upstreams: ProxyUpstream[] = [];
  const statics = asObject(top.static_resources);
  asArray(statics?.listeners).forEach((l, i) => {
    const e = readAddress(asObject(l)?.address, ['static_resources', 'listeners', i, 'address']);
    if (e) listens.push(e);
  });
  asArray(statics?.clusters).forEach((c, ci) => {
    const cluster = asObject(c);
    if (!cluster) return;
    const via = `cluster ${typeof cluster.name === 'string' ? cluster.name : `#${ci}`}`;
    const base: Array<string | number> = ['static_resources', 'clusters', ci];
    asArray(asObject(cluster.load_assignment)?.endpoints).forEach((ep, ei) => {
      asArray(asObject(ep)?.lb_endpoints).forEach((lb, li) => {
        const path = [
          ...base,
          'load_assignment',
          'endpoints',
          ei,
          'lb_endpoints',
          li,
          'endpoint',
          'address',
        ];
        const e = readAddress(asObject(asObject(lb)?.endpoint)?.address, path);
        if (e) upstreams.push({ ...e, via });
      });
    });
    // v2 clusters listed addresses directly under `hosts`
    asArray(cluster.hosts).forEach((h, hi) => {
      const e = readAddress(h, [...base, 'hosts', hi]);
      if (e) upstreams.push({ ...e, via });
    });
  });
  const admin = readAddress(asObject(top.admin)?.address, ['admin', 'address']);
  return { listens, upstreams, admin, errors: [] };
}
