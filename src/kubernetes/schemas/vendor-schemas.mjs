// Writes k8s-schemas.json from the Kubernetes OpenAPI v2 specs of every supported release
// (../shared/k8s-openapi/swagger-v1.NN.*.json): every kind each release serves (create, update or
// patch), each definition stored once per distinct content with the releases that hold it (a
// bitmask over `releases`), without descriptions, plus the few constraints the v2 spec keeps only
// in prose (enums, port ranges). Run by hand when a spec is added; not part of the build:
//   node src/kubernetes/schemas/vendor-schemas.mjs [path/to/k8s-openapi]
// vendored-schemas.spec.ts rebuilds the file in memory and checks it matches.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const REF = '#/definitions/';

const CORE = 'io.k8s.api.core.v1.';
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];

// The v2 spec has no `enum` keyword: the allowed values live in the field descriptions (and in the
// API server's validation). Each list here is checked against its description below, so a typo or
// an upstream change stops the generator instead of rejecting valid manifests.
// `[]` in the key means the constraint applies to the array's items.
const ENUMS = {
  [CORE + 'Container.imagePullPolicy']: ['Always', 'Never', 'IfNotPresent'],
  [CORE + 'Container.terminationMessagePolicy']: ['File', 'FallbackToLogsOnError'],
  [CORE + 'EphemeralContainer.imagePullPolicy']: ['Always', 'Never', 'IfNotPresent'],
  [CORE + 'EphemeralContainer.terminationMessagePolicy']: ['File', 'FallbackToLogsOnError'],
  [CORE + 'ContainerPort.protocol']: PROTOCOLS,
  [CORE + 'ServicePort.protocol']: PROTOCOLS,
  [CORE + 'EndpointPort.protocol']: PROTOCOLS,
  'io.k8s.api.discovery.v1.EndpointPort.protocol': PROTOCOLS,
  'io.k8s.api.networking.v1.NetworkPolicyPort.protocol': PROTOCOLS,
  [CORE + 'PodSpec.restartPolicy']: ['Always', 'OnFailure', 'Never'],
  [CORE + 'PodSpec.dnsPolicy']: ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'],
  [CORE + 'PodSpec.preemptionPolicy']: ['PreemptLowerPriority', 'Never'],
  [CORE + 'PodSecurityContext.fsGroupChangePolicy']: ['OnRootMismatch', 'Always'],
  [CORE + 'SeccompProfile.type']: ['Localhost', 'RuntimeDefault', 'Unconfined'],
  [CORE + 'AppArmorProfile.type']: ['Localhost', 'RuntimeDefault', 'Unconfined'],
  [CORE + 'HTTPGetAction.scheme']: ['HTTP', 'HTTPS'],
  [CORE + 'ServiceSpec.type']: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
  [CORE + 'ServiceSpec.sessionAffinity']: ['ClientIP', 'None'],
  [CORE + 'ServiceSpec.externalTrafficPolicy']: ['Cluster', 'Local'],
  [CORE + 'ServiceSpec.internalTrafficPolicy']: ['Cluster', 'Local'],
  [CORE + 'ServiceSpec.ipFamilyPolicy']: ['SingleStack', 'PreferDualStack', 'RequireDualStack'],
  [CORE + 'ServiceSpec.ipFamilies[]']: ['IPv4', 'IPv6'],
  [CORE + 'PersistentVolumeClaimSpec.accessModes[]']: ACCESS_MODES,
  [CORE + 'PersistentVolumeClaimSpec.volumeMode']: ['Block', 'Filesystem'],
  [CORE + 'PersistentVolumeSpec.accessModes[]']: ACCESS_MODES,
  [CORE + 'PersistentVolumeSpec.volumeMode']: ['Block', 'Filesystem'],
  [CORE + 'PersistentVolumeSpec.persistentVolumeReclaimPolicy']: ['Retain', 'Delete', 'Recycle'],
  [CORE + 'Toleration.operator']: ['Exists', 'Equal'],
  [CORE + 'Toleration.effect']: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  [CORE + 'NodeSelectorRequirement.operator']: [
    'In',
    'NotIn',
    'Exists',
    'DoesNotExist',
    'Gt',
    'Lt',
  ],
  [CORE + 'TopologySpreadConstraint.whenUnsatisfiable']: ['DoNotSchedule', 'ScheduleAnyway'],
  [CORE + 'TopologySpreadConstraint.nodeAffinityPolicy']: ['Honor', 'Ignore'],
  [CORE + 'TopologySpreadConstraint.nodeTaintsPolicy']: ['Honor', 'Ignore'],
  [CORE + 'HostPathVolumeSource.type']: [
    '',
    'DirectoryOrCreate',
    'Directory',
    'FileOrCreate',
    'File',
    'Socket',
    'CharDevice',
    'BlockDevice',
  ],
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement.operator': [
    'In',
    'NotIn',
    'Exists',
    'DoesNotExist',
  ],
  'io.k8s.api.apps.v1.DeploymentStrategy.type': ['Recreate', 'RollingUpdate'],
  'io.k8s.api.apps.v1.StatefulSetSpec.podManagementPolicy': ['OrderedReady', 'Parallel'],
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy.type': ['RollingUpdate', 'OnDelete'],
  'io.k8s.api.batch.v1.CronJobSpec.concurrencyPolicy': ['Allow', 'Forbid', 'Replace'],
  'io.k8s.api.batch.v1.JobSpec.completionMode': ['NonIndexed', 'Indexed'],
  'io.k8s.api.batch.v1.JobSpec.podReplacementPolicy': ['TerminatingOrFailed', 'Failed'],
  'io.k8s.api.networking.v1.HTTPIngressPath.pathType': [
    'Exact',
    'Prefix',
    'ImplementationSpecific',
  ],
  'io.k8s.api.networking.v1.NetworkPolicySpec.policyTypes[]': ['Ingress', 'Egress'],
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy': [
    'IfHealthyBudget',
    'AlwaysAllow',
  ],
  'io.k8s.api.autoscaling.v2.MetricSpec.type': [
    'ContainerResource',
    'External',
    'Object',
    'Pods',
    'Resource',
  ],
  'io.k8s.api.autoscaling.v2.MetricTarget.type': ['Utilization', 'Value', 'AverageValue'],
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy.type': ['Pods', 'Percent'],
  'io.k8s.api.autoscaling.v2.HPAScalingRules.selectPolicy': ['Max', 'Min', 'Disabled'],
  'io.k8s.api.storage.v1.StorageClass.volumeBindingMode': ['Immediate', 'WaitForFirstConsumer'],
};

// Enums whose values the description does not spell out; the values are the ones the API server's
// validation accepts (and the `enum` of the OpenAPI v3 spec of the same release).
const ENUMS_NOT_IN_DESCRIPTION = new Set([
  CORE + 'HTTPGetAction.scheme',
  CORE + 'ServiceSpec.externalTrafficPolicy',
  CORE + 'ServiceSpec.internalTrafficPolicy',
  CORE + 'PersistentVolumeClaimSpec.accessModes[]',
  CORE + 'PersistentVolumeClaimSpec.volumeMode',
  CORE + 'PersistentVolumeSpec.accessModes[]',
  CORE + 'PersistentVolumeSpec.volumeMode',
  CORE + 'HostPathVolumeSource.type',
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy.type',
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy.type',
  'io.k8s.api.autoscaling.v2.HPAScalingRules.selectPolicy',
  'io.k8s.api.storage.v1.StorageClass.volumeBindingMode',
]);

// Numeric ranges the API server enforces (validateContainerPorts, ValidateService, …). A port of 0
// means "unset" where the API server defaults or ignores it (hostPort, nodePort, targetPort →
// defaulted to port), so 0 is allowed there.
const PORT = [1, 65535];
const PORT_OR_UNSET = [0, 65535];
const RANGES = {
  [CORE + 'ContainerPort.containerPort']: PORT,
  [CORE + 'ContainerPort.hostPort']: PORT_OR_UNSET,
  [CORE + 'ServicePort.port']: PORT,
  [CORE + 'ServicePort.targetPort']: PORT_OR_UNSET,
  [CORE + 'ServicePort.nodePort']: PORT_OR_UNSET,
  [CORE + 'EndpointPort.port']: PORT,
  [CORE + 'HTTPGetAction.port']: PORT,
  [CORE + 'TCPSocketAction.port']: PORT,
  [CORE + 'GRPCAction.port']: PORT,
  'io.k8s.api.discovery.v1.EndpointPort.port': PORT,
  'io.k8s.api.networking.v1.NetworkPolicyPort.port': PORT,
  'io.k8s.api.networking.v1.NetworkPolicyPort.endPort': PORT,
  'io.k8s.api.networking.v1.ServiceBackendPort.number': PORT,
  'io.k8s.api.admissionregistration.v1.ServiceReference.port': PORT,
  'io.k8s.api.apps.v1.DeploymentSpec.replicas': [0, 2147483647],
  'io.k8s.api.apps.v1.ReplicaSetSpec.replicas': [0, 2147483647],
  'io.k8s.api.apps.v1.StatefulSetSpec.replicas': [0, 2147483647],
  [CORE + 'ReplicationControllerSpec.replicas']: [0, 2147483647],
};

// The schema marks only `name` required on a container ("image is optional to allow higher level
// config management"), but the API server's validateContainerCommon rejects an empty image for
// pods and pod templates alike (`spec.template.spec.containers[0].image: Required value`), and
// kubectl-validate patches its schema the same way. kubeconform follows the bare schema here.
const EXTRA_REQUIRED = {
  [CORE + 'Container']: ['image'],
  [CORE + 'EphemeralContainer']: ['image'],
};

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const WRITE_ACTIONS = new Set(['post', 'put', 'patch']);

/** Keeps what validation needs; the order of keys is stable so the output diffs well. */
function slim(schema) {
  const out = {};
  if (schema.$ref) out.$ref = schema.$ref.slice(REF.length);
  for (const key of ['type', 'format']) if (schema[key] !== undefined) out[key] = schema[key];
  if (schema.required) out.required = [...schema.required];
  if (schema.properties) {
    out.properties = {};
    for (const [prop, sub] of Object.entries(schema.properties)) out.properties[prop] = slim(sub);
  }
  if (schema.items) out.items = slim(schema.items);
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof schema.additionalProperties === 'object'
        ? slim(schema.additionalProperties)
        : schema.additionalProperties;
  }
  if (schema['x-kubernetes-preserve-unknown-fields'])
    out['x-kubernetes-preserve-unknown-fields'] = true;
  return out;
}

/** The served kinds and the slimmed, constrained definitions of one release's spec. */
function readRelease(spec, applied) {
  const defs = spec.definitions;
  const byGvk = new Map();
  for (const [name, def] of Object.entries(defs)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? [])
      byGvk.set(`${gvk.group}/${gvk.version}/${gvk.kind}`, name);
  }
  const kinds = {};
  const roots = new Set();
  for (const item of Object.values(spec.paths)) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !WRITE_ACTIONS.has(op['x-kubernetes-action'])) continue;
      const gvk = op['x-kubernetes-group-version-kind'];
      if (!gvk) continue;
      const name = byGvk.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
      if (!name) throw new Error(`no definition for ${gvk.group}/${gvk.version} ${gvk.kind}`);
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      (kinds[apiVersion] ??= {})[gvk.kind] = name;
      roots.add(name);
    }
  }
  const output = {};
  function visit(name) {
    if (Object.hasOwn(output, name)) return;
    const def = defs[name];
    if (!def) throw new Error(`missing definition ${name}`);
    const slimmed = slim(def);
    output[name] = slimmed;
    if (name === QUANTITY) slimmed.format = 'quantity';
    if (EXTRA_REQUIRED[name]) {
      slimmed.required = [...new Set([...(slimmed.required ?? []), ...EXTRA_REQUIRED[name]])];
      applied.add(`required:${name}`);
    }
    for (const [prop, sub] of Object.entries(slimmed.properties ?? {})) {
      const key = `${name}.${prop}`;
      const description = def.properties[prop].description ?? '';
      for (const [suffix, target] of [
        ['', sub],
        ['[]', sub.items],
      ]) {
        const values = ENUMS[key + suffix];
        if (!values) continue;
        if (!target || (target.type !== 'string' && !target.$ref))
          throw new Error(`${key}${suffix}: enum on a non-string`);
        const absent = ENUMS_NOT_IN_DESCRIPTION.has(key + suffix)
          ? []
          : values.filter((v) => v !== '' && !description.includes(v));
        if (absent.length)
          throw new Error(`${key}${suffix}: ${absent.join(', ')} not named in the description`);
        target.enum = values;
        applied.add(key + suffix);
      }
      if (RANGES[key]) {
        [sub.minimum, sub.maximum] = RANGES[key];
        applied.add(key);
      }
    }
    (function refs(s) {
      if (!s || typeof s !== 'object') return;
      if (typeof s.$ref === 'string') visit(s.$ref);
      for (const v of Object.values(s)) if (v && typeof v === 'object') refs(v);
    })(slimmed);
  }
  for (const root of [...roots].sort()) visit(root);
  return { kinds, definitions: output };
}

function sortKeys(object) {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((k) => [k, object[k]]),
  );
}

/**
 * Builds the vendored data from the specs in `dir` (one `swagger-v1.NN.P.json` per minor).
 * Exported for the test that checks the committed file is what the specs give.
 */
export function buildVendoredSchemas(dir) {
  const files = readdirSync(dir)
    .map((file) => ({ file, m: /^swagger-v1\.(\d+)\.(\d+)\.json$/.exec(file) }))
    .filter(({ m }) => m)
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]));
  const releases = files.map(({ m }) => `1.${m[1]}`);
  const sources = [];
  const kinds = {};
  const variants = {};
  const applied = new Set();
  files.forEach(({ file, m }, index) => {
    const text = readFileSync(join(dir, file));
    const sha256 = createHash('sha256').update(text).digest('hex');
    sources.push({ release: releases[index], patch: `1.${m[1]}.${m[2]}`, file, sha256 });
    const release = readRelease(JSON.parse(text.toString('utf8')), applied);
    const bit = 2 ** index;
    for (const [apiVersion, map] of Object.entries(release.kinds)) {
      for (const [kind, name] of Object.entries(map)) {
        const entries = ((kinds[apiVersion] ??= {})[kind] ??= []);
        const entry = entries.find((e) => e[0] === name);
        if (entry) entry[1] += bit;
        else entries.push([name, bit]);
      }
    }
    for (const [name, schema] of Object.entries(release.definitions)) {
      const json = JSON.stringify(schema);
      const hash = createHash('sha1').update(json).digest('hex');
      const list = (variants[name] ??= []);
      const same = list.find((v) => v.hash === hash);
      if (same) same.mask += bit;
      else list.push({ hash, mask: bit, schema });
    }
  });
  const unused = [
    ...Object.keys(ENUMS),
    ...Object.keys(RANGES),
    ...Object.keys(EXTRA_REQUIRED).map((n) => `required:${n}`),
  ].filter((k) => !applied.has(k));
  if (unused.length)
    throw new Error(`constraints for fields that are not vendored: ${unused.join(', ')}`);
  const definitions = {};
  for (const name of Object.keys(variants).sort())
    definitions[name] = variants[name].map((v) => [v.mask, v.schema]);
  return {
    source:
      'kubernetes/api/openapi-spec/swagger.json of each release (kubernetes-client/python ' +
      'kubernetes/swagger.json.unprocessed, see k8s-openapi.SOURCE.md), Apache-2.0 (k8s-openapi.LICENSE)',
    releases,
    specs: sources,
    kinds: sortKeys(Object.fromEntries(Object.entries(kinds).map(([v, m]) => [v, sortKeys(m)]))),
    definitions,
  };
}

export const VENDORED_PATH = join(here, 'k8s-schemas.json');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? join(here, '../../../../shared/k8s-openapi');
  const result = buildVendoredSchemas(dir);
  const json = JSON.stringify(result);
  writeFileSync(VENDORED_PATH, json + '\n');
  const kindCount = Object.values(result.kinds).reduce((n, m) => n + Object.keys(m).length, 0);
  const variantCount = Object.values(result.definitions).reduce((n, l) => n + l.length, 0);
  console.log(
    `${VENDORED_PATH}: releases ${result.releases.join(', ')}; ${kindCount} apiVersion/kinds, ` +
      `${Object.keys(result.definitions).length} definitions in ${variantCount} variants, ${json.length} bytes`,
  );
}
