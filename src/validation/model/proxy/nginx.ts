import {
  type ProxyConfig,
  type ProxyConfigError,
  type ProxyEndpoint,
  type ProxyUpstream,
  splitHostPort,
} from './endpoint.js';

/** One nginx directive: `name args…;` or `name args… { children }`. */
export interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  block?: NginxDirective[];
  file?: string;
}

interface Token {
  text: string;
  line: number;
  /** `;`, `{` and `}` outside quotes are syntax, not words. */
  syntax: boolean;
}

class NginxSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Lua (and similar) blocks are code, not nginx syntax: their braces are matched raw so that a
 * quoted `}` or a Lua comment does not derail the tokenizer.
 */
const RAW_BLOCK = /_by_lua_block$|^lua_block$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === ';' || c === '{' || c === '}') {
      tokens.push({ text: c, line, syntax: true });
      i++;
      const prev = tokens.length >= 2 ? tokens[tokens.length - 2] : undefined;
      if (
        c === '{' &&
        prev &&
        !prev.syntax &&
        RAW_BLOCK.test(prev.text) &&
        isDirectiveName(tokens, tokens.length - 2)
      ) {
        const start = line;
        let depth = 1;
        while (i < n && depth > 0) {
          const r = text[i];
          if (r === '\n') line++;
          else if (r === '{') depth++;
          else if (r === '}') depth--;
          else if (r === '"' || r === "'") {
            i++;
            while (i < n && text[i] !== r && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
          } else if (r === '-' && text[i + 1] === '-') {
            while (i < n && text[i + 1] !== '\n') i++;
          }
          i++;
        }
        if (depth > 0)
          throw new NginxSyntaxError('unexpected end of file inside a Lua block', start);
        tokens.push({ text: '}', line, syntax: true });
      }
      continue;
    }
    if (c === '"' || c === "'") {
      const start = line;
      let value = '';
      i++;
      while (i < n && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < n) {
          const next = text[i + 1];
          value += next === c || next === '\\' ? next : `\\${next}`;
          if (next === '\n') line++;
          i += 2;
          continue;
        }
        if (text[i] === '\n') line++;
        value += text[i];
        i++;
      }
      if (i >= n)
        throw new NginxSyntaxError(`unterminated ${c === '"' ? 'double' : 'single'} quote`, start);
      i++;
      tokens.push({ text: value, line: start, syntax: false });
      continue;
    }
    let word = '';
    while (i < n) {
      const d = text[i];
      if (/\s/.test(d) || d === ';' || d === '{' || d === '}') {
        // `${var}` is a variable, not a block
        if (d === '{' && word.endsWith('$')) {
          const close = text.indexOf('}', i);
          if (close < 0) throw new NginxSyntaxError('unterminated ${…} variable', line);
          word += text.slice(i, close + 1);
          i = close + 1;
          continue;
        }
        break;
      }
      if (d === '\\' && i + 1 < n) {
        word += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      word += d;
      i++;
    }
    tokens.push({ text: word, line, syntax: false });
  }
  return tokens;
}

/** True when tokens[idx] starts a directive (follows `;`, `{`, `}` or the start of the file). */
function isDirectiveName(tokens: Token[], idx: number): boolean {
  const before = idx > 0 ? tokens[idx - 1] : undefined;
  return before === undefined || before.syntax;
}

/** Common directives that never take a block (nginx rejects `listen 80 location / {`). */
const SIMPLE_DIRECTIVES = new Set([
  'listen',
  'server_name',
  'root',
  'index',
  'return',
  'rewrite',
  'include',
  'proxy_pass',
  'grpc_pass',
  'fastcgi_pass',
  'uwsgi_pass',
  'proxy_set_header',
  'add_header',
  'keepalive',
  'error_log',
  'access_log',
  'worker_processes',
  'pid',
  'user',
  'proxy_http_version',
  'proxy_read_timeout',
  'proxy_connect_timeout',
  'client_max_body_size',
  'ssl_certificate',
  'ssl_certificate_key',
  'set',
  'try_files',
  'resolver',
]);

function parseTokens(tokens: Token[]): NginxDirective[] {
  let pos = 0;
  const parseBlock = (depth: number, openLine: number): NginxDirective[] => {
    const out: NginxDirective[] = [];
    while (pos < tokens.length) {
      const t = tokens[pos];
      if (t.syntax) {
        if (t.text === '}') {
          if (depth === 0) throw new NginxSyntaxError('unexpected "}"', t.line);
          pos++;
          return out;
        }
        throw new NginxSyntaxError(`unexpected "${t.text}"`, t.line);
      }
      const directive: NginxDirective = { name: t.text, args: [], line: t.line };
      pos++;
      for (;;) {
        const a = tokens[pos];
        if (a === undefined)
          throw new NginxSyntaxError(
            `unexpected end of file, expecting ";" or "}" after "${directive.name}"`,
            directive.line,
          );
        if (!a.syntax) {
          directive.args.push(a.text);
          pos++;
          continue;
        }
        if (a.text === ';') {
          pos++;
          break;
        }
        if (a.text === '{') {
          // what nginx says when a `;` is missing before the next block
          if (SIMPLE_DIRECTIVES.has(directive.name)) {
            throw new NginxSyntaxError(
              `directive "${directive.name}" is not terminated by ";"`,
              directive.line,
            );
          }
          pos++;
          directive.block = parseBlock(depth + 1, a.line);
          break;
        }
        throw new NginxSyntaxError(
          `unexpected "}" after "${directive.name}" (missing ";"?)`,
          a.line,
        );
      }
      out.push(directive);
    }
    if (depth > 0) throw new NginxSyntaxError('unexpected end of file, expecting "}"', openLine);
    return out;
  };
  return parseBlock(0, 1);
}

/** Parses nginx configuration text into directives; never throws. */
export function parseNginx(text: string): {
  directives: NginxDirective[];
  error?: ProxyConfigError;
} {
  try {
    return { directives: parseTokens(tokenize(text)) };
  } catch (e) {
    if (e instanceof NginxSyntaxError)
      return { directives: [], error: { message: e.message, line: e.line } };
    return { directives: [], error: { message: String(e) } };
  }
}

const PASS_DIRECTIVES = new Set([
  'proxy_pass',
  'grpc_pass',
  'uwsgi_pass',
  'scgi_pass',
  'fastcgi_pass',
  'memcached_pass',
]);
const SCHEME_PORTS: Record<string, number> = {
  http: 80,
  https: 443,
  grpc: 80,
  grpcs: 443,
  uwsgi: 80,
  suwsgi: 443,
};

/** `unix:/path` → the path; nginx ends the path at the first `:` in `http://unix:/sock:/uri`. */
function unixPathOf(text: string): string | undefined {
  if (!text.startsWith('unix:')) return undefined;
  const rest = text.slice(5);
  const colon = rest.indexOf(':');
  return colon >= 0 ? rest.slice(0, colon) : rest;
}

/** `listen` arguments: `8080`, `127.0.0.1:8080`, `[::]:80`, `*:80`, `localhost`, `unix:/path`. */
function readListen(d: NginxDirective): ProxyEndpoint | undefined {
  const arg = d.args[0];
  if (arg === undefined) return undefined;
  const unix = unixPathOf(arg);
  if (unix !== undefined) return { unixPath: unix, text: arg, line: d.line, file: d.file };
  const hp = splitHostPort(arg, true);
  if (!hp) return undefined;
  const host = hp.host === '*' ? undefined : hp.host;
  return { host, port: hp.port ?? 80, text: arg, line: d.line, file: d.file };
}

/** An upstream server address: `host:port`, `host` (port 80) or `unix:/path`. */
function readServerAddress(
  arg: string,
  d: NginxDirective,
  via: string,
  defaultPort: number | undefined,
): ProxyUpstream | undefined {
  const unix = unixPathOf(arg);
  if (unix !== undefined) return { unixPath: unix, text: arg, line: d.line, file: d.file, via };
  const hp = splitHostPort(arg, false);
  if (!hp || hp.host === undefined) return undefined;
  return {
    host: hp.host,
    port: hp.port ?? defaultPort,
    text: arg,
    line: d.line,
    file: d.file,
    via,
  };
}

interface Walk {
  listens: ProxyEndpoint[];
  passes: Array<{ directive: NginxDirective; stream: boolean }>;
  upstreamBlocks: Map<string, { directive: NginxDirective; stream: boolean }>;
}

function walk(directives: NginxDirective[], stream: boolean, inUpstream: boolean, acc: Walk): void {
  for (const d of directives) {
    if (d.name === 'stream' && d.block) {
      walk(d.block, true, false, acc);
      continue;
    }
    if (d.name === 'upstream' && d.block && d.args[0] !== undefined) {
      acc.upstreamBlocks.set(`${stream ? 'stream' : 'http'}:${d.args[0]}`, {
        directive: d,
        stream,
      });
      continue;
    }
    if (d.name === 'server' && d.block && !inUpstream) {
      const listens = d.block.filter((c) => c.name === 'listen');
      if (listens.length === 0 && !stream) {
        // nginx listens on *:80 when a server block has no listen directive
        acc.listens.push({
          port: 80,
          text: 'server without listen (default *:80)',
          line: d.line,
          file: d.file,
        });
      }
    }
    if (d.name === 'listen') {
      const l = readListen(d);
      if (l) acc.listens.push(l);
    }
    if (PASS_DIRECTIVES.has(d.name) && d.args[0] !== undefined)
      acc.passes.push({ directive: d, stream });
    if (d.block) walk(d.block, stream, d.name === 'upstream', acc);
  }
}

/** Turns parsed nginx directives into listens and upstreams (`proxy_pass`, `upstream { server … }`). */
export function analyseNginx(
  directives: NginxDirective[],
): Pick<ProxyConfig, 'listens' | 'upstreams'> {
  const acc: Walk = { listens: [], passes: [], upstreamBlocks: new Map() };
  walk(directives, false, false, acc);
  const upstreams: ProxyUpstream[] = [];
  const expanded = new Set<string>();
  for (const { directive, stream } of acc.passes) {
    const target = directive.args[0];
    // a variable target is resolved at request time; nothing to check statically
    if (target.includes('$')) continue;
    let rest = target;
    let defaultPort: number | undefined;
    const scheme = /^([a-z]+):\/\//i.exec(target);
    if (scheme) {
      rest = target.slice(scheme[0].length);
      defaultPort = SCHEME_PORTS[scheme[1].toLowerCase()] ?? 80;
    }
    if (rest.startsWith('unix:')) {
      upstreams.push({
        unixPath: unixPathOf(rest),
        text: target,
        line: directive.line,
        file: directive.file,
        via: directive.name,
      });
      continue;
    }
    const hostPart = rest.split('/')[0];
    const block = acc.upstreamBlocks.get(`${stream ? 'stream' : 'http'}:${hostPart}`);
    if (block) {
      const key = `${stream}:${hostPart}`;
      if (expanded.has(key)) continue;
      expanded.add(key);
      for (const s of block.directive.block ?? []) {
        if (s.name !== 'server' || s.block || s.args[0] === undefined) continue;
        const u = readServerAddress(s.args[0], s, `upstream ${hostPart}`, 80);
        if (u) upstreams.push(u);
      }
      continue;
    }
    const u = readServerAddress(hostPart, directive, directive.name, defaultPort);
    if (u) upstreams.push({ ...u, text: target });
  }
  return { listens: acc.listens, upstreams };
}

function tagFile(directives: NginxDirective[], file: string): void {
  for (const d of directives) {
    d.file = file;
    if (d.block) tagFile(d.block, file);
  }
}

/**
 * Reads nginx configuration files (e.g. `nginx.conf` and `default.conf` of one ConfigMap) as one
 * configuration, so an `upstream` block in one file serves a `proxy_pass` in another. Pure; never
 * throws: a file that does not parse becomes an error and is left out.
 */
export function readNginxConfig(files: ReadonlyArray<{ name: string; text: string }>): ProxyConfig {
  const all: NginxDirective[] = [];
  const errors: ProxyConfigError[] = [];
  for (const f of files) {
    const { directives, error } = parseNginx(f.text);
    if (error) {
      errors.push({ ...error, file: f.name });
      continue;
    }
    tagFile(directives, f.name);
    all.push(...directives);
  }
  return { ...analyseNginx(all), errors };
}
