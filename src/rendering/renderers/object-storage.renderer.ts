import { BadRequestError } from '../../common/errors.js';
import {
  container,
  httpGetProbe,
  type Json,
  metadata,
  scratch,
  selectorLabels,
  service,
} from './common.js';
import { type ContainerPlan, IMAGES, type RenderContext } from './context.js';
import type { K8sObject } from './types.js';
import { ordered, type Unit, unit } from './unit.js';

const S3_PORT = 9000;

/**
 * The parties' environment: where the bucket is and the credentials, by Secret reference only.
 * AWS_* are the names every S3 SDK reads; S3_ENDPOINT and S3_BUCKET say where.
 */
function s3Env(ctx: RenderContext, endpoint: string): Json[] {
  const fromSecret = (name: string, key: string): Json => ({
    name,
    valueFrom: { secretKeyRef: { name: ctx.objectStorage.credentialsSecret, key } },
  });
  return [
    { name: 'S3_ENDPOINT', value: endpoint },
    { name: 'S3_BUCKET', value: ctx.objectStorage.bucket },
    fromSecret('AWS_ACCESS_KEY_ID', 'accessKey'),
    fromSecret('AWS_SECRET_ACCESS_KEY', 'secretKey'),
    // mc keeps its configuration under $HOME; the root filesystem is read-only.
    { name: 'MC_CONFIG_DIR', value: '/tmp/.mc' },
  ];
}

/** `mc` reads an alias from MC_HOST_<alias>=scheme://key:secret@host (the keys are alphanumeric). */
const MC_ALIAS =
  'export MC_HOST_store="${S3_ENDPOINT%%://*}://${AWS_ACCESS_KEY_ID}:${AWS_SECRET_ACCESS_KEY}@${S3_ENDPOINT#*://}"';

/** Default scripts: a Job uploads or fetches once and exits; a long-running party repeats. */
function scripts(job: boolean): { producer: string; consumer: string } {
  const wait = 'until mc ls "store/$S3_BUCKET" >/dev/null 2>&1; do sleep 5; done';
  return job
    ? {
        // Bounded like the consumer: MinIO gets 10 minutes to answer, then the Job fails.
        producer: `set -eu; ${MC_ALIAS}; for i in $(seq 120); do mc mb --ignore-existing "store/$S3_BUCKET" && break; [ "$i" -lt 120 ] || exit 1; sleep 5; done; date -u > /tmp/hand-off.txt; mc cp /tmp/hand-off.txt "store/$S3_BUCKET/hand-off/$HOSTNAME.txt"; exit 0`,
        consumer: `set -eu; ${MC_ALIAS}; for i in $(seq 120); do if mc ls "store/$S3_BUCKET/hand-off/" 2>/dev/null | grep -q .; then mc cp --recursive "store/$S3_BUCKET/hand-off/" /tmp/in/; ls -l /tmp/in; exit 0; fi; sleep 5; done; echo "no object arrived in 10 minutes" >&2; exit 1`,
      }
    : {
        producer: `set -eu; ${MC_ALIAS}; until mc mb --ignore-existing "store/$S3_BUCKET"; do sleep 5; done; while true; do date -u > /tmp/hand-off.txt; mc cp /tmp/hand-off.txt "store/$S3_BUCKET/hand-off/$(date +%s).txt"; sleep 60; done`,
        consumer: `set -eu; ${MC_ALIAS}; ${wait}; while true; do mc ls --recursive "store/$S3_BUCKET/hand-off/" || true; sleep 60; done`,
      };
}

/** A party: the caller's image as given, or podwire's `mc` running the default script. */
function party(
  ctx: RenderContext,
  plan: ContainerPlan,
  name: 'app' | 'peer',
  script: string,
  env: Json[],
): { container: Json; volumes: Json[] } {
  const own = !plan.defaultImage;
  const effective: ContainerPlan = own
    ? plan
    : {
        ...plan,
        image: IMAGES.mc,
        port: undefined,
        command: plan.command ?? ['sh', '-c', script],
        args: plan.args,
      };
  const tmp = scratch(`${name}-tmp`);
  return {
    container: container({
      name,
      plan: effective,
      portName: name === 'app' ? 'http' : 'peer',
      env,
      mounts: [tmp.mount],
      probes:
        effective.port !== undefined
          ? {
              readinessProbe: {
                tcpSocket: { port: name === 'app' ? 'http' : 'peer' },
                periodSeconds: 5,
                timeoutSeconds: 2,
                failureThreshold: 3,
              },
              livenessProbe: {
                tcpSocket: { port: name === 'app' ? 'http' : 'peer' },
                periodSeconds: 10,
                timeoutSeconds: 2,
                failureThreshold: 3,
              },
            }
          : {},
    }),
    volumes: [tmp.volume],
  };
}

/** MinIO on a ReadWriteOnce claim, its Service, and the one-off Job that generates its credentials. */
function inCluster(ctx: RenderContext): {
  claims: K8sObject[];
  services: K8sObject[];
  units: Unit[];
  extras: K8sObject[];
  endpoint: string;
} {
  const minioName = `${ctx.name}-minio`;
  const claimName = `${minioName}-data`;
  const secret = ctx.objectStorage.credentialsSecret;
  const endpoint = `http://${minioName}:${S3_PORT}`;
  const claim: K8sObject = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(ctx, claimName, 'storage'),
    spec: {
      accessModes: ['ReadWriteOnce'],
      ...(ctx.storageClassName ? { storageClassName: ctx.storageClassName } : {}),
      resources: { requests: { storage: ctx.storage } },
    },
  };
  const tmp = scratch('minio-tmp');
  const minio = container({
    name: 'minio',
    plan: {
      image: IMAGES.minio,
      defaultImage: true,
      port: S3_PORT,
      command: ['minio'],
      args: ['server', '/data', `--address=:${S3_PORT}`, '--certs-dir=/tmp/certs'],
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
      memoryLimitGiven: false,
      field: 'options.objectStorage',
    },
    portName: 's3',
    env: [
      {
        name: 'MINIO_ROOT_USER',
        valueFrom: { secretKeyRef: { name: secret, key: 'accessKey' } },
      },
      {
        name: 'MINIO_ROOT_PASSWORD',
        valueFrom: { secretKeyRef: { name: secret, key: 'secretKey' } },
      },
      // No usage reports leave the cluster.
      { name: 'MINIO_UPDATE', value: 'off' },
    ],
    probes: {
      startupProbe: { ...httpGetProbe('s3', '/minio/health/live', 2), failureThreshold: 30 },
      readinessProbe: httpGetProbe('s3', '/minio/health/ready', 5),
      livenessProbe: httpGetProbe('s3', '/minio/health/live', 10),
    },
    mounts: [{ name: 'data', mountPath: '/data' }, tmp.mount],
  });
  const server = unit(ctx, {
    workloadName: minioName,
    component: 'storage',
    kind: 'Deployment',
    replicas: 1,
    containers: [minio],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }, tmp.volume],
    ingress: [
      { ports: ['s3'], fromPods: selectorLabels(ctx, 'app') },
      { ports: ['s3'], fromPods: selectorLabels(ctx, 'peer') },
    ],
  });
  // One pod owns a ReadWriteOnce volume: the old pod must stop before the new one mounts it.
  (server.workload.spec as Json).strategy = { type: 'Recreate' };

  // Credentials are generated in the cluster, never written into the manifests.
  const generatorName = `${ctx.name}-s3-credentials`;
  const work = { name: 'work', emptyDir: { sizeLimit: '1Mi', medium: 'Memory' } };
  const generate = container({
    name: 'generate',
    plan: {
      image: IMAGES.peer,
      defaultImage: true,
      command: [
        'sh',
        '-c',
        'set -eu; tr -dc A-Za-z0-9 </dev/urandom | head -c 20 >/work/accessKey; tr -dc A-Za-z0-9 </dev/urandom | head -c 40 >/work/secretKey',
      ],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      memoryLimitGiven: false,
      field: 'options.objectStorage',
    },
    mounts: [{ name: 'work', mountPath: '/work' }],
  });
  const create = container({
    name: 'create-secret',
    plan: {
      image: IMAGES.kubectl,
      defaultImage: true,
      command: [
        'kubectl',
        'create',
        'secret',
        'generic',
        secret,
        '--from-file=accessKey=/work/accessKey',
        '--from-file=secretKey=/work/secretKey',
      ],
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      memoryLimitGiven: false,
      field: 'options.objectStorage',
    },
    // kubectl caches API discovery under $HOME; the root filesystem is read-only.
    env: [{ name: 'HOME', value: '/tmp' }],
    mounts: [{ name: 'work', mountPath: '/work', readOnly: true }, scratch('kubectl-tmp').mount],
  });
  const generator = unit(ctx, {
    workloadName: generatorName,
    component: 'credentials',
    kind: 'Job',
    replicas: 1,
    initContainers: [generate],
    containers: [create],
    volumes: [work, scratch('kubectl-tmp').volume],
    // This pod talks to the API server: it needs its token (the others do not).
    podExtra: { serviceAccountName: generatorName, automountServiceAccountToken: true },
    ingress: [],
  });
  // Kept after completion: re-applying the bundle must not run it again over the existing Secret.
  delete (generator.workload.spec as Json).ttlSecondsAfterFinished;
  // The Job's ServiceAccount comes with its unit; here only what it may do.
  const rbac: K8sObject[] = [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: metadata(ctx, generatorName, 'credentials'),
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: metadata(ctx, generatorName, 'credentials'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: generatorName },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: generatorName,
          ...(ctx.namespace ? { namespace: ctx.namespace } : {}),
        },
      ],
    },
  ];
  ctx.notes.push(
    `MinIO (${IMAGES.minio}) serves the S3 API at ${endpoint}; its data lives on the PVC ${claimName} (${ctx.storage}, ReadWriteOnce, so the MinIO Deployment uses the Recreate strategy).`,
    `The Job ${generatorName} generates random credentials into the Secret ${secret} (keys accessKey, secretKey) once; nothing secret is in these manifests. Its ServiceAccount may only create Secrets in this namespace.`,
    'One MinIO replica is a single point of failure: for production data run MinIO distributed (the MinIO Operator) or use an external service (options.objectStorage.mode: external). The parties use the root credentials here; give each application its own MinIO user and bucket policy.',
    'MinIO serves plain HTTP inside the cluster; give it a certificate (--certs-dir) when traffic must be encrypted.',
  );
  return {
    claims: [claim],
    services: [
      service(ctx, minioName, 'storage', [{ name: 's3', port: S3_PORT, targetPort: 's3' }]),
    ],
    units: [server, generator],
    extras: rbac,
    endpoint,
  };
}

/** A producer and a consumer handing objects over through an S3-compatible bucket. */
export function renderObjectStorage(ctx: RenderContext): K8sObject[] {
  const { mode, credentialsSecret, bucket } = ctx.objectStorage;
  if (mode === 'external' && !ctx.objectStorage.endpoint) {
    throw new BadRequestError('Invalid request: options.objectStorage.endpoint.', [
      {
        field: 'options.objectStorage.endpoint',
        message:
          'is required when options.objectStorage.mode is external (the S3 endpoint, e.g. "https://s3.eu-west-1.amazonaws.com")',
      },
    ]);
  }
  const storage =
    mode === 'in-cluster'
      ? inCluster(ctx)
      : { claims: [], services: [], units: [], extras: [], endpoint: ctx.objectStorage.endpoint! };
  const endpoint = mode === 'in-cluster' ? storage.endpoint : ctx.objectStorage.endpoint!;
  const env = s3Env(ctx, endpoint);
  const { producer, consumer } = scripts(ctx.workload === 'Job');
  const app = party(ctx, ctx.app, 'app', producer, env);
  const peer = party(ctx, ctx.peer!, 'peer', consumer, env);
  const writer = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    primaryPort:
      !ctx.app.defaultImage && ctx.app.port !== undefined
        ? { name: 'http', port: ctx.app.port }
        : undefined,
    ingress: [],
  });
  const reader = unit(ctx, {
    workloadName: `${ctx.name}-peer`,
    component: 'peer',
    containers: [peer.container],
    volumes: peer.volumes,
    primaryPort:
      !ctx.peer!.defaultImage && ctx.peer!.port !== undefined
        ? { name: 'peer', port: ctx.peer!.port }
        : undefined,
    ingress: [],
  });
  ctx.notes.push(
    `The producer (${ctx.name}) and the consumer (${ctx.name}-peer) reach bucket "${bucket}" at ${endpoint} (S3_ENDPOINT, S3_BUCKET) with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the Secret ${credentialsSecret}: any S3 SDK reads them. Objects carry no notification: poll, or announce each key with a message.`,
  );
  if (mode === 'external')
    ctx.notes.push(
      `mode external: no storage is deployed. Create the Secret ${credentialsSecret} with keys accessKey and secretKey (e.g. kubectl create secret generic ${credentialsSecret} --from-literal=accessKey=… --from-literal=secretKey=…); until it exists the pods do not start, and podwire's validator warns (reference/secret-missing).`,
    );
  if (ctx.networkPolicy)
    ctx.notes.push(
      mode === 'in-cluster'
        ? 'The NetworkPolicies admit no ingress to the producer and consumer, and only them to MinIO on its S3 port.'
        : 'The NetworkPolicies admit no ingress: the parties only call out to the bucket.',
    );
  return ordered({
    claims: storage.claims,
    services: storage.services,
    units: [...storage.units, writer, reader],
    extras: storage.extras,
  });
}
