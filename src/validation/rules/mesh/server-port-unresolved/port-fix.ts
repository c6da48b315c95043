import { closePortName } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type { PodTemplate, PortInfo } from '../../../model/bundle-model.types.js';
import { routedPorts } from '../../../model/service-routing.js';

/**
 * The container port that Service port `number` leads to in `pods`, when the Services selecting
 * them agree on exactly one: what a Service port written where a container port belongs meant.
 */
export function containerPortBehind(
  ctx: RuleContext,
  pods: readonly PodTemplate[],
  number: number,
): number | undefined {
  const found = new Set<number>();
  for (const service of modelOf(ctx).services) {
    for (const port of service.ports) {
      if (port.port !== number) continue;
      for (const pod of pods) {
        if (!service.pods.includes(pod)) continue;
        for (const target of routedPorts(pod, port)) found.add(target.containerPort);
      }
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Did you mean, for a Linkerd Server's port: a close port name the selected containers declare,
 * or for a number, the container port behind the Service port of that number.
 */
export function serverPortFix(
  ctx: RuleContext,
  pods: readonly PodTemplate[],
  ports: readonly PortInfo[],
  port: unknown,
): ReportFix | undefined {
  if (typeof port === 'string') {
    const names = ports.map((p) => p.name).filter((n): n is string => n !== undefined);
    const name = closePortName(port, names);
    if (name === undefined) return undefined;
    return {
      description: `Change port "${port}" to "${name}", a port the selected containers declare`,
      safety: 'safe',
      edits: [{ set: ['spec', 'port'], value: name }],
    };
  }
  if (typeof port !== 'number') return undefined;
  const target = containerPortBehind(ctx, pods, port);
  if (target === undefined) return undefined;
  return {
    description: `Change port ${port} to ${target}, the container port behind Service port ${port}`,
    safety: 'safe',
    edits: [{ set: ['spec', 'port'], value: target }],
  };
}

/** portLevelMtls keyed by a Service port: the key becomes the container port behind it. */
export function portLevelKeyFix(
  ctx: RuleContext,
  pods: readonly PodTemplate[],
  key: string,
  keys: readonly string[],
): ReportFix | undefined {
  const target = containerPortBehind(ctx, pods, Number(key));
  if (target === undefined || keys.includes(String(target))) return undefined;
  return {
    description: `Change portLevelMtls port ${key} to ${target}, the container port behind Service port ${key}`,
    safety: 'safe',
    edits: [{ rename: ['spec', 'portLevelMtls', key], key: String(target) }],
  };
}
