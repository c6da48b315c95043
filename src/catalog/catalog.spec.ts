import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CRITERIA,
  CatalogError,
  DEFAULT_DATA_DIR,
  loadCatalog,
  PATTERN_IDS,
  parsePatternFile,
} from './catalog.js';

const DATA = fileURLToPath(DEFAULT_DATA_DIR);

describe('the shipped catalogue', () => {
  const catalog = loadCatalog();
  const byId = Object.fromEntries(catalog.map((p) => [p.id, p]));

  it('holds exactly the twelve permanent ids of DESIGN §2', () => {
    // Committed list: renaming a pattern id must fail here.
    expect(catalog.map((p) => p.id)).toEqual([
      'message-broker',
      'node-agent',
      'object-storage',
      'pod-localhost',
      'service-clusterip',
      'service-headless',
      'service-mesh',
      'shared-pvc',
      'shared-volume-disk',
      'shared-volume-memory',
      'sidecar-proxy',
      'unix-socket',
    ]);
    expect([...PATTERN_IDS].sort()).toEqual(catalog.map((p) => p.id));
  });

  it('marks the three core patterns of the article', () => {
    expect(catalog.filter((p) => p.core).map((p) => p.id)).toEqual([
      'service-clusterip',
      'shared-volume-disk',
      'sidecar-proxy',
    ]);
  });

  it.each(PATTERN_IDS)(
    '%s: seven ratings 1–5 with justifications, use/avoid lists and https references',
    (id) => {
      const p = byId[id];
      for (const c of CRITERIA) {
        expect(p.ratings[c].rating).toBeGreaterThanOrEqual(1);
        expect(p.ratings[c].rating).toBeLessThanOrEqual(5);
        expect(p.ratings[c].justification.length).toBeGreaterThan(20);
      }
      expect(p.useWhen.length).toBeGreaterThan(0);
      expect(p.avoidWhen.length).toBeGreaterThan(0);
      expect(p.references.length).toBeGreaterThan(0);
      for (const r of p.references) expect(r.url).toMatch(/^https:\/\//);
    },
  );

  it('states the Kubernetes facts the article gets wrong correctly', () => {
    expect(byId['pod-localhost'].summary).toMatch(
      /share one network namespace: one IP, one port space/,
    );
    expect(byId['pod-localhost'].cautions.join(' ')).toMatch(
      /collide on ports; the API server only warns/,
    );
    expect(byId['service-mesh'].summary).toMatch(
      /inject their sidecar proxies with their own mutating admission\s+webhooks \(Kubernetes injects nothing\)/,
    );
    expect(byId['sidecar-proxy'].summary).toMatch(/Kubernetes injects no proxies/);
    expect(byId['sidecar-proxy'].versionNotes.join(' ')).toMatch(
      /alpha in 1\.28 \(feature gate off\), beta and on by default in 1\.29, GA in 1\.33/,
    );
    expect(byId['shared-volume-memory'].cautions.join(' ')).toMatch(
      /count against the container memory limits/,
    );
    expect(byId['service-mesh'].ratings.latency.justification).toMatch(/\+2\.7 ms at p90/);
    expect(byId['sidecar-proxy'].ratings.latency.justification).toMatch(/Adds a hop/);
    // The article's "efficient proxy" claim: a proxy is never rated above direct connections.
    expect(byId['sidecar-proxy'].ratings.latency.rating).toBeLessThan(
      byId['pod-localhost'].ratings.latency.rating,
    );
    expect(byId['unix-socket'].ratings.latency.rating).toBeGreaterThanOrEqual(
      byId['pod-localhost'].ratings.latency.rating,
    );
  });

  it('is frozen', () => {
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(byId['service-clusterip'].ratings.security)).toBe(true);
  });
});

describe('loading a broken catalogue fails fast, naming file and path', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of the shipped data with one file changed by `edit`. */
  function brokenCopy(file: string, edit: (text: string) => string): string {
    dir = mkdtempSync(join(tmpdir(), 'podwire-catalog-'));
    cpSync(DATA, dir, { recursive: true });
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
    return dir;
  }

  const cases: Array<[string, string, (text: string) => string, string]> = [
    [
      'a rating out of range',
      'service-clusterip.yaml',
      (t) => t.replace('rating: 2\n', 'rating: 6\n'),
      'catalog file service-clusterip.yaml: ratings.security.rating must be an integer from 1 to 5',
    ],
    [
      'a missing justification',
      'unix-socket.yaml',
      (t) => t.replace(/( {2}latency:\n {4}rating: 5\n) {4}justification: .*\n/, '$1'),
      'catalog file unix-socket.yaml: ratings.latency.justification is missing',
    ],
    [
      'a missing criterion',
      'shared-pvc.yaml',
      (t) => t.replace(/ {2}portability:\n {4}rating: 2\n {4}justification: .*\n/, ''),
      'catalog file shared-pvc.yaml: ratings.portability is missing',
    ],
    [
      'an unknown criterion',
      'shared-pvc.yaml',
      (t) => t.replace('ratings:\n', 'ratings:\n  speed:\n    rating: 3\n    justification: x\n'),
      'catalog file shared-pvc.yaml: ratings.speed is not a criterion',
    ],
    [
      'a dangling cross-reference',
      'service-headless.yaml',
      (t) =>
        t.replace(
          'related: [service-clusterip, shared-pvc]',
          'related: [service-clusterip, service-nodeport]',
        ),
      'catalog file service-headless.yaml: related[1] names unknown pattern "service-nodeport"',
    ],
    [
      'no reference URL',
      'shared-pvc.yaml',
      (t) => t.replace(/references:\n( {2}- .*\n {4}.*\n)+/, 'references: []\n'),
      'catalog file shared-pvc.yaml: references must have at least 1 item',
    ],
    [
      'a plain-http reference',
      'message-broker.yaml',
      (t) => t.replace('https://docs.nats.io/nats-concepts/jetstream', 'http://docs.nats.io/'),
      'catalog file message-broker.yaml: references[0].url must be an https URL',
    ],
    [
      'a core flag on the wrong pattern',
      'unix-socket.yaml',
      (t) => t.replace('core: false', 'core: true'),
      'catalog file unix-socket.yaml: core must be false for unix-socket',
    ],
    [
      'an id that does not match the file',
      'pod-localhost.yaml',
      (t) => t.replace('id: pod-localhost', 'id: unix-socket'),
      'catalog file pod-localhost.yaml: id "unix-socket" does not match the file name',
    ],
    [
      'an unknown field',
      'service-mesh.yaml',
      (t) => `${t}colour: blue\n`,
      'catalog file service-mesh.yaml: colour is not a known field',
    ],
    [
      'a bad version',
      'service-mesh.yaml',
      (t) => t.replace(/^minKubernetesVersion: .*$/m, 'minKubernetesVersion: "v1.28.0"'),
      'catalog file service-mesh.yaml: minKubernetesVersion must look like "1.29"',
    ],
    [
      'a duplicate key',
      'sidecar-proxy.yaml',
      (t) => `${t}core: true\n`,
      'catalog file sidecar-proxy.yaml: not valid YAML',
    ],
    [
      'text that is not YAML',
      'shared-volume-disk.yaml',
      () => 'id: [unclosed\n',
      'catalog file shared-volume-disk.yaml: not valid YAML',
    ],
  ];

  it.each(cases)('%s', (_name, file, edit, message) => {
    const broken = brokenCopy(file, edit);
    expect(() => loadCatalog(broken)).toThrow(CatalogError);
    expect(() => loadCatalog(broken)).toThrow(message);
  });

  it('a missing pattern file', () => {
    const broken = brokenCopy('unix-socket.yaml', (t) => t);
    unlinkSync(join(broken, 'unix-socket.yaml'));
    expect(() => loadCatalog(broken)).toThrow(
      'pattern unix-socket is missing (expected unix-socket.yaml)',
    );
  });

  it('a directory that does not exist', () => {
    expect(() => loadCatalog('/nonexistent/podwire-data')).toThrow(
      'catalog directory /nonexistent/podwire-data cannot be read',
    );
  });

  it('a YAML document that is not a mapping', () => {
    expect(() => parsePatternFile('x.yaml', '- a\n- b\n')).toThrow(
      'catalog file x.yaml: (document) must be a mapping',
    );
  });
});
