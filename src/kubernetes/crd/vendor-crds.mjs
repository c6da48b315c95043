// Writes shipped.crds.json from ../shared/crds (Gateway API, Istio, Linkerd policy, cert-manager):
// per CRD its group, kind, scope and served versions, each with its openAPIV3Schema without
// descriptions; identical schemas (Istio serves v1alpha3, v1beta1 and v1 alike) are stored once.
// Copies each project's LICENSE and the SOURCE.md next to it. Run by hand when the CRDs change:
//   node src/kubernetes/crd/vendor-crds.mjs [path/to/shared/crds]
// shipped-crds.spec.ts checks that the file matches the originals.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.argv[2] ?? join(here, '../../../../shared/crds');

/** folder → the project and release SOURCE.md names. */
const PROJECTS = {
  'gateway-api': { project: 'Gateway API', release: 'v1.6.1' },
  istio: { project: 'Istio', release: '1.30.3' },
  linkerd: { project: 'Linkerd', release: '2.20' },
  'cert-manager': { project: 'cert-manager', release: 'v1.21.1' },
};

const NESTED = ['items', 'additionalProperties', 'not'];
const LISTS = ['allOf', 'anyOf', 'oneOf'];

/** A schema node without `description` (only the keyword: a property may be named description). */
function strip(node) {
  if (typeof node !== 'object' || node === null) return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]));
    } else if (NESTED.includes(key) && typeof value === 'object') out[key] = strip(value);
    else if (LISTS.includes(key)) out[key] = value.map(strip);
    else out[key] = value;
  }
  return out;
}

const schemas = [];
const index = new Map();
const crds = [];
for (const folder of Object.keys(PROJECTS)) {
  copyFileSync(join(root, folder, 'LICENSE'), join(here, 'licenses', `${folder}.LICENSE`));
  for (const file of readdirSync(join(root, folder))
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const doc of parseAllDocuments(readFileSync(join(root, folder, file), 'utf8'))) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      const versions = crd.spec.versions
        .filter((version) => version.served)
        .map((version) => {
          const schema = JSON.stringify(strip(version.schema?.openAPIV3Schema ?? {}));
          if (!index.has(schema)) {
            index.set(schema, schemas.length);
            schemas.push(JSON.parse(schema));
          }
          return {
            name: version.name,
            schema: index.get(schema),
            status: version.subresources?.status !== undefined,
          };
        });
      crds.push({
        ...PROJECTS[folder],
        group: crd.spec.group,
        kind: crd.spec.names.kind,
        namespaced: crd.spec.scope === 'Namespaced',
        versions,
      });
    }
  }
}
copyFileSync(join(root, 'SOURCE.md'), join(here, 'licenses', 'SOURCE.md'));
crds.sort((a, b) => `${a.group}/${a.kind}`.localeCompare(`${b.group}/${b.kind}`));
writeFileSync(join(here, 'shipped.crds.json'), JSON.stringify({ crds, schemas }) + '\n');
console.log(`${crds.length} CRDs, ${schemas.length} distinct schemas`);
