import { describe, expect, it } from 'vitest';
import { PROFILE_LEVELS } from '../src/recommendation/domain/profile-levels.js';
import { doc } from './helpers/contract.js';

/**
 * Swagger UI shows openapi.yaml, not the code: each profile level's one-line meaning
 * (src/recommendation/domain/profile-levels.ts) must be in its enum schema's description and in
 * GET /v1/patterns' description, word for word, so that neither drifts from what the ranking does.
 */
type Node = Record<string, any>;
const schemas = (doc as unknown as Node).components.schemas as Record<string, Node>;
const SCHEMA: Record<keyof typeof PROFILE_LEVELS, string> = {
  placement: 'ProfilePlacement',
  interaction: 'ProfileInteraction',
  security: 'ProfileSecurity',
  dataVolume: 'ProfileDataVolume',
  latency: 'ProfileLatency',
  durability: 'ProfileDurability',
  workload: 'ProfileWorkload',
  'capabilities.mesh': 'ProfileMesh',
};
const entries = Object.entries(PROFILE_LEVELS) as Array<
  [keyof typeof PROFILE_LEVELS, Record<string, string>]
>;

describe('openapi.yaml defines every profile level', () => {
  it.each(entries)('%s: the enum schema lists each level with its meaning', (field, levels) => {
    const schema = schemas[SCHEMA[field]];
    expect(schema.enum).toEqual(Object.keys(levels));
    for (const [level, meaning] of Object.entries(levels))
      expect(schema.description).toContain(`- \`${level}\`: ${meaning}\n`);
  });

  it('GET /v1/patterns describes the levels too', () => {
    const description = (doc as unknown as Node).paths['/v1/patterns'].get.description as string;
    for (const [field, levels] of entries) {
      expect(description).toContain(`- \`${field}\`:`);
      for (const [level, meaning] of Object.entries(levels))
        expect(description).toContain(`  - \`${level}\`: ${meaning}\n`);
    }
  });

  it("Swagger UI's first recommendation example pre-selects no mesh, broker or RWX storage", () => {
    const examples = (doc as unknown as Node).paths['/v1/recommendations'].post.requestBody.content[
      'application/json'
    ].examples as Record<string, { summary: string; value: Node }>;
    const [first] = Object.values(examples);
    expect(first.value.capabilities).toBeUndefined();
    expect(Object.keys(examples)).toEqual([
      'samePodGrpc',
      'logShipping',
      'crossPodZeroTrust',
      'batchHandOff',
    ]);
    for (const example of Object.values(examples)) expect(example.summary).toMatch(/ — /);
    expect(schemas.ProfileMesh.default).toBe('none');
  });
});
