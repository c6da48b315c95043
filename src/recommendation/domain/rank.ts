import {
  CRITERIA,
  type Catalog,
  type Criterion,
  type Pattern,
  type PatternId,
} from '../../catalog/catalog.js';
import { kubernetesMinor, normaliseProfile, type Profile, type ProfileInput } from './profile.js';
import { type RenderBody, renderBody } from './render-body.js';

export type { RenderBody };

/**
 * Ranking (DESIGN §3). Pure and deterministic.
 *
 * Scoring arithmetic, exactly:
 * 1. Every rating r (1–5) is worth `20·r − 10` points (1 → 10, 5 → 90).
 * 2. A criterion's contribution is `weight × points`; the effective weights sum to 1, so the
 *    contributions sum to a base score between 10 and 90.
 * 3. Named adjustments (whole points, each bounded, total capped at ±{@link ADJUSTMENT_CAP}) are
 *    added. The score therefore always lies in [1, 99]: no clamping is ever needed.
 * 4. Rounding: the base is rounded to one decimal; the displayed contributions are that base
 *    split by largest remainder, so `sum(breakdown.contribution) + sum(adjustments.points) ===
 *    score` holds exactly for the one-decimal values shown.
 * 5. Options are ordered by the unrounded score, descending; exact ties by pattern id.
 *
 * The cap keeps any two patterns' adjustments less than 20 points apart, the value of one rating
 * step at full weight: so raising a criterion's weight can never push the pattern rated highest on
 * it behind a pattern rated lower (the property tests check this).
 */

export const ADJUSTMENT_CAP = 9;
export const RECOMMENDED_MIN_SCORE = 60;
export const ACCEPTABLE_MIN_SCORE = 45;
/** Options within this many points of the top one and above RECOMMENDED_MIN_SCORE are recommended. */
export const RECOMMENDED_MAX_GAP = 10;

export type Verdict = 'recommended' | 'acceptable' | 'discouraged';

export interface BreakdownItem {
  criterion: Criterion;
  /** Effective weight, rounded to 4 decimals. */
  weight: number;
  rating: number;
  /** Points this criterion adds to the score (one decimal). */
  contribution: number;
}

export interface Adjustment {
  name: string;
  points: number;
  reason: string;
}

export interface RankedOption {
  rank: number;
  pattern: PatternId;
  name: string;
  core: boolean;
  score: number;
  verdict: Verdict;
  breakdown: BreakdownItem[];
  adjustments: Adjustment[];
  reasons: string[];
  cautions: string[];
  render: RenderBody;
}

export interface Exclusion {
  pattern: PatternId;
  name: string;
  reasons: string[];
}

export interface Recommendation {
  profile: Profile;
  weights: Record<Criterion, number>;
  options: RankedOption[];
  excluded: Exclusion[];
}

/** Ranks the catalogue for a profile. Throws ProfileError (from normaliseProfile) on a bad profile. */
export function recommend(input: ProfileInput | Profile, catalog: Catalog): Recommendation {
  const profile = normaliseProfile(input);
  const exact = effectiveWeights(profile);
  const excluded: Exclusion[] = [];
  const scored: Array<{ option: Omit<RankedOption, 'rank' | 'verdict'>; exactScore: number }> = [];

  for (const pattern of [...catalog].sort((a, b) => cmp(a.id, b.id))) {
    const reasons = exclusionReasons(pattern, profile);
    if (reasons.length > 0) {
      excluded.push({ pattern: pattern.id, name: pattern.name, reasons });
      continue;
    }
    scored.push(score(pattern, profile, exact));
  }

  scored.sort((a, b) =>
    Math.abs(b.exactScore - a.exactScore) > 1e-9
      ? b.exactScore - a.exactScore
      : cmp(a.option.pattern, b.option.pattern),
  );
  const top = scored[0]?.option.score ?? 0;
  const options = scored.slice(0, profile.limit).map(({ option }, i) => ({
    ...option,
    rank: i + 1,
    verdict: verdictFor(option.score, top),
  }));
  // Key order of the response is fixed here so JSON and markdown read the same way.
  return {
    profile,
    weights: roundWeights(exact),
    options: options.map((o) => ({
      rank: o.rank,
      pattern: o.pattern,
      name: o.name,
      core: o.core,
      score: o.score,
      verdict: o.verdict,
      breakdown: o.breakdown,
      adjustments: o.adjustments,
      reasons: o.reasons,
      cautions: o.cautions,
      render: o.render,
    })),
    excluded,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function verdictFor(score: number, top: number): Verdict {
  if (score >= RECOMMENDED_MIN_SCORE && top - score <= RECOMMENDED_MAX_GAP) return 'recommended';
  return score >= ACCEPTABLE_MIN_SCORE ? 'acceptable' : 'discouraged';
}

// ---- weights ---------------------------------------------------------------------------------

/**
 * Level weights: what the profile's levels say matters, before explicit `weights`. Raw values;
 * only their ratios matter.
 */
export function levelWeights(p: Profile): Record<Criterion, number> {
  return {
    security:
      { baseline: 1, restricted: 2, 'zero-trust': 3 }[p.security] + (p.encryptionInTransit ? 1 : 0),
    latency: { relaxed: 0.5, standard: 1, low: 2, critical: 3 }[p.latency],
    throughput:
      { small: 0.5, medium: 1, large: 2, bulk: 3 }[p.dataVolume] +
      (p.interaction === 'file-exchange' || p.interaction === 'streaming' ? 1 : 0),
    // Stateful peers are replicas of one workload: independent scaling of the parties is not the point.
    decoupling:
      (p.workload === 'stateful'
        ? 1
        : { 'same-pod': 0.5, either: 1, 'separate-pods': 2 }[p.placement]) +
      (p.interaction === 'events' || p.interaction === 'telemetry' ? 1 : 0),
    simplicity: 1.5,
    reliability:
      { none: 0.5, 'pod-lifetime': 1, persistent: 2.5 }[p.durability] +
      (p.workload === 'stateful' ? 1 : 0) +
      (p.interaction === 'events' ? 1 : 0),
    portability: p.capabilities.windowsNodes ? 2 : 1,
  };
}

/**
 * Level weights normalised to sum 1, then each explicit weight replaces its criterion, then all
 * are normalised again. So `weights.security: 0.5` means "security counts 0.5 against the other
 * criteria's 1 in total"; raising one explicit weight raises only that criterion's share.
 */
export function effectiveWeights(p: Profile): Record<Criterion, number> {
  const levels = levelWeights(p);
  const levelSum = CRITERIA.reduce((s, c) => s + levels[c], 0);
  const raw = {} as Record<Criterion, number>;
  for (const c of CRITERIA) raw[c] = p.weights[c] ?? levels[c] / levelSum;
  const sum = CRITERIA.reduce((s, c) => s + raw[c], 0);
  const out = {} as Record<Criterion, number>;
  // All seven set to 0 says "nothing matters": treat every criterion alike rather than divide by 0.
  for (const c of CRITERIA) out[c] = sum > 0 ? raw[c] / sum : 1 / CRITERIA.length;
  return out;
}

function roundWeights(w: Record<Criterion, number>): Record<Criterion, number> {
  const out = {} as Record<Criterion, number>;
  for (const c of CRITERIA) out[c] = Math.round(w[c] * 10_000) / 10_000;
  return out;
}

// ---- hard constraints ------------------------------------------------------------------------

const SAME_POD_REASON =
  'same-Pod pattern: both parties must run in one Pod, but placement is separate-pods';

/** Reasons a pattern cannot serve the profile at all; empty when it can. */
export function exclusionReasons(pattern: Pattern, p: Profile): string[] {
  const reasons: string[] = [];
  const id = pattern.id;
  const minor = kubernetesMinor(p.kubernetesVersion);
  const crossPodTraffic = p.placement !== 'same-pod';

  if (pattern.scope === 'same-pod' && p.placement === 'separate-pods')
    reasons.push(SAME_POD_REASON);
  if (pattern.scope === 'cross-pod' && p.placement === 'same-pod') {
    reasons.push(
      'cross-Pod pattern: it connects separate Pods, but placement is same-pod (containers of one Pod share one IP and reach each other over localhost)',
    );
  }
  if (pattern.scope === 'same-pod' && p.durability === 'persistent') {
    reasons.push(
      "durability is persistent, but this pattern keeps nothing beyond the Pod's lifetime",
    );
  }
  // A ClusterIP Service stays possible with application-level TLS (a penalty, see adjustmentsFor);
  // the headless render has no certificate to mount, so there the exclusion remains.
  if (p.encryptionInTransit && crossPodTraffic && id === 'service-headless') {
    reasons.push(
      'encryptionInTransit across Pods: a Service carries plaintext unless a mesh or a TLS-terminating proxy adds encryption (see service-mesh, sidecar-proxy)',
    );
  }
  if (p.encryptionInTransit && crossPodTraffic && id === 'shared-pvc') {
    reasons.push(
      'encryptionInTransit across Pods: shared file storage traffic (e.g. NFS) is typically not encrypted',
    );
  }
  if (id === 'service-mesh') {
    if (p.capabilities.mesh === 'none') {
      reasons.push(
        p.encryptionInTransit
          ? 'no service mesh is installed (capabilities.mesh: none); mTLS between Pods needs Istio or Linkerd — install one, or use a TLS-terminating sidecar-proxy'
          : 'no service mesh is installed (capabilities.mesh: none); service-mesh needs Istio, Istio ambient or Linkerd',
      );
    }
    if (p.capabilities.windowsNodes)
      reasons.push('windowsNodes: Istio and Linkerd proxies run on Linux nodes only');
    if (
      p.workload === 'job' &&
      minor < 29 &&
      (p.capabilities.mesh === 'istio' || p.capabilities.mesh === 'linkerd')
    ) {
      reasons.push(
        `workload is job on Kubernetes ${p.kubernetesVersion}: the injected mesh proxy would be a classic sidecar that never exits, so the Job never completes (native sidecars need 1.29)`,
      );
    }
  }
  if (id === 'shared-pvc' && !p.capabilities.rwxStorage && !sequentialHandOff(p)) {
    reasons.push(
      'no ReadWriteMany storage (capabilities.rwxStorage: false); Pods that use one claim at the same time on different nodes need an RWX-capable driver (a ReadWriteOnce claim serves only a sequential hand-off: file-exchange between Jobs)',
    );
  }
  // message-broker without capabilities.broker is a penalty: podwire renders NATS itself.
  if (id === 'node-agent' && p.interaction !== 'telemetry') {
    reasons.push(
      `node-agent only collects what Pods write to stdout and the node (interaction telemetry); it carries no ${p.interaction} between two parties`,
    );
  }
  if (id === 'sidecar-proxy' && p.workload === 'job' && minor < 29) {
    reasons.push(
      `workload is job on Kubernetes ${p.kubernetesVersion}: a classic sidecar never exits, so the Job never completes; native sidecars need 1.29 (GA 1.33)`,
    );
  }
  if (id === 'shared-volume-memory' && p.capabilities.windowsNodes) {
    reasons.push('windowsNodes: Windows nodes do not support memory-backed emptyDir');
  }
  if (minor < kubernetesMinor(pattern.minKubernetesVersion)) {
    reasons.push(
      `needs Kubernetes ${pattern.minKubernetesVersion} or later, the profile says ${p.kubernetesVersion}`,
    );
  }
  return reasons;
}

/**
 * A hand-off in sequence: a Job writes files and a later Pod reads them. A ReadWriteOnce claim
 * attaches to one node at a time, which is enough when the parties take turns.
 */
export function sequentialHandOff(p: Profile): boolean {
  return p.interaction === 'file-exchange' && p.workload === 'job';
}

// ---- adjustments -----------------------------------------------------------------------------

type Table = Partial<Record<PatternId, number>>;

const INTERACTION_FIT: Record<Profile['interaction'], Table> = {
  'request-response': {
    'service-clusterip': 4,
    'service-headless': 1,
    'pod-localhost': 4,
    'unix-socket': 3,
    'sidecar-proxy': 2,
    'service-mesh': 3,
    'shared-volume-disk': -6,
    'shared-volume-memory': -4,
    'shared-pvc': -6,
    'message-broker': -4,
    'object-storage': -6,
  },
  streaming: {
    'service-clusterip': 2,
    'service-headless': 3,
    'pod-localhost': 3,
    'unix-socket': 4,
    'service-mesh': 1,
    'message-broker': 2,
    'shared-volume-disk': -5,
    'shared-volume-memory': -3,
    'shared-pvc': -6,
    'object-storage': -6,
  },
  'file-exchange': {
    'shared-volume-disk': 6,
    'shared-volume-memory': 4,
    'shared-pvc': 6,
    'object-storage': 6,
    'pod-localhost': -4,
    'unix-socket': -4,
    'service-clusterip': -3,
    'service-headless': -3,
    'service-mesh': -4,
    'message-broker': -5,
    'sidecar-proxy': -5,
  },
  events: {
    'message-broker': 9,
    'service-clusterip': -3,
    'service-headless': -3,
    'pod-localhost': -2,
    'unix-socket': -2,
    'service-mesh': -2,
    'shared-volume-disk': -4,
    'shared-volume-memory': -4,
    'shared-pvc': -4,
    'sidecar-proxy': -3,
    'object-storage': -3,
  },
  telemetry: {
    'node-agent': 9,
    // A sidecar tailing log files from a shared emptyDir: the usual alternative, one per Pod.
    'shared-volume-disk': 2,
    'service-clusterip': -1,
    'service-headless': -3,
    'pod-localhost': -2,
    'unix-socket': -2,
    'service-mesh': -3,
    'shared-volume-memory': -4,
    'shared-pvc': -4,
    'sidecar-proxy': -4,
    'message-broker': -2,
    'object-storage': -4,
  },
};
const INTERACTION_WHY: Record<Profile['interaction'], string> = {
  'request-response': 'request/response favours direct connections; files and queues add delay',
  streaming: 'streaming favours long-lived direct connections and sockets',
  'file-exchange':
    'file exchange favours volumes that hold the files themselves; over a connection every file needs an upload protocol',
  events:
    'events favour a broker that buffers and fans out; a direct call needs every consumer up when the event is sent',
  telemetry:
    "telemetry favours one agent per node that reads every container's stdout logs, with no change to the application Pods; a log-shipping sidecar in every Pod is the costlier alternative",
};

const BIG_DATA: Table = {
  'shared-volume-disk': 3,
  'shared-pvc': 3,
  'object-storage': 3,
  'pod-localhost': -1,
  'unix-socket': -1,
  'shared-volume-memory': -3,
  'message-broker': -3,
  'sidecar-proxy': -1,
  'service-mesh': -1,
};

export function adjustmentsFor(pattern: Pattern, p: Profile): Adjustment[] {
  const id = pattern.id;
  const minor = kubernetesMinor(p.kubernetesVersion);
  const out: Adjustment[] = [];
  const add = (name: string, points: number | undefined, reason: string) => {
    if (points) out.push({ name, points, reason });
  };

  add(
    'interaction-fit',
    INTERACTION_FIT[p.interaction][id],
    `interaction ${p.interaction}: ${INTERACTION_WHY[p.interaction]}`,
  );
  if (p.dataVolume === 'large' || p.dataVolume === 'bulk') {
    const why =
      id === 'shared-volume-memory'
        ? 'files in a memory-backed emptyDir count against the memory limits'
        : id === 'message-broker'
          ? 'brokers limit message size (NATS: 1 MB by default)'
          : id === 'sidecar-proxy' || id === 'service-mesh'
            ? 'every byte is copied through an extra proxy'
            : id === 'pod-localhost' || id === 'unix-socket'
              ? 'a socket streams bytes: the receiver has to write every file again'
              : id === 'object-storage'
                ? 'object stores take large objects (multipart uploads) and serve them to any number of readers'
                : 'large data moves best as files, without copying through a network hop';
    add('data-volume-fit', BIG_DATA[id], `dataVolume ${p.dataVolume}: ${why}`);
  }
  if (
    (p.latency === 'low' || p.latency === 'critical') &&
    (id === 'sidecar-proxy' ||
      id === 'message-broker' ||
      id === 'shared-pvc' ||
      id === 'object-storage')
  ) {
    add(
      'latency-fit',
      p.latency === 'critical' ? -3 : -2,
      `latency ${p.latency}: this pattern adds a hop or polling delay`,
    );
  }
  if (id === 'service-mesh') {
    const mesh = p.capabilities.mesh;
    if (mesh === 'istio')
      add('mesh-overhead', -2, 'Istio sidecars add about 2.7 ms at p90 and 0.20 vCPU per 1000 rps');
    if (mesh === 'istio-ambient')
      add(
        'mesh-overhead',
        1,
        'Istio ambient: L4 mTLS in a per-node ztunnel (0.06 vCPU per 1000 rps), no sidecar hop',
      );
    if (mesh === 'linkerd')
      add('mesh-overhead', 1, 'Linkerd: lightweight Rust proxy with mTLS on by default');
  }
  if (id === 'sidecar-proxy') {
    if (minor >= 29)
      add(
        'native-sidecar',
        2,
        `Kubernetes ${p.kubernetesVersion} runs the proxy as a native sidecar: it starts before and stops after the app`,
      );
    else
      add(
        'native-sidecar',
        -3,
        `Kubernetes ${p.kubernetesVersion}: no native sidecars by default, the proxy races the app at start and stop`,
      );
  }
  if (p.workload === 'stateful') {
    const why =
      id === 'service-clusterip'
        ? 'stateful peers must reach one particular replica; a ClusterIP spreads connections over all of them'
        : 'stateful peers need a stable DNS name and identity per replica';
    add('workload-fit', ({ 'service-headless': 8, 'service-clusterip': -6 } as Table)[id], why);
  }
  if (p.security === 'zero-trust') {
    const zt: Table = {
      'service-mesh': 3,
      'unix-socket': 3,
      'sidecar-proxy': 1,
      'service-clusterip': -3,
      'service-headless': -3,
      'pod-localhost': -2,
      'object-storage': -2,
    };
    const why =
      id === 'object-storage'
        ? 'zero-trust: S3 access keys are long-lived shared secrets, not a workload identity'
        : id === 'unix-socket'
          ? 'zero-trust: no TCP port at all, access is limited by file permissions'
          : id === 'pod-localhost'
            ? 'zero-trust: any process in the Pod can connect, and a server bound to 0.0.0.0 is reachable from the network'
            : 'zero-trust favours workload identity and no unauthenticated network paths';
    add('security-fit', zt[id], why);
  }
  if (p.durability === 'persistent') {
    const keeps = id === 'shared-pvc' || id === 'message-broker' || id === 'object-storage';
    const fit: Table = {
      'shared-pvc': 3,
      'message-broker': 3,
      'object-storage': 3,
      'service-clusterip': -3,
      'service-headless': -3,
      'service-mesh': -3,
      'sidecar-proxy': -3,
    };
    add(
      'durability-fit',
      fit[id],
      keeps
        ? 'durability persistent: the data outlives every Pod'
        : 'durability persistent: nothing is stored on the way, the receiver must persist every transfer itself',
    );
  }

  // What the team could add or do differently: a penalty with a caution, not an exclusion.
  if (id === 'message-broker' && !p.capabilities.broker)
    add(
      'broker-to-run',
      -3,
      'no broker yet (capabilities.broker: false): the render deploys NATS JetStream itself, a stateful service your team then runs, monitors and upgrades',
    );
  if (id === 'shared-pvc' && p.capabilities.rwxStorage && p.interaction === 'file-exchange')
    add(
      'rwx-available',
      3,
      'a ReadWriteMany StorageClass exists: both sides use plain file I/O at a mount path, with no SDK, credentials or extra service',
    );
  if (id === 'shared-pvc' && !p.capabilities.rwxStorage)
    add(
      'read-write-once',
      -4,
      'no ReadWriteMany storage: with a ReadWriteOnce claim the Pods take turns on one node at a time',
    );
  if (id === 'service-clusterip' && p.encryptionInTransit && p.placement !== 'same-pod')
    add(
      'application-tls',
      -3,
      'encryptionInTransit: the Service carries plaintext, so the app itself must serve TLS with a certificate from a Secret',
    );

  const total = out.reduce((s, a) => s + a.points, 0);
  if (Math.abs(total) > ADJUSTMENT_CAP) {
    const capped = Math.sign(total) * ADJUSTMENT_CAP;
    out.push({
      name: 'cap',
      points: capped - total,
      reason: `adjustments are capped at ±${ADJUSTMENT_CAP} points in total`,
    });
  }
  return out;
}

// ---- scoring ---------------------------------------------------------------------------------

/** Points a rating is worth at full weight. */
export function ratingPoints(rating: number): number {
  return 20 * rating - 10;
}

function score(pattern: Pattern, p: Profile, weights: Record<Criterion, number>) {
  const exactContrib = CRITERIA.map((c) => weights[c] * ratingPoints(pattern.ratings[c].rating));
  const base = exactContrib.reduce((s, x) => s + x, 0);
  const tenths = splitTenths(exactContrib, Math.round(base * 10));
  const adjustments = adjustmentsFor(pattern, p);
  const adjTotal = adjustments.reduce((s, a) => s + a.points, 0);
  const breakdown: BreakdownItem[] = CRITERIA.map((c, i) => ({
    criterion: c,
    weight: Math.round(weights[c] * 10_000) / 10_000,
    rating: pattern.ratings[c].rating,
    contribution: tenths[i] / 10,
  }));
  const scoreValue = (tenths.reduce((s, x) => s + x, 0) + adjTotal * 10) / 10;
  return {
    exactScore: base + adjTotal,
    option: {
      pattern: pattern.id,
      name: pattern.name,
      core: pattern.core,
      score: scoreValue,
      breakdown,
      adjustments,
      reasons: reasonsFor(pattern, p, weights, adjustments),
      cautions: cautionsFor(pattern, p),
      render: renderBody(pattern, p),
    },
  };
}

/** Largest-remainder split of `totalTenths` over exact values, so the rounded parts sum exactly. */
function splitTenths(exact: number[], totalTenths: number): number[] {
  const scaled = exact.map((x) => x * 10);
  const floors = scaled.map(Math.floor);
  let rest = totalTenths - floors.reduce((s, x) => s + x, 0);
  const order = scaled
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  const out = [...floors];
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i] += 1;
    rest -= 1;
  }
  return out;
}

function reasonsFor(
  pattern: Pattern,
  p: Profile,
  weights: Record<Criterion, number>,
  adjustments: Adjustment[],
): string[] {
  const reasons: string[] = [];
  // What answers the profile's hard requirement comes first: it is why the option is still here.
  if (p.encryptionInTransit && pattern.scope === 'same-pod')
    reasons.push(
      "traffic never leaves the Pod's network namespace, so nothing crosses the network unencrypted",
    );
  if (p.encryptionInTransit && pattern.id === 'service-mesh')
    reasons.push('mTLS between workloads meets encryptionInTransit');
  if (p.encryptionInTransit && pattern.id === 'sidecar-proxy')
    reasons.push('the proxy can terminate TLS in front of the app (encryptionInTransit)');
  if (p.encryptionInTransit && pattern.id === 'service-clusterip' && p.placement !== 'same-pod')
    reasons.push('application-level TLS: the app serves HTTPS itself (encryptionInTransit)');
  if (pattern.id === 'object-storage' && p.encryptionInTransit)
    reasons.push('objects travel over HTTPS to the bucket (encryptionInTransit)');
  if (pattern.id === 'node-agent')
    reasons.push(
      'no change to the application Pods: they keep writing to stdout, and one agent per node collects it',
    );
  // Then the two criteria that add most to this pattern's score, with the catalogue's justification.
  const strongest = [...CRITERIA]
    .filter((c) => pattern.ratings[c].rating >= 4)
    .sort(
      (a, b) =>
        weights[b] * ratingPoints(pattern.ratings[b].rating) -
          weights[a] * ratingPoints(pattern.ratings[a].rating) || cmp(a, b),
    )
    .slice(0, 2);
  for (const c of strongest)
    reasons.push(`${c} ${pattern.ratings[c].rating}/5: ${pattern.ratings[c].justification}`);
  for (const a of adjustments) if (a.points > 0 && a.name !== 'cap') reasons.push(a.reason);
  return reasons;
}

function cautionsFor(pattern: Pattern, p: Profile): string[] {
  const out: string[] = [];
  const minor = kubernetesMinor(p.kubernetesVersion);
  const id = pattern.id;
  if (id === 'sidecar-proxy' && minor === 28)
    out.push(
      'Kubernetes 1.28: native sidecars only with the SidecarContainers gate on every component; the rendered proxy is a classic container',
    );
  if (id === 'service-mesh' && p.workload === 'job' && p.capabilities.mesh !== 'istio-ambient') {
    out.push(
      'Jobs need the mesh proxy injected as a native sidecar (Istio ≥ 1.27 does so by default; Linkerd: annotation config.alpha.linkerd.io/proxy-enable-native-sidecar)',
    );
  }
  if (id === 'message-broker' && !p.capabilities.broker)
    out.push(
      'no broker in the cluster yet: the render deploys a one-replica NATS JetStream that your team must operate (or point the client at an existing broker)',
    );
  if (id === 'shared-pvc' && !p.capabilities.rwxStorage)
    out.push(
      'ReadWriteOnce only: the claim attaches to one node at a time, so the writer must finish before the reader starts (or both Pods must run on the same node); readers on other nodes cannot mount it at once',
    );
  if (id === 'service-clusterip' && p.encryptionInTransit && p.placement !== 'same-pod')
    out.push(
      'application TLS: the app must serve TLS with a certificate from a Secret (mounted by the render) and every client must verify it; a mesh (service-mesh) encrypts without code changes',
    );
  if (id === 'object-storage' && p.encryptionInTransit)
    out.push(
      'in-cluster MinIO serves plain HTTP until it gets a certificate; use an external HTTPS endpoint (options.objectStorage.mode: external) or give MinIO TLS',
    );
  if (id === 'node-agent' && p.capabilities.windowsNodes)
    out.push(
      'Windows nodes need the Windows build of the agent and their own log paths; the render targets Linux nodes',
    );
  if (id === 'message-broker' && p.encryptionInTransit)
    out.push('enable TLS on the broker connections: encryptionInTransit is not on by default');
  if (id === 'message-broker' && p.durability !== 'none')
    out.push('use a persistent broker (NATS JetStream, Kafka): core NATS delivers at most once');
  if (id === 'unix-socket' && p.capabilities.windowsNodes)
    out.push(
      'Unix sockets in Windows containers are not well supported; verify before relying on it',
    );
  if (id === 'sidecar-proxy' && p.capabilities.windowsNodes)
    out.push('needs a Windows build of the proxy image');
  if ((id === 'service-clusterip' || id === 'service-headless') && p.security !== 'baseline') {
    out.push(
      'add a NetworkPolicy (render with options.networkPolicy) and a CNI that enforces it: nothing is isolated by default',
    );
  }
  for (const c of pattern.cautions)
    if (out.length < 3 && appliesToMesh(c, id, p.capabilities.mesh)) out.push(c);
  return out;
}

/** Mesh-specific catalogue cautions (they name their mesh) are shown only for that mesh. */
function appliesToMesh(
  caution: string,
  id: PatternId,
  mesh: Profile['capabilities']['mesh'],
): boolean {
  if (id !== 'service-mesh') return true;
  if (caution.startsWith('Istio ambient')) return mesh === 'istio-ambient';
  if (caution.startsWith('Istio')) return mesh === 'istio' || mesh === 'istio-ambient';
  if (caution.startsWith('Linkerd')) return mesh === 'linkerd';
  return true;
}
