/**
 * The Kubernetes releases podwire supports, for every endpoint (recommend, render, validate,
 * admission, chat). The vendored schemas (schemas/k8s-schemas.json) hold exactly these releases;
 * releases.spec.ts fails when the two drift apart.
 */
export const KUBERNETES_RELEASES = [
  '1.28',
  '1.29',
  '1.30',
  '1.31',
  '1.32',
  '1.33',
  '1.34',
  '1.35',
  '1.36',
] as const;
export type KubernetesRelease = (typeof KUBERNETES_RELEASES)[number];

/** The newest release: what a request without `kubernetesVersion` is answered for. */
export const DEFAULT_KUBERNETES_RELEASE: KubernetesRelease = '1.36';

/**
 * Native sidecars (init containers with `restartPolicy: Always`) are on by default from 1.29
 * (SidecarContainers beta; alpha and off by default in 1.28; GA in 1.33).
 * https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
 */
export const NATIVE_SIDECARS_MINOR = 29;

export const OLDEST_RELEASE = KUBERNETES_RELEASES[0];
export const NEWEST_RELEASE = KUBERNETES_RELEASES[KUBERNETES_RELEASES.length - 1];

/** The message for a `kubernetesVersion` podwire does not support; names the range and forms. */
export const KUBERNETES_VERSION_MESSAGE =
  `kubernetesVersion must be a supported Kubernetes release, ${OLDEST_RELEASE} to ${NEWEST_RELEASE} ` +
  `(written like 1.31, 1.31.4, v1.31 or v1.31.4)`;

const VERSION = /^v?(1\.\d{1,3})(?:\.\d{1,6})?$/;
const SUPPORTED: ReadonlySet<string> = new Set(KUBERNETES_RELEASES);

/**
 * `1.31`, `1.31.4`, `v1.31`, `v1.31.4` → `1.31`; undefined for anything else or for a release
 * podwire does not support. The patch does not change the API, so it is dropped.
 */
export function parseKubernetesVersion(value: unknown): KubernetesRelease | undefined {
  if (typeof value !== 'string') return undefined;
  const m = VERSION.exec(value.trim());
  if (!m) return undefined;
  const release = m[1].replace(/\.0+(\d)/, '.$1');
  return SUPPORTED.has(release) ? (release as KubernetesRelease) : undefined;
}

/** `1.31` → 31. */
export function minorOf(release: KubernetesRelease): number {
  return Number(release.slice(2));
}

/** Index of a release in KUBERNETES_RELEASES (the bit of the vendored schemas' release masks). */
export function releaseIndex(release: KubernetesRelease): number {
  return KUBERNETES_RELEASES.indexOf(release);
}

export interface KubernetesReleaseInfo {
  version: KubernetesRelease;
  default: boolean;
  nativeSidecars: boolean;
}

/** What `GET /v1/kubernetes-versions` serves. */
export function kubernetesReleases(): KubernetesReleaseInfo[] {
  return KUBERNETES_RELEASES.map((version) => ({
    version,
    default: version === DEFAULT_KUBERNETES_RELEASE,
    nativeSidecars: minorOf(version) >= NATIVE_SIDECARS_MINOR,
  }));
}
