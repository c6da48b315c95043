import { describe, expect, it } from 'vitest';
import { applyConfig, ignoreMatcher, parseConfig } from './config.js';

const files = ['k8s/web.yaml', 'k8s/dev/debug.yaml', 'k8s/db.local.yaml'].map((filename) => ({
  filename,
  content: '',
}));

describe('parseConfig', () => {
  it('reads every key of a .podwire.yaml', () => {
    expect(
      parseConfig({
        disable: ['pod/host-network'],
        severity: { 'container/latest-tag': 'error' },
        ignore: ['dev/**'],
        kubernetesVersion: 1.33,
        scope: 'partial',
      }),
    ).toEqual({
      ok: true,
      config: {
        disable: ['pod/host-network'],
        severity: { 'container/latest-tag': 'error' },
        ignore: ['dev/**'],
        kubernetesVersion: '1.33',
        scope: 'partial',
      },
    });
    expect(parseConfig(null)).toEqual({ ok: true, config: {} });
  });

  it('names every bad key, under the given prefix', () => {
    const parsed = parseConfig(
      {
        disabel: [],
        disable: ['no/such-rule', 3],
        severity: { 'pod/host-network': 'fatal' },
        ignore: 'dev/**',
        kubernetesVersion: '0.9',
        scope: 'some',
      },
      '.podwire.yaml',
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors.map((error) => error.field)).toEqual([
      '.podwire.yaml.disabel',
      '.podwire.yaml.disable[1]',
      '.podwire.yaml.disable[0]',
      '.podwire.yaml.ignore',
      '.podwire.yaml.severity.pod/host-network',
      '.podwire.yaml.kubernetesVersion',
      '.podwire.yaml.scope',
    ]);
    expect(parseConfig(['a'])).toEqual({
      ok: false,
      errors: [{ field: 'config', message: 'must be an object (a mapping)' }],
    });
  });

  it('keeps a severity key named __proto__ from touching the prototype', () => {
    const parsed = parseConfig(JSON.parse('{"severity": {"__proto__": "error"}}'));
    expect(parsed.ok).toBe(false);
    expect(({} as Record<string, unknown>).error).toBeUndefined();
  });
});

describe('applyConfig', () => {
  it('lets the request win, fills the rest, joins disable and drops ignored files', () => {
    const applied = applyConfig(
      {
        disable: ['pod/host-network'],
        severity: { 'container/latest-tag': 'error' },
        ignore: ['dev/', '*.local.yaml'],
        kubernetesVersion: '1.33',
        scope: 'partial',
      },
      files,
      { scope: 'complete', disable: ['pod/host-port'] },
    );
    expect(applied.files.map((file) => file.filename)).toEqual(['k8s/web.yaml']);
    expect(applied.options).toEqual({
      scope: 'complete',
      kubernetesVersion: '1.33',
      disable: ['pod/host-port', 'pod/host-network'],
      severity: { 'container/latest-tag': 'error' },
    });
  });
});

describe('ignoreMatcher', () => {
  it('matches like .gitignore', () => {
    const ignored = ignoreMatcher(['/k8s/dev/', 'secret-*.yaml', '!secret-ok.yaml']);
    expect(ignored('k8s/dev/a.yaml')).toBe(true);
    expect(ignored('other/k8s/dev/a.yaml')).toBe(false);
    expect(ignored('a/b/secret-db.yaml')).toBe(true);
    expect(ignored('./a/secret-ok.yaml')).toBe(false);
    expect(ignoreMatcher([])('anything.yaml')).toBe(false);
  });
});
