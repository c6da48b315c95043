import { isIP } from 'node:net';
import {
  DEFAULT_KUBERNETES_RELEASE,
  type KubernetesRelease,
  NEWEST_RELEASE,
  OLDEST_RELEASE,
  parseKubernetesVersion,
} from '../kubernetes/releases.js';

/**
 * The only place that reads process.env. Every variable is validated at boot; a bad value stops
 * start-up with a message naming the variable.
 */

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly bodyLimitBytes: number;
  readonly admissionBodyLimitBytes: number;
  readonly validateBodyLimitBytes: number;
  /** Request-body bytes all requests together may hold at once (reserved before reading). */
  readonly bodyBudgetBytes: number;
  /** Express `trust proxy`: which hops' X-Forwarded-For to believe for the client address. */
  readonly trustProxy: false | number | readonly string[];
  readonly corsOrigins: readonly string[];
  readonly apiKeys: readonly string[];
  readonly rateLimitPerMinute: number;
  /** After the delay below, the longest wait for in-flight requests before the process exits. */
  readonly shutdownGraceMs: number;
  /** Time readiness reports 503 before the listener closes, so load balancers stop sending. */
  readonly shutdownDelayMs: number;
  readonly validationWorkers: number;
  readonly validationQueue: number;
  readonly validationTimeoutMs: number;
  readonly validationQueueWaitMs: number;
  readonly validationWorkerHeapMb: number;
  readonly slackSigningSecret?: string;
  readonly mattermostToken?: string;
  readonly publicBaseUrl: string;
  readonly admissionMode: 'enforce' | 'warn';
  /** UPDATE in enforce mode denies only errors the old object did not have. */
  readonly admissionRatchet: boolean;
  /** The release the cluster behind the webhook runs: reviews are validated as it would. */
  readonly admissionKubernetesVersion: KubernetesRelease;
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`Invalid configuration: ${variable} ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function bytes(env: Env, name: string, fallback: string): number {
  const raw = (read(env, name) ?? fallback).toLowerCase();
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/.exec(raw);
  if (!match) throw new ConfigError(name, `must be a size like "1mb" or "512kb", got "${raw}"`);
  const value = Math.floor(Number(match[1]) * SIZE_UNITS[match[2] ?? 'b']);
  if (value < 1024 || value > 64 * 1024 ** 2) {
    throw new ConfigError(name, `must be between 1kb and 64mb, got "${raw}"`);
  }
  return value;
}

function list(env: Env, name: string): string[] {
  return (read(env, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, fallback: string): string {
  const raw = read(env, name) ?? fallback;
  try {
    const parsed = new URL(raw);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('protocol');
  } catch {
    throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function cidr(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** `false` (default: the peer is the client), a hop count, or addresses, CIDRs and Express names. */
function trustProxy(env: Env): false | number | readonly string[] {
  const raw = read(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops < 1 || hops > 10) {
      throw new ConfigError('TRUST_PROXY', `hop count must be between 1 and 10, got ${hops}`);
    }
    return hops;
  }
  const entries = list(env, 'TRUST_PROXY');
  for (const entry of entries) {
    if (!PROXY_NAMES.includes(entry) && !cidr(entry)) {
      throw new ConfigError(
        'TRUST_PROXY',
        `must be false, a hop count, or a list of IP addresses, CIDRs and ${PROXY_NAMES.join('/')}; got "${entry}"` +
          (entry === 'true' ? ' (true would let any client choose its address)' : ''),
      );
    }
  }
  return Object.freeze(entries);
}

function release(env: Env, name: string): KubernetesRelease {
  const raw = read(env, name);
  if (raw === undefined) return DEFAULT_KUBERNETES_RELEASE;
  const parsed = parseKubernetesVersion(raw);
  if (!parsed)
    throw new ConfigError(
      name,
      `must be a Kubernetes release from ${OLDEST_RELEASE} to ${NEWEST_RELEASE} (1.31, v1.31.4…), got "${raw}"`,
    );
  return parsed;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const corsOrigins = list(env, 'CORS_ORIGINS');
  for (const origin of corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `entries must be origins like https://portal.example.com, got "${origin}"`,
      );
    }
  }
  const apiKeys = list(env, 'API_KEYS');
  if (apiKeys.some((key) => key.length < 2)) {
    throw new ConfigError('API_KEYS', 'entries must be at least 2 characters long');
  }
  const tlsCertFile = read(env, 'TLS_CERT_FILE');
  const tlsKeyFile = read(env, 'TLS_KEY_FILE');
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
    throw new ConfigError(
      tlsCertFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE',
      'must be set together with the other TLS_* file',
    );
  }
  const limits = {
    bodyLimitBytes: bytes(env, 'BODY_LIMIT', '1mb'),
    admissionBodyLimitBytes: bytes(env, 'ADMISSION_BODY_LIMIT', '8mb'),
    validateBodyLimitBytes: bytes(env, 'VALIDATE_BODY_LIMIT', '16mb'),
  };
  const bodyBudgetBytes = bytes(env, 'BODY_BUDGET', '32mb');
  const largest = Math.max(...Object.values(limits));
  if (bodyBudgetBytes < largest) {
    throw new ConfigError(
      'BODY_BUDGET',
      `must be at least the largest body limit (${largest} bytes), or such a body could never be read`,
    );
  }
  return Object.freeze({
    port,
    host: read(env, 'HOST') ?? '0.0.0.0',
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    ...limits,
    bodyBudgetBytes,
    trustProxy: trustProxy(env),
    corsOrigins: Object.freeze(corsOrigins),
    apiKeys: Object.freeze(apiKeys),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    // Not 0: endpoints take a few seconds to drop a terminating pod, and requests keep coming.
    shutdownDelayMs: integer(env, 'SHUTDOWN_DELAY_MS', 5_000, 0, 600_000),
    validationWorkers: integer(env, 'VALIDATION_WORKERS', 1, 0, 64),
    validationQueue: integer(env, 'VALIDATION_QUEUE', 16, 0, 1024),
    validationTimeoutMs: integer(env, 'VALIDATION_TIMEOUT_MS', 30_000, 100, 600_000),
    validationQueueWaitMs: integer(env, 'VALIDATION_QUEUE_WAIT_MS', 5_000, 100, 600_000),
    // 1,000 objects or 1.2 MB of dense YAML validate in under 128 MB; 192 keeps the process (main
    // thread + one worker at its limit) under the deploy's 512Mi, and a hostile manifest that
    // fills the heap is given up sooner (V8 collects ever harder near the limit).
    validationWorkerHeapMb: integer(env, 'VALIDATION_WORKER_HEAP_MB', 192, 64, 16_384),
    slackSigningSecret: read(env, 'SLACK_SIGNING_SECRET'),
    mattermostToken: read(env, 'MATTERMOST_TOKEN'),
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', `http://localhost:${port || 8080}`),
    admissionMode: oneOf(env, 'ADMISSION_MODE', ['enforce', 'warn'] as const, 'enforce'),
    admissionRatchet:
      oneOf(env, 'ADMISSION_RATCHET', ['true', 'false'] as const, 'true') === 'true',
    admissionKubernetesVersion: release(env, 'ADMISSION_KUBERNETES_VERSION'),
    tlsCertFile,
    tlsKeyFile,
  });
}
