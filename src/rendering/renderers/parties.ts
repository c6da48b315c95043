import { appProbes, container, type Json, type Probes, scratch, type Volume } from './common.js';
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
}

/** With podwire's default image and no args from the caller, the flags that configure podinfo. */
function withDefaultArgs(plan: ContainerPlan, flags: string[]): ContainerPlan {
  if (!plan.defaultImage || plan.args || plan.command) return plan;
  return { ...plan, args: [`--port=${plan.port}`, '--level=info', ...flags] };
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
      plan: withDefaultArgs(plan, flags),
      portName,
      probes: options.probes ?? appProbes(plan, portName, options.loopbackOnly),
      mounts: [tmp.mount, ...(options.mounts ?? [])],
      env: options.env,
    }),
    volumes: [tmp.volume],
  };
}

export interface PeerOptions {
  /** Shell script run by the default busybox peer. */
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
