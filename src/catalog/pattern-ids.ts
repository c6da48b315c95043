/**
 * The twelve pattern ids of DESIGN §2, in catalogue order: the one list the catalogue, the renderers
 * and the validator share. Literal and permanent; a rename must fail the tests, not pass silently.
 */
export const PATTERN_IDS = [
  'service-clusterip',
  'service-headless',
  'pod-localhost',
  'shared-volume-disk',
  'shared-volume-memory',
  'unix-socket',
  'sidecar-proxy',
  'service-mesh',
  'shared-pvc',
  'message-broker',
  'object-storage',
  'node-agent',
] as const;

export type PatternId = (typeof PATTERN_IDS)[number];
