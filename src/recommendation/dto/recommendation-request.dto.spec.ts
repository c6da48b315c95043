import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileArb } from '../../../test/recommendation-arbitraries.js';
import { BadRequestError } from '../../common/errors.js';
import { createValidationPipe } from '../../common/validation.pipe.js';
import { checkProfile } from '../domain/profile.js';
import { RecommendationQueryDto } from './recommendation-query.dto.js';
import { RecommendationRequestDto } from './recommendation-request.dto.js';

const pipe = createValidationPipe();

/** Field names the global pipe rejects for `body` (empty when it passes). */
async function dtoErrors(
  body: unknown,
  metatype: typeof RecommendationRequestDto = RecommendationRequestDto,
): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return [];
  } catch (err) {
    expect(err).toBeInstanceOf(BadRequestError);
    return [...new Set((err as BadRequestError).errors!.map((e) => e.field))];
  }
}

// Values that break one rule each, to mix into valid profiles.
const badValue = fc.constantFrom<unknown>('nope', 3, -1, 1000, true, null, '1.27', 1.5, [], {});
const badField = fc.constantFrom(
  'placement',
  'interaction',
  'security',
  'encryptionInTransit',
  'dataVolume',
  'latency',
  'durability',
  'workload',
  'kubernetesVersion',
  'limit',
  'capabilities.mesh',
  'capabilities.broker',
  'weights.security',
  'weights.portability',
  'colour',
  'capabilities.gpu',
);

describe('RecommendationRequestDto', () => {
  it('accepts every valid profile', async () => {
    await fc.assert(
      fc.asyncProperty(profileArb, async (profile) => {
        expect(await dtoErrors(structuredClone(profile))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects exactly the fields the domain check rejects (one set of rules)', async () => {
    await fc.assert(
      fc.asyncProperty(profileArb, badField, badValue, async (profile, field, value) => {
        const body = structuredClone(profile) as Record<string, Record<string, unknown>>;
        const [head, tail] = field.split('.');
        if (tail) body[head] = { ...(body[head] ?? {}), [tail]: value };
        else (body as Record<string, unknown>)[head] = value;
        const expected = checkProfile(body).map((e) => e.field);
        expect(await dtoErrors(body)).toEqual([...new Set(expected)]);
      }),
      { numRuns: 300 },
    );
  });

  it('names the nested field for a bad enum value, with the allowed values', async () => {
    await expect(
      pipe.transform(
        { capabilities: { mesh: 'consul' } },
        { type: 'body', metatype: RecommendationRequestDto },
      ),
    ).rejects.toMatchObject({
      errors: [
        {
          field: 'capabilities.mesh',
          message:
            'capabilities.mesh must be one of the following values: none, istio, istio-ambient, linkerd',
        },
      ],
    });
  });

  it('the query DTO applies the same rules', async () => {
    expect(
      await dtoErrors({ weights: { security: 'x' }, colour: 1 }, RecommendationQueryDto),
    ).toEqual(['colour', 'weights.security']);
  });
});
