import { closeMatch } from '../engine/fix/did-you-mean.js';
import type { ReportFix } from '../engine/fix/edit.js';
import type {
  JsonPath,
  ManifestObject,
  Report,
  RelatedReport,
  RuleContext,
} from '../engine/types.js';
import type { ReferenceInfo, ReferenceKind } from './bundle-model.types.js';
import { modelOf, namespaceOf } from './bundle-model.js';
import { describeContainer, describeObject, describePod } from './describe.js';
import { asArray, asRecord, asString, stringMap, valueAt } from './json.js';
import { proxiesOf } from './proxy/proxies.js';
import { secretCreatorsIn } from './secret-creators.js';

/** Objects every namespace has without the bundle declaring them. */
const IMPLICIT: Record<ReferenceKind, Set<string>> = {
  ConfigMap: new Set(['kube-root-ca.crt']),
  Secret: new Set(),
  PersistentVolumeClaim: new Set(),
};

const NOUN: Record<ReferenceKind, string> = {
  ConfigMap: 'ConfigMap',
  Secret: 'Secret',
  PersistentVolumeClaim: 'PersistentVolumeClaim',
};

/** An object whose controller creates and keeps an object of another kind, in its own namespace. */
interface Generator {
  produces: ReferenceKind;
  kind: string;
  /** The apiVersion groups; any version of them matches. */
  groups: readonly string[];
  /** Where the generator names the object it produces (the first path that holds a string). */
  namePaths: readonly JsonPath[];
  /** The keys the produced object holds; undefined when the manifest cannot tell. */
  keys: (raw: Record<string, any>) => readonly string[] | undefined;
  /** False when this object is configured not to create its object (default: it creates it). */
  creates?: (raw: Record<string, any>) => boolean;
}

const TLS_KEYS = (): readonly string[] => ['tls.crt', 'tls.key', 'ca.crt'];

const GENERATORS: readonly Generator[] = [
  // https://cert-manager.io/docs/concepts/certificate/: the Secret spec.secretName lives in the
  // Certificate's namespace with tls.crt and tls.key, plus ca.crt when the issuer knows the CA.
  // certmanager.k8s.io is the group cert-manager used before v0.11; its Certificate did the same.
  {
    produces: 'Secret',
    kind: 'Certificate',
    groups: ['cert-manager.io', 'certmanager.k8s.io'],
    namePaths: [['spec', 'secretName']],
    keys: TLS_KEYS,
  },
  // Sealed Secrets: the controller unseals a SealedSecret into the Secret of the same name, with
  // the keys of spec.encryptedData (https://github.com/bitnami-labs/sealed-secrets).
  {
    produces: 'Secret',
    kind: 'SealedSecret',
    groups: ['bitnami.com'],
    namePaths: [['metadata', 'name']],
    keys: (raw) => {
      const spec = asRecord(raw.spec);
      const data = asRecord(spec?.encryptedData);
      return data ? Object.keys(data) : undefined;
    },
  },
  // External Secrets Operator: the Secret spec.target.name (default: the ExternalSecret's name)
  // with one key per spec.data[].secretKey; dataFrom or a template make the keys unknowable
  // (https://external-secrets.io/latest/api/externalsecret/). creationPolicy Merge only merges
  // into a Secret that must already exist and None writes nothing, so neither produces it
  // (https://external-secrets.io/latest/guides/ownership-deletion-policy/).
  {
    produces: 'Secret',
    kind: 'ExternalSecret',
    groups: ['external-secrets.io'],
    namePaths: [
      ['spec', 'target', 'name'],
      ['metadata', 'name'],
    ],
    keys: (raw) => {
      const spec = asRecord(raw.spec);
      if (spec?.dataFrom !== undefined || asRecord(spec?.target)?.template !== undefined)
        return undefined;
      const keys = asArray(spec?.data)
        .map((item) => asString(asRecord(item)?.secretKey))
        .filter((key): key is string => key !== undefined);
      return keys;
    },
    creates: (raw) => {
      const policy = asString(asRecord(asRecord(raw.spec)?.target)?.creationPolicy);
      return policy !== 'Merge' && policy !== 'None';
    },
  },
];

interface Generated {
  object: ManifestObject;
  generator: Generator;
  namePath: JsonPath;
}

const generatedCache = new WeakMap<readonly ManifestObject[], Map<string, Generated>>();

/** `kind/namespace/name` of every object the bundle's generators produce; the first one wins. */
function generatedBy(ctx: RuleContext): Map<string, Generated> {
  let index = generatedCache.get(ctx.objects);
  if (index) return index;
  index = new Map();
  for (const object of ctx.objects) {
    const kind = object.ref.kind ?? asString(object.raw.kind);
    const apiVersion = object.ref.apiVersion ?? asString(object.raw.apiVersion) ?? '';
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    for (const generator of GENERATORS) {
      if (generator.kind !== kind || !generator.groups.includes(group)) continue;
      if (generator.creates && !generator.creates(object.raw)) continue;
      const namePath = generator.namePaths.find(
        (path) => asString(valueAt(object.raw, path)) !== undefined,
      );
      const name = namePath && asString(valueAt(object.raw, namePath));
      const key = `${generator.produces}/${namespaceOf(object)}/${name}`;
      if (namePath && name && !index.has(key)) index.set(key, { object, generator, namePath });
    }
  }
  generatedCache.set(ctx.objects, index);
  return index;
}

function keysOf(kind: ReferenceKind, raw: Record<string, unknown>): Set<string> {
  const keys = new Set([
    ...Object.keys(stringMap(raw.data)),
    ...Object.keys(asRecord(raw.binaryData) ?? {}),
  ]);
  if (kind === 'Secret') for (const key of Object.keys(stringMap(raw.stringData))) keys.add(key);
  return keys;
}

/** An object of the bundle, or one a generator of the bundle creates. */
interface Provided {
  /** undefined when the keys cannot be known from the manifest. */
  keys?: Set<string>;
  /** The generator, when the object itself is not in the bundle. */
  createdBy?: ManifestObject;
  /** Where key findings point to as related. */
  related: RelatedReport;
}

function provided(
  ctx: RuleContext,
  kind: ReferenceKind,
  namespace: string,
  name: string,
): Provided | undefined {
  const target = modelOf(ctx).find(kind, namespace, name);
  if (target) {
    return {
      keys: keysOf(kind, target.raw),
      related: { object: target, path: ['metadata', 'name'], message: `${NOUN[kind]} ${name}` },
    };
  }
  const generated = generatedBy(ctx).get(`${kind}/${namespace}/${name}`);
  if (!generated) return undefined;
  const { object, generator, namePath } = generated;
  const keys = generator.keys(object.raw);
  return {
    keys: keys ? new Set(keys) : undefined,
    createdBy: object,
    related: {
      object,
      path: namePath,
      message: `${NOUN[kind]} ${name}, created by ${describeObject(object)}`,
    },
  };
}

/**
 * Shared by reference/configmap-missing, reference/secret-missing and reference/pvc-missing:
 * a non-optional reference to an object of `kind` the bundle neither holds nor generates
 * (missingReference, so that `scope: partial` downgrades it), or to a key the present or
 * generated object lacks.
 */
export function checkReferences(ctx: RuleContext, kind: ReferenceKind): void {
  // One info per pod and generated object, at its first reference, and none when a key is wrong
  // (that warning already names the generator).
  const produced = new Map<string, Report | undefined>();
  for (const ref of modelOf(ctx).references) {
    if (ref.kind !== kind || ref.optional || IMPLICIT[kind].has(ref.name)) continue;
    const who = ref.container ? describeContainer(ref.container) : describePod(ref.pod);
    const how =
      ref.via === 'volume' || ref.via === 'projected'
        ? `volume "${ref.volume?.name}"`
        : ref.via === 'envFrom'
          ? 'envFrom'
          : 'env valueFrom';
    const target = provided(ctx, kind, ref.pod.namespace, ref.name);
    const creators = !target && kind === 'Secret' ? secretCreatorsIn(ctx, ref.pod.namespace) : [];
    if (!target && creators.length > 0) {
      // A pod of the bundle may write it at run time (Contour's certgen Job): say who, at info.
      const names = creators.slice(0, 3).map((c) => describeObject(c.pod.object));
      ctx.report({
        object: ref.pod.object,
        path: ref.path,
        severity: 'info',
        message: `Secret ${ref.name} (namespace ${ref.pod.namespace}), referenced by ${how} of ${who}, is not in the bundle, but ${names.join(', ')}${creators.length > 3 ? ` and ${creators.length - 3} more` : ''} may create it at run time (its ServiceAccount may create secrets there, granted by ${describeObject(creators[0].role)})`,
        related: creators.slice(0, 3).map((c) => ({
          object: c.pod.object,
          path: ['metadata', 'name'],
          message: `may create Secret ${ref.name}`,
        })),
      });
      continue;
    }
    if (!target) {
      const report: Report = {
        object: ref.pod.object,
        path: ref.path,
        missingReference: true,
        message: `${NOUN[kind]} ${ref.name} (namespace ${ref.pod.namespace}), referenced by ${how} of ${who}, is not in the bundle: the pod will not start until it exists`,
        // A proxy's configuration ConfigMap: sidecar/config-missing offers the rename, and only
        // to a ConfigMap that holds the proxy's configuration file.
        fix: kind === 'ConfigMap' && isProxyConfig(ctx, ref) ? undefined : nameFix(ctx, kind, ref),
      };
      ctx.report(report);
      continue;
    }
    const keyFindings =
      kind === 'PersistentVolumeClaim' ? 0 : checkKeys(ctx, ref, how, who, target);
    if (!target.createdBy) continue;
    // Not missing, but not in the bundle either: a reader looking for it learns where it comes from.
    const pair = `${describePod(ref.pod)}\u0000${ref.name}`;
    if (keyFindings > 0) produced.set(pair, undefined);
    else if (!produced.has(pair))
      produced.set(pair, {
        object: ref.pod.object,
        path: ref.path,
        severity: 'info',
        message: `${NOUN[kind]} ${ref.name} (namespace ${ref.pod.namespace}), referenced by ${how} of ${who}, is produced by ${describeObject(target.createdBy)} in this bundle`,
        related: [target.related],
      });
  }
  for (const report of produced.values()) if (report) ctx.report(report);
}

/** Key findings for a reference to an object that is present or generated; returns how many. */
function checkKeys(
  ctx: RuleContext,
  ref: ReferenceInfo,
  how: string,
  who: string,
  target: Provided,
): number {
  const kind = ref.kind;
  const keys = target.keys;
  if (keys === undefined) return 0;
  let count = 0;
  // The object is here (or generated): the keys the pod asks for must be in it too.
  const wanted = wantedKeys(ref);
  const origin = target.createdBy ? `created by ${describeObject(target.createdBy)} with ` : '';
  for (const want of wanted) {
    if (keys.has(want.key)) continue;
    ctx.report({
      object: ref.pod.object,
      path: want.path,
      message: `key "${want.key}" is not in ${NOUN[kind]} ${ref.name} (${origin}keys: ${[...keys].join(', ') || 'none'}), referenced by ${how} of ${who}: the container will not start`,
      related: [target.related],
      fix: keyFix(kind, ref.name, want, keys),
    });
    count++;
  }
  return count;
}

/** The keys a reference asks of the object it names (env valueFrom key, volume items). */
function wantedKeys(ref: ReferenceInfo): Array<{ key: string; path: JsonPath }> {
  const parent = ref.path.slice(0, -1);
  const node = asRecord(valueAt(ref.pod.object.raw, parent));
  const wanted: Array<{ key: string; path: JsonPath }> = [];
  if (ref.via === 'env' && asString(node?.key) !== undefined)
    wanted.push({ key: node!.key, path: [...parent, 'key'] });
  if (ref.via === 'volume' || ref.via === 'projected') {
    asArray(node?.items).forEach((item, i) => {
      const key = asString(asRecord(item)?.key);
      if (key !== undefined) wanted.push({ key, path: [...parent, 'items', i, 'key'] });
    });
  }
  return wanted;
}

function isProxyConfig(ctx: RuleContext, ref: ReferenceInfo): boolean {
  const path = JSON.stringify(ref.path);
  return proxiesOf(ctx).some(
    (proxy) =>
      proxy.pod.object === ref.pod.object &&
      proxy.sources.some((source) => JSON.stringify(source.referencePath) === path),
  );
}

/**
 * Did you mean (DESIGN §11, safe): the one object of the kind in the pod's namespace, present or
 * generated, whose name is close to the reference's, and which holds every key the reference
 * asks for (so the rename adds no missing-key error). `accept` may still refuse that one (a
 * proxy's ConfigMap must hold its configuration file): no other name is tried then.
 */
export function nameFix(
  ctx: RuleContext,
  kind: ReferenceKind,
  ref: ReferenceInfo,
  accept: (name: string) => boolean = () => true,
): ReportFix | undefined {
  const names = new Set<string>();
  for (const object of ctx.byKind(kind)) {
    const name = asString(asRecord(object.raw.metadata)?.name);
    if (name !== undefined && namespaceOf(object) === ref.pod.namespace) names.add(name);
  }
  const prefix = `${kind}/${ref.pod.namespace}/`;
  for (const key of generatedBy(ctx).keys()) {
    if (key.startsWith(prefix)) names.add(key.slice(prefix.length));
  }
  const name = closeMatch(ref.name, names);
  if (name === undefined || !accept(name)) return undefined;
  const keys =
    kind === 'PersistentVolumeClaim'
      ? undefined
      : provided(ctx, kind, ref.pod.namespace, name)?.keys;
  if (keys && wantedKeys(ref).some((want) => !keys.has(want.key))) return undefined;
  return {
    description: `Change the ${NOUN[kind]} name "${ref.name}" to "${name}", the ${NOUN[kind]} the bundle has`,
    safety: 'safe',
    edits: [{ set: ref.path, value: name }],
  };
}

/** Did you mean, for a key the object lacks: the one close key it has. */
function keyFix(
  kind: ReferenceKind,
  name: string,
  want: { key: string; path: JsonPath },
  keys: ReadonlySet<string>,
): ReportFix | undefined {
  const key = closeMatch(want.key, keys);
  if (key === undefined) return undefined;
  return {
    description: `Change the key "${want.key}" to "${key}", a key of ${NOUN[kind]} ${name}`,
    safety: 'safe',
    edits: [{ set: want.path, value: key }],
  };
}
