import { closeMatch } from '../../../engine/fix/did-you-mean.js';
import type { ReportFix } from '../../../engine/fix/edit.js';
import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import type { BundleModel, PodTemplate } from '../../../model/bundle-model.types.js';
import { describeObject } from '../../../model/describe.js';
import { asRecord, asString } from '../../../model/json.js';

/**
 * Did you mean: the one headless Service of the namespace, selecting the StatefulSet's pods,
 * whose name is close to serviceName (a Service that does not select them would give its pods no
 * DNS records either, so it is no candidate).
 */
function serviceNameFix(
  model: BundleModel,
  pod: PodTemplate,
  serviceName: string,
): ReportFix | undefined {
  const names = model.services
    .filter((s) => s.namespace === pod.namespace && s.headless && s.pods.includes(pod))
    .map((s) => s.name);
  const name = closeMatch(serviceName, names);
  if (name === undefined) return undefined;
  return {
    description: `Change serviceName "${serviceName}" to "${name}", the headless Service that selects these pods`,
    safety: 'safe',
    edits: [{ set: ['spec', 'serviceName'], value: name }],
  };
}

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const pod of model.pods) {
    if (pod.kind !== 'StatefulSet') continue;
    const serviceName = asString(asRecord(pod.object.raw.spec)?.serviceName);
    if (!serviceName) continue;
    const what = describeObject(pod.object);
    const service = model.services.find(
      (s) => s.namespace === pod.namespace && s.name === serviceName,
    );
    if (!service) {
      ctx.report({
        object: pod.object,
        path: ['spec', 'serviceName'],
        message: `serviceName "${serviceName}" of ${what} names no Service in namespace ${pod.namespace}: the pods get no stable DNS names (<pod>.${serviceName}.${pod.namespace}.svc)`,
        missingReference: true,
        fix: serviceNameFix(model, pod, serviceName),
      });
    } else if (!service.headless) {
      ctx.report({
        object: pod.object,
        path: ['spec', 'serviceName'],
        message: `serviceName "${serviceName}" of ${what} names Service ${service.name}, which is not headless (spec.clusterIP is not None): the pods get no per-pod DNS records`,
        related: [
          { object: service.object, path: ['spec'], at: 'key', message: `Service ${service.name}` },
        ],
      });
    }
  }
}

export const serviceHeadlessMismatchRule: Rule = {
  id: 'service/headless-mismatch',
  title: 'StatefulSet serviceName names no headless Service',
  severity: 'error',
  category: 'service',
  patterns: ['service-headless'],
  description:
    "A StatefulSet's pods get stable DNS names ($(pod).$(serviceName).$(namespace).svc) only through the headless Service (clusterIP: None) named by spec.serviceName. A missing or non-headless Service silently breaks peer discovery.",
  remediation:
    'Add a Service with clusterIP: None whose name equals spec.serviceName and whose selector matches the StatefulSet pods (a separate ClusterIP Service may serve clients).',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
    'https://kubernetes.io/docs/concepts/services-networking/service/#headless-services',
  ],
  check,
};
