import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      admissionBodyLimitBytes: 8 * 1024 * 1024,
      validateBodyLimitBytes: 16 * 1024 * 1024,
      bodyBudgetBytes: 32 * 1024 * 1024,
      trustProxy: false,
      corsOrigins: [],
      apiKeys: [],
      admissionMode: 'enforce',
      validationWorkers: 1,
      validationQueue: 16,
      validationTimeoutMs: 30_000,
      validationQueueWaitMs: 5_000,
      shutdownDelayMs: 5_000,
      shutdownGraceMs: 10_000,
      validationWorkerHeapMb: 192,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses sizes, lists and numbers', () => {
    const config = loadConfig({
      PORT: '9090',
      BODY_LIMIT: '512kb',
      API_KEYS: 'k1, k2 ,',
      CORS_ORIGINS: 'https://portal.example.com',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(config.port).toBe(9090);
    expect(config.bodyLimitBytes).toBe(512 * 1024);
    expect(config.apiKeys).toEqual(['k1', 'k2']);
    expect(config.corsOrigins).toEqual(['https://portal.example.com']);
    expect(config.rateLimitPerMinute).toBe(0);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['BODY_LIMIT', 'huge'],
    ['LOG_LEVEL', 'loud'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['SHUTDOWN_GRACE_MS', '1.5'],
    ['VALIDATION_QUEUE', '-1'],
    ['VALIDATION_TIMEOUT_MS', '50'],
    ['VALIDATION_WORKER_HEAP_MB', '8'],
    ['CORS_ORIGINS', 'portal.example.com'],
    ['ADMISSION_MODE', 'block'],
    ['ADMISSION_RATCHET', 'no'],
    ['PUBLIC_BASE_URL', 'ftp://x'],
    ['TLS_CERT_FILE', '/tmp/cert.pem'],
    ['VALIDATE_BODY_LIMIT', '100gb'],
    ['BODY_BUDGET', '8mb'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '0'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', 'loopback, ingress'],
  ])('rejects a bad %s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(
      new RegExp(`^Invalid configuration: ${name === 'TLS_CERT_FILE' ? 'TLS_KEY_FILE' : name} `),
    );
  });

  it('validates admission reviews for ADMISSION_KUBERNETES_VERSION (default 1.36), in any accepted form', () => {
    expect(loadConfig({}).admissionKubernetesVersion).toBe('1.36');
    expect(loadConfig({ ADMISSION_KUBERNETES_VERSION: 'v1.29.4' }).admissionKubernetesVersion).toBe(
      '1.29',
    );
    expect(() => loadConfig({ ADMISSION_KUBERNETES_VERSION: '1.27' })).toThrow(
      /ADMISSION_KUBERNETES_VERSION must be a Kubernetes release from 1.28 to 1.36/,
    );
  });

  it('ratchets admission by default; ADMISSION_RATCHET=false makes a strict gate', () => {
    expect(loadConfig({}).admissionRatchet).toBe(true);
    expect(loadConfig({ ADMISSION_RATCHET: 'false' }).admissionRatchet).toBe(false);
  });

  it('takes TRUST_PROXY as false, a hop count, or addresses, CIDRs and Express names', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 192.0.2.1' }).trustProxy,
    ).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
  });

  it('needs a BODY_BUDGET that holds the largest body limit', () => {
    expect(() => loadConfig({ VALIDATE_BODY_LIMIT: '40mb' })).toThrow(
      /BODY_BUDGET must be at least/,
    );
    expect(loadConfig({ VALIDATE_BODY_LIMIT: '40mb', BODY_BUDGET: '48mb' }).bodyBudgetBytes).toBe(
      48 * 1024 ** 2,
    );
  });
});
