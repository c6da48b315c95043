import fc from 'fast-check';
import { CRITERIA } from '../src/catalog/catalog.js';
import {
  DATA_VOLUMES,
  DURABILITIES,
  INTERACTIONS,
  LATENCY_LEVELS,
  MAX_LIMIT,
  MESHES,
  PLACEMENTS,
  SECURITY_LEVELS,
  WORKLOADS,
  type ProfileInput,
} from '../src/recommendation/domain/profile.js';

/** Test support for the recommendation specs: random valid profile inputs (any subset of fields). Not used by production code. */
export const versionArb = fc.integer({ min: 28, max: 36 }).map((m) => `1.${m}`);

// Extremes (0 and 100) are where ranking properties break first, so they come up often.
export const weightArb = fc.oneof(
  fc.constantFrom(0, 100),
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true }),
);

export const weightsArb = fc.record(
  Object.fromEntries(CRITERIA.map((c) => [c, weightArb])) as Record<
    (typeof CRITERIA)[number],
    fc.Arbitrary<number>
  >,
  {
    requiredKeys: [],
  },
);

export const profileArb: fc.Arbitrary<ProfileInput> = fc.record(
  {
    placement: fc.constantFrom(...PLACEMENTS),
    interaction: fc.constantFrom(...INTERACTIONS),
    security: fc.constantFrom(...SECURITY_LEVELS),
    encryptionInTransit: fc.boolean(),
    dataVolume: fc.constantFrom(...DATA_VOLUMES),
    latency: fc.constantFrom(...LATENCY_LEVELS),
    durability: fc.constantFrom(...DURABILITIES),
    workload: fc.constantFrom(...WORKLOADS),
    kubernetesVersion: versionArb,
    capabilities: fc.record(
      {
        mesh: fc.constantFrom(...MESHES),
        rwxStorage: fc.boolean(),
        broker: fc.boolean(),
        windowsNodes: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    weights: weightsArb,
    limit: fc.integer({ min: 1, max: MAX_LIMIT }),
  },
  { requiredKeys: [] },
);

/** Where the advice is rendered to and who calls it (issue 16): profile fields that no rank reads. */
const labelMapArb = fc.dictionary(
  fc.constantFrom('app', 'team', 'app.kubernetes.io/name', 'example.com/role'),
  fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/),
  { minKeys: 1, maxKeys: 2 },
);
export const callerArb = fc
  .record(
    {
      namespace: fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/),
      podLabels: labelMapArb,
      serviceAccount: fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/),
    },
    { requiredKeys: [] },
  )
  .filter((c) => Object.keys(c).length > 0);

export const targetArb = fc.record(
  {
    name: fc.stringMatching(/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/),
    namespace: fc.stringMatching(/^[a-z]([-a-z0-9]{0,14}[a-z0-9])?$/),
    callers: fc.array(callerArb, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** A profile with its render target: what a portal user sends to get advice they can apply. */
export const targetedProfileArb: fc.Arbitrary<ProfileInput> = fc
  .tuple(profileArb, targetArb)
  .map(([profile, target]) => ({ ...profile, ...target }));
