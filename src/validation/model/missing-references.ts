import type { Report, RuleContext } from '../engine/types.js';
import type { ReferenceKind } from './bundle-model.types.js';
import { modelOf } from './bundle-model.js';
import { describeContainer, describePod } from './describe.js';
import { asArray, asRecord, asString, stringMap, valueAt } from './json.js';

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

function keysOf(kind: ReferenceKind, raw: Record<string, unknown>): Set<string> {
  const keys = new Set([
    ...Object.keys(stringMap(raw.data)),
    ...Object.keys(asRecord(raw.binaryData) ?? {}),
  ]);
  if (kind === 'Secret') for (const key of Object.keys(stringMap(raw.stringData))) keys.add(key);
  return keys;
}

/**
 * Shared by reference/configmap-missing, reference/secret-missing and reference/pvc-missing:
 * a non-optional reference to an object of `kind` the bundle lacks (missingReference, so that
 * `scope: partial` downgrades it), or to a key the present object lacks.
 */
export function checkReferences(ctx: RuleContext, kind: ReferenceKind): void {
  for (const ref of modelOf(ctx).references) {
    if (ref.kind !== kind || ref.optional || IMPLICIT[kind].has(ref.name)) continue;
    const who = ref.container ? describeContainer(ref.container) : describePod(ref.pod);
    const how =
      ref.via === 'volume' || ref.via === 'projected'
        ? `volume "${ref.volume?.name}"`
        : ref.via === 'envFrom'
          ? 'envFrom'
          : 'env valueFrom';
    const target = modelOf(ctx).find(kind, ref.pod.namespace, ref.name);
    if (!target) {
      const report: Report = {
        object: ref.pod.object,
        path: ref.path,
        missingReference: true,
        message: `${NOUN[kind]} ${ref.name} (namespace ${ref.pod.namespace}), referenced by ${how} of ${who}, is not in the bundle: the pod will not start until it exists`,
      };
      ctx.report(report);
      continue;
    }
    if (kind === 'PersistentVolumeClaim') continue;
    // The object is here: the keys the pod asks for must be in it too.
    const keys = keysOf(kind, target.raw);
    const parent = ref.path.slice(0, -1);
    const node = asRecord(valueAt(ref.pod.object.raw, parent));
    const wanted: Array<{ key: string; path: ReadonlyArray<string | number> }> = [];
    if (ref.via === 'env' && asString(node?.key) !== undefined)
      wanted.push({ key: node!.key, path: [...parent, 'key'] });
    if (ref.via === 'volume' || ref.via === 'projected') {
      asArray(node?.items).forEach((item, i) => {
        const key = asString(asRecord(item)?.key);
        if (key !== undefined) wanted.push({ key, path: [...parent, 'items', i, 'key'] });
      });
    }
    for (const want of wanted) {
      if (keys.has(want.key)) continue;
      ctx.report({
        object: ref.pod.object,
        path: want.path,
        message: `key "${want.key}" is not in ${NOUN[kind]} ${ref.name} (keys: ${[...keys].join(', ') || 'none'}), referenced by ${how} of ${who}: the container will not start`,
        related: [
          { object: target, path: ['metadata', 'name'], message: `${NOUN[kind]} ${ref.name}` },
        ],
      });
    }
  }
}
