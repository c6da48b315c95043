import {
  CHECKSUM_ANNOTATION,
  checksum,
  configMap,
  container,
  httpGetProbe,
  jobNote,
  type Json,
  labels,
  metadata,
  networkPolicy,
  podSpec,
  scratch,
  selectorLabels,
} from './common.js';
import { IMAGES, type RenderContext } from './context.js';
import { appParty } from './parties.js';
import type { K8sObject } from './types.js';
import { ordered, unit } from './unit.js';

const HTTP_PORT = 2020;
/** Where the kubelet keeps every container's stdout/stderr (links into /var/log/pods). */
const LOG_DIR = '/var/log';

function fluentBitConfig(agentName: string): string {
  return [
    '[SERVICE]',
    '    Flush         5',
    '    Log_Level     info',
    '    HTTP_Server   On',
    '    HTTP_Listen   0.0.0.0',
    `    HTTP_Port     ${HTTP_PORT}`,
    '    Health_Check  On',
    '',
    '[INPUT]',
    '    Name              tail',
    '    Tag               kube.*',
    '    Path              /var/log/containers/*.log',
    // The agent's own output must not be read back in (the default output is its stdout).
    `    Exclude_Path      /var/log/containers/${agentName}-*.log`,
    '    multiline.parser  cri, docker',
    '    DB                /var/fluent-bit/state/tail.db',
    '    Mem_Buf_Limit     32MB',
    '    Skip_Long_Lines   On',
    '    Refresh_Interval  10',
    '',
    '[FILTER]',
    '    Name                kubernetes',
    '    Match               kube.*',
    '    Merge_Log           On',
    '    Keep_Log            Off',
    '    K8S-Logging.Parser  On',
    '    K8S-Logging.Exclude On',
    '',
    '# Replace with your backend (loki, es, opentelemetry, forward …).',
    '[OUTPUT]',
    '    Name    stdout',
    '    Match   kube.*',
    '    Format  json_lines',
    '',
  ].join('\n');
}

/** A Fluent Bit DaemonSet reading every container's stdout logs from the node, next to an app left as it is. */
export function renderNodeAgent(ctx: RenderContext): K8sObject[] {
  const agentName = `${ctx.name}-agent`;
  const data = { 'fluent-bit.conf': fluentBitConfig(agentName) };
  const tmp = scratch('agent-tmp');
  const state = scratch('state', '/var/fluent-bit/state');
  const agent = container({
    name: 'fluent-bit',
    plan: {
      image: IMAGES.fluentBit,
      defaultImage: true,
      port: HTTP_PORT,
      command: ['/fluent-bit/bin/fluent-bit'],
      args: ['--config=/fluent-bit/config/fluent-bit.conf'],
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
      memoryLimitGiven: false,
      field: 'node-agent',
    },
    portName: 'http',
    probes: {
      readinessProbe: httpGetProbe('http', '/api/v1/health', 10),
      livenessProbe: httpGetProbe('http', '/', 10),
    },
    mounts: [
      { name: 'config', mountPath: '/fluent-bit/config', readOnly: true },
      { name: 'varlog', mountPath: LOG_DIR, readOnly: true },
      state.mount,
      tmp.mount,
    ],
  });
  const spec = podSpec('Deployment', {
    containers: [agent],
    volumes: [
      { name: 'config', configMap: { name: agentName } },
      // Read-only: the agent reads what the kubelet writes and changes nothing on the node.
      { name: 'varlog', hostPath: { path: LOG_DIR, type: 'Directory' } },
      state.volume,
      tmp.volume,
    ],
    extra: {
      serviceAccountName: agentName,
      // The kubernetes filter looks up each Pod's labels and annotations in the API.
      automountServiceAccountToken: true,
      tolerations: [{ operator: 'Exists' }],
    },
  });
  // containerd writes the log files 0640 root:root: membership of group 0 lets a non-root agent
  // read them, without running as root or adding a capability (the mount is read-only).
  (spec.securityContext as Json).supplementalGroups = [0];
  const daemonSet: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: metadata(ctx, agentName, 'agent'),
    spec: {
      selector: { matchLabels: selectorLabels(ctx, 'agent') },
      template: {
        metadata: {
          labels: labels(ctx, 'agent'),
          annotations: { [CHECKSUM_ANNOTATION]: checksum(data) },
        },
        spec,
      },
    },
  };
  const rbac: K8sObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: metadata(ctx, agentName, 'agent'),
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: agentName, labels: labels(ctx, 'agent') },
      rules: [
        { apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: agentName, labels: labels(ctx, 'agent') },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: agentName },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: agentName,
          namespace: ctx.namespace ?? 'default',
        },
      ],
    },
  ];

  // The application as it is: it writes to stdout, nothing is added to its pods.
  const app = appParty(ctx.app, { finite: ctx.workload === 'Job' });
  const appUnit = unit(ctx, {
    workloadName: ctx.name,
    component: 'app',
    containers: [app.container],
    volumes: app.volumes,
    primaryPort: ctx.app.port !== undefined ? { name: 'http', port: ctx.app.port } : undefined,
    ingress: [],
  });
  const agentPolicy = ctx.networkPolicy ? [networkPolicy(ctx, agentName, 'agent', [])] : [];

  ctx.notes.push(
    `The DaemonSet ${agentName} runs Fluent Bit (${IMAGES.fluentBit}) on every node (it tolerates every taint) and tails /var/log/containers/*.log, the stdout/stderr of every container on the node; the kubernetes filter adds each Pod's namespace, labels and annotations. The app pods are unchanged: they only write to stdout.`,
    `The node's ${LOG_DIR} is mounted read-only through hostPath. hostPath is outside the Pod Security Standards baseline and restricted levels: apply the agent in a namespace of its own labelled pod-security.kubernetes.io/enforce: privileged (the app can stay in a restricted one).`,
    'The agent runs as user 10001 with all capabilities dropped; supplementalGroups [0] (the root group) lets it read the log files, which containerd writes 0640 root:root. A runtime that writes them 0600 (check yours) needs the agent to run as root.',
    'The [OUTPUT] writes the records to the agent’s own stdout (its own log files are excluded from the input): replace it with your backend (Loki, Elasticsearch, OpenTelemetry, forward).',
    'Read positions are kept in an emptyDir (/var/fluent-bit/state): they survive container restarts, not a new pod, which re-reads the current files.',
  );
  if (!ctx.namespace)
    ctx.notes.push(
      `The ClusterRoleBinding names the ServiceAccount in namespace "default": set namespace to where you apply the agent.`,
    );
  if (ctx.networkPolicy)
    ctx.notes.push(
      `The agent's NetworkPolicy admits no ingress (the kubelet's probes still reach port ${HTTP_PORT}); admit your metrics scraper there if you collect Fluent Bit's own metrics.`,
    );
  jobNote(ctx);
  return ordered({
    configMaps: [configMap(ctx, agentName, 'agent', data)],
    units: [appUnit],
    extras: [...rbac, daemonSet, ...agentPolicy],
  });
}
