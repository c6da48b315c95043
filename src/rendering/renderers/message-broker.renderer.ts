import { BadRequestError } from '../../common/errors.js';
import {
  CHECKSUM_ANNOTATION,
  checksum,
  configMap,
  container,
  httpGetProbe,
  jobNote,
  scratch,
  selectorLabels,
  service,
} from './common.js';
import type { ContainerPlan, RenderContext } from './context.js';
import { appParty } from './parties.js';
import { quantityValue } from './quantity.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

const MONITOR_PORT = 8222;

function natsConfig(plan: ContainerPlan, storage: string): string {
  // Without explicit limits JetStream sizes itself from the node's memory and disk, not the pod's.
  const fileStore = Math.floor(quantityValue(storage) * 0.9);
  const memoryStore = Math.floor(quantityValue(plan.resources.limits.memory) / 4);
  return [
    'server_name: $POD_NAME',
    `listen: 0.0.0.0:${plan.port}`,
    `http: 0.0.0.0:${MONITOR_PORT}`,
    '',
    'jetstream {',
    '  store_dir: /data',
    `  max_memory_store: ${memoryStore}`,
    `  max_file_store: ${fileStore}`,
    '}',
    '',
  ].join('\n');
}

/** A minimal NATS JetStream broker (StatefulSet + headless Service) and a client wired to it. */
export function renderMessageBroker(ctx: RenderContext): K8sObject[] {
  const broker = ctx.peer!;
  const clientPort = broker.port ?? 4222;
  if (clientPort === MONITOR_PORT) {
    throw new BadRequestError('Invalid request: containers.peer.port.', [
      {
        field: 'containers.peer.port',
        message: `must not be ${MONITOR_PORT}: the broker serves its monitoring endpoint there`,
      },
    ]);
  }
  const base = broker.image
    .replace(/@.*$/, '')
    .replace(/:[^/:]*$/, '')
    .split('/')
    .pop();
  if (base !== 'nats' && base !== 'nats-server') {
    throw new BadRequestError('Invalid request: containers.peer.image.', [
      {
        field: 'containers.peer.image',
        message:
          'must be a NATS server image (e.g. "nats:2.10-alpine"): message-broker renders a NATS JetStream configuration',
      },
    ]);
  }
  const brokerName = `${ctx.name}-nats`;
  const url = `nats://${brokerName}:${clientPort}`;
  const data = { 'nats.conf': natsConfig({ ...broker, port: clientPort }, ctx.storage) };
  const goMemLimitMiB = Math.floor((quantityValue(broker.resources.limits.memory) * 0.9) / 2 ** 20);

  const brokerPlan: ContainerPlan =
    broker.defaultImage && !broker.command && !broker.args
      ? { ...broker, command: ['nats-server'], args: ['--config', '/etc/nats/nats.conf'] }
      : broker;
  const tmp = scratch('nats-tmp');
  const nats = container({
    name: 'nats',
    plan: brokerPlan,
    ports: [
      { name: 'client', containerPort: clientPort, protocol: 'TCP' },
      { name: 'monitor', containerPort: MONITOR_PORT, protocol: 'TCP' },
    ],
    env: [
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      // The Go runtime collects garbage harder before the container reaches its memory limit.
      { name: 'GOMEMLIMIT', value: `${goMemLimitMiB}MiB` },
    ],
    probes: {
      startupProbe: { ...httpGetProbe('monitor', '/healthz', 2), failureThreshold: 30 },
      readinessProbe: httpGetProbe('monitor', '/healthz?js-server-only=true', 5),
      livenessProbe: httpGetProbe('monitor', '/healthz?js-enabled-only=true', 10),
    },
    mounts: [
      { name: 'config', mountPath: '/etc/nats', readOnly: true },
      { name: 'data', mountPath: '/data' },
      tmp.mount,
    ],
  });
  const brokerUnit = unit(ctx, {
    workloadName: brokerName,
    component: 'broker',
    kind: 'StatefulSet',
    replicas: 1,
    serviceName: brokerName,
    containers: [nats],
    volumes: [{ name: 'config', configMap: { name: brokerName } }, tmp.volume],
    podAnnotations: { [CHECKSUM_ANNOTATION]: checksum(data) },
    volumeClaimTemplates: [
      {
        metadata: { name: 'data' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          ...(ctx.storageClassName ? { storageClassName: ctx.storageClassName } : {}),
          resources: { requests: { storage: ctx.storage } },
        },
      },
    ],
    ingress: [{ ports: ['client'], fromPods: selectorLabels(ctx, 'app') }],
  });

  const app = appParty(ctx.app, {
    env: [{ name: 'NATS_URL', value: url }],
    finite: ctx.workload === 'Job',
  });
  const client = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    primaryPort: ctx.app.port !== undefined ? { name: 'http', port: ctx.app.port } : undefined,
    ingress: [],
  });

  ctx.notes.push(
    `The client reaches the broker at ${url} (NATS_URL). The headless Service ${brokerName} resolves to the broker pod; its stable name is ${brokerName}-0.${brokerName}.`,
    `JetStream stores streams on the PVC "data" (${ctx.storage}, ReadWriteOnce) and gives at-least-once delivery; core NATS alone is at-most-once.`,
    'One broker replica keeps this minimal; for high availability run 3 with cluster routes (the official NATS Helm chart does this).',
  );
  if (ctx.networkPolicy)
    ctx.notes.push(
      `The broker's NetworkPolicy admits only the client pods, on port ${clientPort}.`,
    );
  jobNote(ctx);
  return ordered({
    configMaps: [configMap(ctx, brokerName, 'broker', data)],
    services: [
      service(
        ctx,
        brokerName,
        'broker',
        [{ name: 'client', port: clientPort, targetPort: 'client' }],
        true,
      ),
    ],
    units: [brokerUnit, client],
  });
}
