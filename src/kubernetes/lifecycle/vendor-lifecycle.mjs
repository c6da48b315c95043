// Writes api-lifecycle.json: the Kubernetes entries (`component: k8s`) of FairwindsOps/pluto's
// versions.yaml (../shared/reference/api-lifecycle/pluto-versions.yaml), as
// [apiVersion, kind, deprecatedIn, removedIn, replacement] with releases written "1.25".
// Run by hand when the file changes; lifecycle-data.spec.ts checks the committed file matches.
//   node src/kubernetes/lifecycle/vendor-lifecycle.mjs [path/to/pluto-versions.yaml]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));

/** `v1.25.0` → `1.25`; empty → null. */
function minor(version) {
  if (!version) return null;
  const m = /^v?(1\.\d+)/.exec(String(version));
  if (!m) throw new Error(`unreadable release ${version}`);
  return m[1];
}

export function buildLifecycle(path) {
  const text = readFileSync(path);
  const doc = parse(text.toString('utf8'));
  const entries = doc['deprecated-versions']
    .filter((e) => e.component === 'k8s')
    .map((e) => [
      e.version,
      e.kind,
      minor(e['deprecated-in']),
      minor(e['removed-in']),
      e['replacement-api'] || null,
    ])
    // pluto lists audit.k8s.io/v1alpha1 Policy twice, identically: keep one.
    .filter((e, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(e)) === i)
    .sort((a, b) => (a[0] + a[1] < b[0] + b[1] ? -1 : a[0] + a[1] > b[0] + b[1] ? 1 : 0));
  return {
    source:
      'FairwindsOps/pluto versions.yaml at dd5ec8cccce5e42dfe8054b8250baa35546056a0, component k8s ' +
      `(sha256 ${createHash('sha256').update(text).digest('hex')}), Apache-2.0 (pluto.LICENSE)`,
    columns: ['apiVersion', 'kind', 'deprecatedIn', 'removedIn', 'replacement'],
    entries,
  };
}

export const LIFECYCLE_PATH = join(here, 'api-lifecycle.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source =
    process.argv[2] ?? join(here, '../../../../shared/reference/api-lifecycle/pluto-versions.yaml');
  const data = buildLifecycle(source);
  writeFileSync(LIFECYCLE_PATH, JSON.stringify(data) + '\n');
  console.log(`${LIFECYCLE_PATH}: ${data.entries.length} entries`);
}
