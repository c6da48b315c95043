import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../engine/validate.js';
import { rules } from './index.js';
import { RULES_DIR, ruleFixtures } from './testing.js';

/**
 * The meta-test (ESLint/kube-linter style): every rule is documented, tested and has fixtures that
 * fire and fixtures that must not; ids are permanent.
 *
 * `ids.txt` is the committed, append-only list of every rule id of the catalogue (DESIGN §5 plus
 * additions). A registered id missing from it fails (a rename or an undocumented addition), and an
 * id in it that is not registered fails (an id disappeared) unless it is listed in PENDING below:
 * catalogue rules whose implementation is still being written. PENDING only shrinks; an entry
 * that gets registered must be removed from it (checked too).
 */
const PENDING: readonly string[] = [];

const ids = readFileSync(join(RULES_DIR, 'ids.txt'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const registered = rules.map((rule) => rule.id);

describe('rule registry', () => {
  it('is sorted by id, without duplicates', () => {
    expect(registered).toEqual([...new Set(registered)].sort());
  });

  it('ids.txt is sorted and unique', () => {
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it('every registered id is in ids.txt (ids are never renamed)', () => {
    expect(registered.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it('every id of ids.txt is registered (ids never disappear), except the pending ones', () => {
    expect(ids.filter((id) => !registered.includes(id) && !PENDING.includes(id))).toEqual([]);
  });

  it('PENDING lists only ids of ids.txt that are not registered yet', () => {
    expect(PENDING.filter((id) => registered.includes(id) || !ids.includes(id))).toEqual([]);
  });
});

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const [scope, name] = id.split('/');
  const dir = join(RULES_DIR, scope, name);

  it('has a scope/name id matching its folder and category', () => {
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule.category).toBe(scope);
    expect(existsSync(join(dir, `${name}.rule.ts`))).toBe(true);
    expect(existsSync(join(dir, `${name}.rule.spec.ts`))).toBe(true);
  });

  it('has title, description, remediation and references', () => {
    expect(rule.title.trim()).not.toBe('');
    expect(rule.description.trim()).not.toBe('');
    expect(rule.remediation.trim()).not.toBe('');
    expect(['error', 'warning', 'info']).toContain(rule.severity);
    for (const reference of rule.references) expect(reference).toMatch(/^https:\/\//);
  });

  const { valid, invalid } = ruleFixtures(dir);

  it('has at least one valid-* and one invalid-* fixture', () => {
    expect(valid.length).toBeGreaterThanOrEqual(1);
    expect(invalid.length).toBeGreaterThanOrEqual(1);
  });

  // A fixture may start with `# options: {"pattern": "…"}` for rules that apply only under request options.
  const run = (file: string) => {
    const text = readFileSync(join(dir, 'fixtures', file), 'utf8');
    const options = /^# options: (\{.*\})\s*$/.exec(text.split('\n')[0])?.[1];
    return validateManifest(text, {
      filename: file,
      ...(options ? JSON.parse(options) : {}),
    }).findings.filter((finding) => finding.ruleId === id);
  };

  it.each(valid)('stays silent on %s', (file) => {
    expect(run(file)).toEqual([]);
  });

  it.each(invalid)('fires on %s', (file) => {
    expect(run(file).length).toBeGreaterThanOrEqual(1);
  });
});
