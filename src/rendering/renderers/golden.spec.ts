import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { render } from '../render.js';
import { PATTERN_IDS } from './types.js';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__');

/**
 * One golden file per pattern, rendered from `pattern` and `name` alone (every default in play).
 * `UPDATE_GOLDEN=1 npx vitest run src/rendering/renderers/golden.spec.ts` rewrites them; review
 * the diff like any other code change.
 */
describe('golden manifests', () => {
  it.each(PATTERN_IDS)('%s matches its golden file', (pattern) => {
    const { yaml, notes } = render({ pattern, name: 'web', namespace: 'shop' });
    const file = join(GOLDEN_DIR, `${pattern}.yaml`);
    const text = `# notes:\n${notes.map((n) => `#   ${n}`).join('\n')}\n${yaml}`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });

  it('service-clusterip with options.gateway (a Gateway of another namespace) matches its golden file', () => {
    const { yaml, notes } = render({
      pattern: 'service-clusterip',
      name: 'web',
      namespace: 'shop',
      options: { gateway: { name: 'public', namespace: 'infra', sectionName: 'https' } },
    });
    const file = join(GOLDEN_DIR, 'service-clusterip-gateway.yaml');
    const text = `# notes:\n${notes.map((n) => `#   ${n}`).join('\n')}\n${yaml}`;
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
