import type { ManifestObject, RuleContext } from '../engine/types.js';
import type {
  BundleModel,
  NetworkPolicyInfo,
  PodTemplate,
  ServiceInfo,
  ServicePortInfo,
} from './bundle-model.types.js';
import { podLabels } from './controller-labels.js';
import { asArray, asRecord, asString, isPortNumber, stringMap } from './json.js';
import { namespaceOf, podTemplateOf } from './pod-templates.js';
import { referencesOf } from './references.js';
import { matchesLabelMap, matchesSelector } from './selectors.js';

export type * from './bundle-model.types.js';
export { namespaceOf, POD_TEMPLATE_KINDS } from './pod-templates.js';

const cache = new WeakMap<readonly ManifestObject[], BundleModel>();

/** The resolved bundle, built once per validation run and shared by every rule. Never throws. */
export function modelOf(ctx: RuleContext): BundleModel {
  let model = cache.get(ctx.objects);
  if (!model) {
    model = buildModel(ctx.objects);
    cache.set(ctx.objects, model);
  }
  return model;
}

function readServicePorts(raw: Record<string, any>): ServicePortInfo[] {
  const ports: ServicePortInfo[] = [];
  asArray(asRecord(raw.spec)?.ports).forEach((item, index) => {
    const port = asRecord(item);
    if (!port) return;
    const target = port.targetPort;
    ports.push({
      port: isPortNumber(port.port) ? port.port : undefined,
      targetPort: isPortNumber(target) || typeof target === 'string' ? target : undefined,
      name: asString(port.name),
      protocol: asString(port.protocol) ?? 'TCP',
      path: ['spec', 'ports', index],
      index,
    });
  });
  return ports;
}

function serviceOf(object: ManifestObject, pods: PodTemplate[]): ServiceInfo {
  const spec = asRecord(object.raw.spec) ?? {};
  const namespace = namespaceOf(object);
  const selectorMap = stringMap(spec.selector);
  const selector = Object.keys(selectorMap).length > 0 ? selectorMap : undefined;
  const type = asString(spec.type) ?? 'ClusterIP';
  return {
    object,
    namespace,
    name: asString(asRecord(object.raw.metadata)?.name) ?? '',
    type,
    headless: spec.clusterIP === 'None',
    selector,
    ports: readServicePorts(object.raw),
    pods:
      selector && type !== 'ExternalName'
        ? pods.filter((p) => p.namespace === namespace && matchesLabelMap(podLabels(p), selector))
        : [],
  };
}

function policyOf(object: ManifestObject, pods: PodTemplate[]): NetworkPolicyInfo {
  const spec = asRecord(object.raw.spec) ?? {};
  const namespace = namespaceOf(object);
  // An absent podSelector decodes to the empty selector, which selects every pod of the namespace.
  const podSelector =
    spec.podSelector === undefined || spec.podSelector === null ? {} : spec.podSelector;
  const explicitTypes = asArray(spec.policyTypes).filter((t): t is string => typeof t === 'string');
  const policyTypes =
    explicitTypes.length > 0
      ? explicitTypes
      : spec.egress !== undefined && spec.egress !== null
        ? ['Ingress', 'Egress']
        : ['Ingress'];
  return {
    object,
    namespace,
    name: asString(asRecord(object.raw.metadata)?.name) ?? '',
    podSelectorPath: ['spec', 'podSelector'],
    policyTypes,
    pods: pods.filter(
      (p) => p.namespace === namespace && matchesSelector(podLabels(p), podSelector),
    ),
  };
}

function buildModel(objects: readonly ManifestObject[]): BundleModel {
  const kindOf = (o: ManifestObject): string | undefined => o.ref.kind ?? asString(o.raw.kind);
  const pods: PodTemplate[] = [];
  const podByObject = new Map<ManifestObject, PodTemplate>();
  for (const object of objects) {
    const pod = safe(() => podTemplateOf(object));
    if (pod) {
      pods.push(pod);
      podByObject.set(object, pod);
    }
  }
  const services = objects.filter((o) => kindOf(o) === 'Service').map((o) => serviceOf(o, pods));
  const networkPolicies = objects
    .filter((o) => kindOf(o) === 'NetworkPolicy')
    .map((o) => policyOf(o, pods));
  const references = pods.flatMap((pod) => referencesOf(pod));

  // Indexed once: reference rules look objects up per container and per volume.
  const index = new Map<string, ManifestObject>();
  for (const object of objects) {
    const name = asString(asRecord(object.raw.metadata)?.name);
    const kind = kindOf(object);
    if (name === undefined || kind === undefined) continue;
    const key = `${kind}/${namespaceOf(object)}/${name}`;
    if (!index.has(key)) index.set(key, object);
  }
  const find = (kind: string, namespace: string, name: string): ManifestObject | undefined =>
    index.get(`${kind}/${namespace}/${name}`);

  return {
    pods,
    services,
    networkPolicies,
    references,
    servicesSelecting: (pod) => services.filter((s) => s.pods.includes(pod)),
    policiesSelecting: (pod) => networkPolicies.filter((p) => p.pods.includes(pod)),
    podOf: (object) => podByObject.get(object),
    find,
    configMapData(namespace, name) {
      const object = find('ConfigMap', namespace, name);
      return object ? stringMap(object.raw.data) : undefined;
    },
  };
}

/** Garbage in one object must not cost the other objects their model. */
function safe<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}
