import {
  appProbes,
  container,
  JOB_TASK_SECONDS,
  type Json,
  type Probes,
  scratch,
  type Volume,
} from './common.js';
import type { ContainerPlan } from './context.js';

/** The rendered container plus the volumes it brought (its scratch space). */
export interface Party {
  container: Json;
  volumes: Json[];
}

export interface AppOptions {
  portName?: string;
  /** The server binds 127.0.0.1 only (pod-localhost, behind a sidecar proxy). */
  loopbackOnly?: boolean;
  /** Extra podinfo flags when the default image is used. */
  podinfoFlags?: string[];
  mounts?: Json[];
  env?: Json[];
  probes?: Probes;
  /** Several ports (the TLS port next to the probes' port); default: the plan's one port. */
  ports?: Json[];
  /** The pod is a Job's: the default image finishes. */
  finite?: boolean;
}

/**
 * With podwire's default image and no args from the caller, the flags that configure podinfo. In a
 * Job the server runs for a bounded time and the container exits 0, so the Job can complete
 * (podinfo's image is Alpine: `sh` and busybox `timeout` are there; the binary is ./podinfo in its
 * working directory, as podinfo's own chart runs it).
 */
function withDefaultArgs(plan: ContainerPlan, flags: string[], finite: boolean): ContainerPlan {
  if (!plan.defaultImage || plan.args || plan.command) return plan;
  const args = [`--port=${plan.port}`, '--level=info', ...flags];
  if (!finite) return { ...plan, args };
  return {
    ...plan,
    command: ['sh', '-c', `timeout ${JOB_TASK_SECONDS} ./podinfo "$@"; exit 0`, 'podinfo'],
    args,
  };
}

export function appParty(plan: ContainerPlan, options: AppOptions = {}): Party {
  const portName = options.portName ?? 'http';
  const flags = [
    ...(options.loopbackOnly ? ['--host=127.0.0.1'] : []),
    ...(options.podinfoFlags ?? []),
  ];
  const tmp = scratch('app-tmp');
  return {
    container: container({
      name: 'app',
      plan: withDefaultArgs(plan, flags, options.finite ?? false),
      portName,
      ports: options.ports,
      probes: options.probes ?? appProbes(plan, portName, options.loopbackOnly),
      mounts: [tmp.mount, ...(options.mounts ?? [])],
      env: options.env,
    }),
    volumes: [tmp.volume],
  };
}

export interface PeerOptions {
  /** Shell script run by the default busybox peer; in a Job it must end (exit 0 when done). */
  script: string;
  mounts?: Json[];
  env?: Json[];
}

/**
 * The second party of a pod-scoped pattern. It declares a port (with TCP probes) only when the
 * caller gave one: the default peer is a client and serves nothing.
 */
export function peerParty(plan: ContainerPlan, options: PeerOptions): Party {
  const effective: ContainerPlan =
    plan.defaultImage && !plan.command && !plan.args
      ? { ...plan, command: ['sh', '-c', options.script] }
      : plan;
  const tmp: Volume = scratch('peer-tmp');
  return {
    container: container({
      name: 'peer',
      plan: effective,
      portName: 'peer',
      probes: appProbes({ ...plan, defaultImage: false }, 'peer'),
      mounts: [tmp.mount, ...(options.mounts ?? [])],
      env: options.env,
    }),
    volumes: [tmp.volume],
  };
}

/**
 * The default peer's shell loop. In a Job it runs a bounded number of rounds (within
 * JOB_TASK_SECONDS) and exits 0, so the pod can finish; otherwise it runs as long as the pod.
 */
export function loopScript(body: string, sleepSeconds: number, finite: boolean): string {
  if (!finite) return `while true; do ${body}; sleep ${sleepSeconds}; done`;
  const rounds = Math.max(1, Math.floor(JOB_TASK_SECONDS / sleepSeconds));
  return `i=0; while [ $i -lt ${rounds} ]; do ${body}; i=$((i+1)); sleep ${sleepSeconds}; done; exit 0`;
}
