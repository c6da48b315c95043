import type { JsonPath } from '../../engine/types.js';
import { asArray, asRecord, asString, isPortNumber } from '../json.js';
import type { BackendRefInfo, CertificateRefInfo, ParentRefInfo } from './types.js';
import { GATEWAY_GROUP } from './types.js';

/** `core` is accepted as a spelling of the core group "" (Gateway API `Group` type). */
export function normaliseGroup(group: unknown, fallback: string): string {
  const value = asString(group);
  if (value === undefined) return fallback;
  return value === 'core' ? '' : value;
}

/** ParentReference: group defaults to gateway.networking.k8s.io, kind to Gateway. */
export function readParentRefs(spec: Record<string, any>, namespace: string): ParentRefInfo[] {
  const out: ParentRefInfo[] = [];
  asArray(spec.parentRefs).forEach((item, index) => {
    const ref = asRecord(item);
    const name = asString(ref?.name);
    if (!ref || !name) return;
    const ns = asString(ref.namespace) || namespace;
    out.push({
      group: normaliseGroup(ref.group, GATEWAY_GROUP),
      kind: asString(ref.kind) ?? 'Gateway',
      namespace: ns,
      crossNamespace: ns !== namespace,
      name,
      sectionName: asString(ref.sectionName),
      port: isPortNumber(ref.port) ? ref.port : undefined,
      path: ['spec', 'parentRefs', index],
    });
  });
  return out;
}

/** BackendObjectReference: group defaults to "" and kind to Service. */
function backendRef(raw: unknown, path: JsonPath, namespace: string): BackendRefInfo | undefined {
  const ref = asRecord(raw);
  const name = asString(ref?.name);
  if (!ref || !name) return undefined;
  const ns = asString(ref.namespace) || namespace;
  return {
    group: normaliseGroup(ref.group, ''),
    kind: asString(ref.kind) ?? 'Service',
    namespace: ns,
    crossNamespace: ns !== namespace,
    name,
    port: isPortNumber(ref.port) ? ref.port : undefined,
    path,
  };
}

/** requestMirror filters send a copy of the traffic to a backendRef of their own. */
function mirrorRefs(filters: unknown, path: JsonPath, namespace: string): BackendRefInfo[] {
  const out: BackendRefInfo[] = [];
  asArray(filters).forEach((item, f) => {
    const mirror = asRecord(asRecord(item)?.requestMirror);
    const ref = backendRef(
      mirror?.backendRef,
      [...path, f, 'requestMirror', 'backendRef'],
      namespace,
    );
    if (ref) out.push(ref);
  });
  return out;
}

/** Every backendRef of `spec.rules[]`, including requestMirror filters (rule and backend level). */
export function readBackendRefs(spec: Record<string, any>, namespace: string): BackendRefInfo[] {
  const out: BackendRefInfo[] = [];
  asArray(spec.rules).forEach((item, r) => {
    const rule = asRecord(item);
    if (!rule) return;
    const rulePath = ['spec', 'rules', r];
    asArray(rule.backendRefs).forEach((b, i) => {
      const ref = backendRef(b, [...rulePath, 'backendRefs', i], namespace);
      if (ref) out.push(ref);
      const filters = asRecord(b)?.filters;
      out.push(...mirrorRefs(filters, [...rulePath, 'backendRefs', i, 'filters'], namespace));
    });
    out.push(...mirrorRefs(rule.filters, [...rulePath, 'filters'], namespace));
  });
  return out;
}

/** SecretObjectReference of a listener's tls.certificateRefs: group "", kind Secret. */
export function readCertificateRefs(
  tls: unknown,
  path: JsonPath,
  namespace: string,
): CertificateRefInfo[] {
  const out: CertificateRefInfo[] = [];
  asArray(asRecord(tls)?.certificateRefs).forEach((item, i) => {
    const ref = asRecord(item);
    const name = asString(ref?.name);
    if (!ref || !name) return;
    const ns = asString(ref.namespace) || namespace;
    out.push({
      group: normaliseGroup(ref.group, ''),
      kind: asString(ref.kind) ?? 'Secret',
      namespace: ns,
      crossNamespace: ns !== namespace,
      name,
      path: [...path, 'tls', 'certificateRefs', i],
    });
  });
  return out;
}
