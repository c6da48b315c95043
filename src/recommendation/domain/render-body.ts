import type { Pattern, PatternId } from '../../catalog/catalog.js';
import type { CallerInput, TlsInput } from '../../rendering/renderers/types.js';
import type { DataVolume, Profile } from './profile.js';

/** A request body for `POST /v1/manifests/render`. */
export interface RenderBody {
  pattern: PatternId;
  name: string;
  namespace?: string;
  kubernetesVersion: string;
  workload?: 'Deployment' | 'StatefulSet' | 'Job' | 'Pod';
  options?: {
    proxy?: 'nginx' | 'envoy';
    mesh?: 'istio' | 'istio-ambient' | 'linkerd';
    sizeLimit?: string;
    storage?: string;
    callers?: CallerInput[];
    tls?: TlsInput;
    accessMode?: 'ReadWriteMany' | 'ReadWriteOnce';
  };
}

/** The name a render body gets when the profile names no workload. */
export const DEFAULT_RENDER_NAME = 'app';

/**
 * Room for what is exchanged, per pattern and dataVolume level: a volume sized so that the
 * profile's data fits (an emptyDir over its sizeLimit evicts the pod). Memory-backed volumes stay
 * small: their size counts against the containers' memory limits, which the ranking penalises for
 * large data instead of promising room.
 */
export const VOLUME_SIZES: Readonly<
  Partial<Record<PatternId, { option: 'sizeLimit' | 'storage'; sizes: Record<DataVolume, string> }>>
> = Object.freeze({
  'shared-volume-disk': {
    option: 'sizeLimit',
    sizes: { small: '1Gi', medium: '5Gi', large: '20Gi', bulk: '100Gi' },
  },
  'shared-volume-memory': {
    option: 'sizeLimit',
    sizes: { small: '64Mi', medium: '256Mi', large: '1Gi', bulk: '2Gi' },
  },
  'shared-pvc': {
    option: 'storage',
    sizes: { small: '10Gi', medium: '20Gi', large: '100Gi', bulk: '500Gi' },
  },
  'message-broker': {
    option: 'storage',
    sizes: { small: '1Gi', medium: '5Gi', large: '20Gi', bulk: '50Gi' },
  },
  // The in-cluster MinIO's data claim: it holds every object handed off, so size it as shared-pvc.
  'object-storage': {
    option: 'storage',
    sizes: { small: '10Gi', medium: '20Gi', large: '100Gi', bulk: '500Gi' },
  },
});

/** Patterns whose render can encrypt what crosses the network itself (options.tls). */
const TLS_PATTERNS: ReadonlySet<PatternId> = new Set(['sidecar-proxy', 'service-clusterip']);

/**
 * The request body for the render endpoint that keeps the option's promises: the profile's name,
 * namespace and release, its callers, TLS when traffic must be encrypted, and volumes sized for
 * its data.
 */
export function renderBody(pattern: Pattern, p: Profile): RenderBody {
  const body: RenderBody = {
    pattern: pattern.id,
    name: p.name ?? DEFAULT_RENDER_NAME,
    ...(p.namespace !== undefined ? { namespace: p.namespace } : {}),
    kubernetesVersion: p.kubernetesVersion,
  };
  // service-headless renders a StatefulSet whatever the profile: only its pods get stable names.
  if (pattern.id === 'service-headless' || p.workload === 'stateful') body.workload = 'StatefulSet';
  else if (p.workload === 'job') body.workload = 'Job';
  const options: NonNullable<RenderBody['options']> = {};
  if (pattern.id === 'sidecar-proxy')
    options.proxy = p.interaction === 'streaming' ? 'envoy' : 'nginx';
  if (pattern.id === 'service-mesh' && p.capabilities.mesh !== 'none')
    options.mesh = p.capabilities.mesh;
  const volume = VOLUME_SIZES[pattern.id];
  if (volume) options[volume.option] = volume.sizes[p.dataVolume];
  // Without RWX storage shared-pvc is offered for a hand-off on one node (rank.ts): render it so.
  if (pattern.id === 'shared-pvc' && !p.capabilities.rwxStorage)
    options.accessMode = 'ReadWriteOnce';
  if (p.encryptionInTransit && TLS_PATTERNS.has(pattern.id)) options.tls = {};
  if (p.callers !== undefined && p.callers.length > 0)
    options.callers = p.callers.map((c) => structuredClone(c));
  if (Object.keys(options).length > 0) body.options = options;
  return body;
}
