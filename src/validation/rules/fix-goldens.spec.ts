import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../engine/validate.js';
import { fixGoldens, fixText } from './fix-testing.js';
import { rules } from './index.js';
import { RULES_DIR } from './testing.js';

/**
 * Every rule's fix golden files (`fixtures/fix/<name>.before.yaml` → `<name>.after.yaml`): the
 * rule's fixes, suggestions included, applied until none is left must give the after file byte for
 * byte, so comments, quoting, flow style and key order outside the edits are seen to survive.
 * PODWIRE_UPDATE_FIX_GOLDEN=1 rewrites the after files; read their diff before committing.
 */

const goldens = rules.flatMap((rule) => {
  const [scope, name] = rule.id.split('/');
  const dir = join(RULES_DIR, scope, name, 'fixtures', 'fix');
  return fixGoldens(join(RULES_DIR, scope, name)).map((golden) => {
    const before = readFileSync(join(dir, `${golden}.before.yaml`), 'utf8');
    const options = /^# options: (\{.*\})\s*$/.exec(before.split('\n')[0])?.[1];
    return {
      id: rule.id,
      golden,
      dir,
      before,
      options: (options ? JSON.parse(options) : {}) as Record<string, unknown>,
    };
  });
});

describe.each(goldens.map((g) => [`${g.id} fix/${g.golden}`, g] as const))('%s', (_, g) => {
  it('the fixes give the after file byte for byte, and leave nothing of the rule to fix', async () => {
    const fixed = fixText(g.before, g.id, { ...g.options, all: true });
    const afterPath = join(g.dir, `${g.golden}.after.yaml`);
    if (process.env.PODWIRE_UPDATE_FIX_GOLDEN === '1') {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(afterPath, fixed.text);
    }
    expect(fixed.text).not.toBe(g.before);
    expect(fixed.text).toBe(readFileSync(afterPath, 'utf8'));
    expect(fixed.remaining).toEqual([]);
    const after = validateManifest(fixed.text, g.options).findings;
    expect(after.filter((f) => f.ruleId === g.id && f.fix)).toEqual([]);
  });
});
