import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
  isValidPathSegmentPrefix,
  maskTrailingDash,
} from '../../../model/name-syntax.js';

/**
 * How the API server checks `metadata.name` (and `metadata.generateName`) per kind: the one table
 * of this rule. `syntax` names the check, `source` the Kubernetes function that applies it
 * (kubernetes/kubernetes `pkg/apis/<group>/validation`, k8s.io/apimachinery
 * `pkg/api/validation`). `check(name, prefix)` is apimachinery's ValidateNameFunc: `prefix` is
 * true for a generateName, which gets maskTrailingDash first.
 */
export interface NameValidation {
  readonly syntax: string;
  readonly source: string;
  readonly check: (name: string, prefix: boolean) => string[];
  /** Create-time checks of the name against the rest of the object (CronJob, Job, PriorityClass). */
  readonly extra?: (name: string, raw: Record<string, unknown>) => string[];
}

const subdomain = (name: string, prefix: boolean) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
const label1123 = (name: string, prefix: boolean) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);
const label1035 = (name: string, prefix: boolean) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);
const pathSegment = (name: string, prefix: boolean) =>
  prefix ? isValidPathSegmentPrefix(name) : isValidPathSegmentName(name);

const DNS_SUBDOMAIN: NameValidation = {
  syntax: 'DNS-1123 subdomain',
  source: 'NameIsDNSSubdomain',
  check: subdomain,
};

const RBAC: NameValidation = {
  syntax: 'path segment name',
  source: 'ValidateRBACName (path.IsValidPathSegmentName)',
  check: pathSegment,
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * ValidateJob: the job strategy copies the name into the pod template label
 * `batch.kubernetes.io/job-name` (unless `manualSelector: true`), whose value must be a label
 * value (≤ 63); an Indexed Job's last pod hostname `<name>-<completions-1>` must be a DNS-1123
 * label ("will not able to create pod with invalid DNS label").
 */
function jobExtra(name: string, raw: Record<string, unknown>): string[] {
  const spec = record(raw.spec);
  const problems: string[] = [];
  if (spec.manualSelector !== true && Buffer.byteLength(name) > 63)
    problems.push(
      `must be no more than 63 characters: it becomes the value of the pod label batch.kubernetes.io/job-name (has ${name.length})`,
    );
  const completions = spec.completions;
  if (
    spec.completionMode === 'Indexed' &&
    typeof completions === 'number' &&
    Number.isInteger(completions) &&
    completions > 0
  ) {
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0)
      problems.push(
        `will not be able to create pods: the last Indexed pod's hostname "${hostname}" is not a DNS-1123 label (at most 63 characters, no dots)`,
      );
  }
  return problems;
}

/** SystemPriorityClasses: the only names allowed to start with "system-". */
const SYSTEM_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

/** `group/kind` → how its name is checked. Kinds not listed (custom resources too) use DNS_SUBDOMAIN. */
export const NAME_VALIDATIONS: ReadonlyMap<string, NameValidation> = new Map<
  string,
  NameValidation
>([
  [
    '/Service',
    {
      syntax: 'DNS-1035 label',
      source: 'ValidateServiceName (NameIsDNS1035Label)',
      check: label1035,
    },
  ],
  [
    '/Namespace',
    {
      syntax: 'DNS-1123 label',
      source: 'ValidateNamespaceName (NameIsDNSLabel)',
      check: label1123,
    },
  ],
  ...(
    [
      ['/Pod', 'ValidatePodName'],
      ['/ConfigMap', 'ValidateConfigMapName'],
      ['/Secret', 'ValidateSecretName'],
      ['/ServiceAccount', 'ValidateServiceAccountName'],
      ['/PersistentVolume', 'ValidatePersistentVolumeName'],
      ['/PersistentVolumeClaim', 'ValidatePersistentVolumeName'],
      ['/ReplicationController', 'ValidateReplicationControllerName'],
      ['apps/Deployment', 'ValidateDeploymentName'],
      ['apps/StatefulSet', 'ValidateStatefulSetName'],
      ['apps/DaemonSet', 'ValidateDaemonSetName'],
      ['apps/ReplicaSet', 'ValidateReplicaSetName'],
      ['networking.k8s.io/Ingress', 'ValidateIngressName'],
      ['networking.k8s.io/NetworkPolicy', 'ValidateNetworkPolicyName'],
      ['autoscaling/HorizontalPodAutoscaler', 'ValidateHorizontalPodAutoscalerName'],
    ] as const
  ).map(([key, source]): [string, NameValidation] => [
    key,
    { ...DNS_SUBDOMAIN, source: `${source} (NameIsDNSSubdomain)` },
  ]),
  ['rbac.authorization.k8s.io/Role', RBAC],
  ['rbac.authorization.k8s.io/ClusterRole', RBAC],
  ['rbac.authorization.k8s.io/RoleBinding', RBAC],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', RBAC],
  [
    'certificates.k8s.io/CertificateSigningRequest',
    { syntax: 'any name', source: 'ValidateCertificateRequestName', check: () => [] },
  ],
  [
    'batch/CronJob',
    {
      ...DNS_SUBDOMAIN,
      source: 'ValidateCronJobCreate (NameIsDNSSubdomain, at most 52)',
      // Its Jobs are named <cronjob>-<11 characters> and must stay a 63-character DNS label.
      extra: (name) =>
        Buffer.byteLength(name) > 52
          ? [`must be no more than 52 characters for a CronJob (has ${name.length})`]
          : [],
    },
  ],
  ['batch/Job', { ...DNS_SUBDOMAIN, source: 'ValidateJob (NameIsDNSSubdomain)', extra: jobExtra }],
  [
    'scheduling.k8s.io/PriorityClass',
    {
      ...DNS_SUBDOMAIN,
      source: 'ValidatePriorityClass (NameIsDNSSubdomain)',
      extra: (name) =>
        name.startsWith('system-') && !SYSTEM_PRIORITY_CLASSES.has(name)
          ? ["priority class names with 'system-' prefix are reserved for system use only"]
          : [],
    },
  ],
]);

/** The name validation of an object's apiVersion and kind. */
export function nameValidationFor(apiVersion: unknown, kind: string): NameValidation {
  const version = typeof apiVersion === 'string' ? apiVersion : '';
  const group = version.includes('/') ? version.slice(0, version.indexOf('/')) : '';
  return NAME_VALIDATIONS.get(`${group}/${kind}`) ?? DNS_SUBDOMAIN;
}
