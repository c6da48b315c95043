import { readFileSync } from 'node:fs';
import { KUBERNETES_RELEASES, releaseIndex, type KubernetesRelease } from '../releases.js';
import { groupOf, kubernetesSchemas, type KubernetesSchemas } from '../schemas/schema-store.js';
import { closest } from './closest.js';

/** One apiVersion/kind's lifecycle as FairwindsOps/pluto records it (see SOURCE.md). */
export interface LifecycleEntry {
  apiVersion: string;
  kind: string;
  deprecatedIn: string | null;
  removedIn: string | null;
  replacement: string | null;
}

/**
 * What a target release makes of an apiVersion and kind. `custom` means the group is not one
 * Kubernetes serves (a custom resource): the lifecycle rules say nothing about it.
 */
export type ApiStatus =
  | {
      status: 'served';
      deprecated?: { since: string; removedIn: string | null; replacement: string | null };
    }
  | { status: 'removed'; removedIn: string | null; replacement: string | null }
  | { status: 'not-yet-available'; addedIn: string }
  | {
      status: 'unknown-kind';
      group: string;
      /** The kind the name most likely meant (`configmap` → `ConfigMap`). */
      suggestion: string | null;
      /** apiVersions of other groups that serve the kind (`v1 Deployment` → `apps/v1`). */
      servedElsewhere: string[];
    }
  | { status: 'unknown-version'; group: string; servedAs: string[] }
  | { status: 'custom' };

interface LifecycleFile {
  entries: [string, string, string | null, string | null, string | null][];
}

let entries: Map<string, LifecycleEntry> | undefined;

function lifecycleEntries(): Map<string, LifecycleEntry> {
  if (entries) return entries;
  const data = JSON.parse(
    readFileSync(new URL('./api-lifecycle.json', import.meta.url), 'utf8'),
  ) as LifecycleFile;
  entries = new Map(
    data.entries.map(([apiVersion, kind, deprecatedIn, removedIn, replacement]) => [
      `${apiVersion} ${kind}`,
      { apiVersion, kind, deprecatedIn, removedIn, replacement },
    ]),
  );
  return entries;
}

/** Every Kubernetes lifecycle entry (the acceptance tests walk them). */
export function lifecycleData(): LifecycleEntry[] {
  return [...lifecycleEntries().values()];
}

function minor(release: string): number {
  return Number(release.slice(2));
}

/** apiVersions of the same group that serve `kind` at `release`, newest-looking last. */
function sameGroupServing(
  schemas: KubernetesSchemas,
  group: string,
  kind: string,
  release: KubernetesRelease,
): string[] {
  return schemas.apiVersionsOf(kind, release).filter((v) => groupOf(v) === group);
}

/**
 * The lifecycle status of `apiVersion` `kind` at `release`, from the specs of every supported
 * release and pluto's data for what was removed before the oldest one.
 */
export function apiStatus(apiVersion: string, kind: string, release: KubernetesRelease): ApiStatus {
  const schemas = kubernetesSchemas();
  const index = releaseIndex(release);
  const bit = 2 ** index;
  const mask = schemas.servedMask(apiVersion, kind);
  const entry = lifecycleEntries().get(`${apiVersion} ${kind}`);
  const group = groupOf(apiVersion);
  if ((mask & bit) !== 0) {
    if (entry?.deprecatedIn && minor(entry.deprecatedIn) <= minor(release)) {
      return {
        status: 'served',
        deprecated: {
          since: entry.deprecatedIn,
          removedIn:
            entry.removedIn && minor(entry.removedIn) > minor(release) ? entry.removedIn : null,
          replacement: entry.replacement,
        },
      };
    }
    return { status: 'served' };
  }
  const servedBefore = mask % bit !== 0;
  const servedLater = mask >= bit * 2;
  const replacement = (): string | null =>
    entry?.replacement ?? sameGroupServing(schemas, group, kind, release).at(-1) ?? null;
  if (servedBefore && !servedLater) {
    // The specs say when: the first supported release after the last one that served it.
    const last = Math.floor(Math.log2(mask % bit));
    return {
      status: 'removed',
      removedIn: KUBERNETES_RELEASES[last + 1],
      replacement: replacement(),
    };
  }
  if (entry?.removedIn && !servedLater) {
    const removedIn = minor(entry.removedIn) <= minor(release) ? entry.removedIn : null;
    return { status: 'removed', removedIn, replacement: replacement() };
  }
  if (servedLater) {
    const newer = (mask >> (index + 1)) << (index + 1);
    const first = Math.log2(newer & -newer);
    return { status: 'not-yet-available', addedIn: KUBERNETES_RELEASES[first] };
  }
  if (!schemas.isBuiltInGroup(group) && !hasLifecycleGroup(group)) return { status: 'custom' };
  const kinds = schemas.kindsOf(group);
  if (kinds.has(kind) || hasLifecycleKind(group, kind)) {
    return {
      status: 'unknown-version',
      group,
      servedAs: sameGroupServing(schemas, group, kind, release),
    };
  }
  const inGroup = [...kinds].filter(([, m]) => (m & bit) !== 0).map(([k]) => k);
  return {
    status: 'unknown-kind',
    group,
    suggestion: closest(kind, inGroup),
    servedElsewhere: schemas.apiVersionsOf(kind, release),
  };
}

function hasLifecycleGroup(group: string): boolean {
  for (const entry of lifecycleEntries().values())
    if (groupOf(entry.apiVersion) === group) return true;
  return false;
}

function hasLifecycleKind(group: string, kind: string): boolean {
  for (const entry of lifecycleEntries().values())
    if (entry.kind === kind && groupOf(entry.apiVersion) === group) return true;
  return false;
}
