import type { ManifestObject, ObjectRef } from './types.js';

/**
 * Built-in kinds that live outside namespaces (`kubectl api-resources --namespaced=false`, 1.34).
 * Everything else, CRDs included, is treated as namespaced: a wrong guess only changes how a
 * duplicate without a namespace is keyed, never whether an object is valid.
 */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ClusterTrustBundle',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'DeviceClass',
  'FlowSchema',
  'IngressClass',
  'IPAddress',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'ResourceSlice',
  'RuntimeClass',
  'SelfSubjectAccessReview',
  'SelfSubjectReview',
  'SelfSubjectRulesReview',
  'ServiceCIDR',
  'StorageClass',
  'StorageVersionMigration',
  'SubjectAccessReview',
  'TokenReview',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  'VolumeAttributesClass',
]);

/** The API group of an apiVersion: "apps/v1" → "apps", "v1" → "" (core). */
export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function isNamespaced(kind: string | undefined): boolean {
  return kind === undefined || !CLUSTER_SCOPED_KINDS.has(kind);
}

/** `group/kind/namespace/name`, namespace defaulted to "default" for namespaced kinds. */
export function objectKey(ref: ObjectRef): string {
  const namespace = isNamespaced(ref.kind) ? (ref.namespace ?? 'default') : '';
  return `${groupOf(ref.apiVersion)}/${ref.kind ?? ''}/${namespace}/${ref.name ?? ''}`;
}

/** How objects are named in pattern detections and messages: `Kind/namespace/name` or `Kind/name`. */
export function objectLabel(object: ManifestObject): string {
  const { kind = '?', name = '?' } = object.ref;
  return isNamespaced(kind)
    ? `${kind}/${object.ref.namespace ?? 'default'}/${name}`
    : `${kind}/${name}`;
}
