import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `npm ci` cannot run in the test suite: the settings that keep it quiet are checked statically. */
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  overrides?: Record<string, string>;
  scarfSettings?: { enabled?: boolean };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(read('package-lock.json')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
};

type Version = [number, number, number];

function version(text: string): Version {
  const [major = 0, minor = 0, patch = 0] = text
    .replace(/^v/, '')
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : 0));
  return [major, minor, patch];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The part of npm's semver ranges that engines fields use (||, comparators, ^, ~, x). */
function satisfies(node: string, range: string): boolean {
  const v = version(node);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const [, op, rest] = /^(>=|<=|>|<|\^|~|=)?(.*)$/.exec(comparator)!;
        if (rest === '*' || rest === '') return true;
        const parts = rest.replace(/^v/, '').split('.');
        const given = parts.filter((p) => /^\d+$/.test(p)).length;
        const bound = version(rest);
        const cmp = compare(v, bound);
        switch (op) {
          case '>=':
            return cmp >= 0;
          case '>':
            return cmp > 0;
          case '<=':
            return cmp <= 0;
          case '<':
            return cmp < 0;
          case '^':
            return cmp >= 0 && (bound[0] > 0 ? v[0] === bound[0] : v[1] === bound[1]);
          case '~':
            return cmp >= 0 && v[0] === bound[0] && v[1] === bound[1];
          default:
            // `20`, `6.*`, `4.x`, `1.2.3`: equal in every part given.
            return v.slice(0, given).every((n, i) => n === bound[i]);
        }
      }),
  );
}

/** The Node the image runs, from the Dockerfile's FROM lines. */
const imageNode = /FROM node:(\d+\.\d+\.\d+)/.exec(read('Dockerfile'))![1];
const machineNode = process.versions.node;
const minimum = /^>=\s*(\d+\.\d+(\.\d+)?)$/.exec(pkg.engines.node)?.[1];

describe('npm ci without warnings', () => {
  it('checks ranges as npm does (the checker itself)', () => {
    expect(satisfies('20.20.2', '^20.19.0 || ^22.12.0 || >=24.0.0')).toBe(true);
    expect(satisfies('20.20.2', '>=22')).toBe(false);
    expect(satisfies('24.11.1', '^22.22.3 || ^24.15.0 || >=26.0.0')).toBe(false);
    expect(satisfies('20.20.2', '>=22.12.0 || >=20.19.0 <21.0.0')).toBe(true);
    expect(satisfies('20.20.2', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.20.2', '>= 0.8')).toBe(true);
  });

  it('states a plain minimum in engines, and the README says the same', () => {
    expect(minimum).toBeDefined();
    expect(read('README.md')).toContain(`Node ≥ ${minimum}`);
  });

  it.each([
    ['the stated minimum', minimum ?? '0'],
    ['the Node running these tests', machineNode],
    ['the image', imageNode],
  ])('every locked package accepts %s (%s): no EBADENGINE', (_what, node) => {
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => {
        const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
        return range !== undefined && !satisfies(node, range);
      })
      .map(([path, p]) => `${path} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('turns off the Scarf analytics postinstall (swagger-ui-express → @scarf/scarf)', () => {
    // Read by @scarf/scarf's report.js from the root package.json, on every npm version.
    expect(pkg.scarfSettings?.enabled).toBe(false);
    // Newer npm (11.19 on the machines) runs no dependency install script allowScripts does not
    // name, and warns about each; denying it
    // explicitly also silences the "not yet covered by allowScripts" warning.
    expect(pkg.allowScripts?.['@scarf/scarf']).toBe(false);
  });

  it('covers every install script in the tree by allowScripts, so npm ci lists none as pending', () => {
    const scripted = Object.entries(lock.packages)
      .filter(([, p]) => (p as { hasInstallScript?: boolean }).hasInstallScript === true)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(scripted.length).toBeGreaterThan(0);
    for (const name of scripted) expect(pkg.allowScripts, name).toHaveProperty([name]);
  });
});
