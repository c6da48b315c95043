import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';
import { podOwnersIn } from '../../../model/custom-resources.js';
import { describeObject, describeOwners } from '../../../model/describe.js';
import { selectorValueFix } from '../../selector-fix.js';

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  for (const service of model.services) {
    // no selector: endpoints are managed by hand (or ExternalName); nothing to match
    if (!service.selector || service.type === 'ExternalName' || service.pods.length > 0) continue;
    const sameNamespace = model.pods.filter((p) => p.namespace === service.namespace);
    const candidates =
      sameNamespace.length === 0
        ? `the bundle has no pod template in namespace ${service.namespace}`
        : `pod template labels in namespace ${service.namespace}: ${sameNamespace
            .slice(0, 5)
            .map((p) => `${describeObject(p.object)} ${JSON.stringify(p.labels)}`)
            .join(
              '; ',
            )}${sameNamespace.length > 5 ? `; and ${sameNamespace.length - 5} more` : ''}`;
    const owners = podOwnersIn(ctx, service.namespace);
    if (owners.length > 0) {
      // An operator may make the selected pods from a custom resource of the bundle: not an error.
      ctx.report({
        object: service.object,
        path: ['spec', 'selector'],
        severity: 'info',
        message: `the selector ${JSON.stringify(service.selector)} of Service ${service.name} matches no pod template of the bundle; ${describeOwners(owners)} in namespace ${service.namespace} may have an operator create the pods it selects`,
        related: owners.slice(0, 3).map((owner) => ({
          object: owner,
          path: ['metadata', 'name'],
          message: `${describeObject(owner)} may own the selected pods`,
        })),
      });
      continue;
    }
    ctx.report({
      object: service.object,
      path: ['spec', 'selector'],
      message: `the selector ${JSON.stringify(service.selector)} of Service ${service.name} matches no pod template (${candidates}): the Service has no endpoints`,
      missingReference: true,
      fix: selectorValueFix(service.selector, ['spec', 'selector'], sameNamespace),
    });
  }
}

export const serviceSelectorNoMatchRule: Rule = {
  id: 'service/selector-no-match',
  title: 'Service selector matches no pod',
  severity: 'error',
  category: 'service',
  patterns: ['service-clusterip', 'service-headless', 'sidecar-proxy', 'message-broker'],
  description:
    'A Service sends traffic to the pods its label selector matches in its own namespace. A selector that matches no pod template of the bundle leaves the Service without endpoints: clients get connection refused or time-outs.',
  remediation:
    'Make every key/value of spec.selector appear in the pod template labels of the workload (same namespace). With scope: partial a workload outside the bundle may match; the finding is then only info. When custom resources in the same namespace may have an operator create the pods (as the Alertmanager and Prometheus resources of kube-prometheus do), it is info too.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
    'https://docs.kubelinter.io/#/generated/checks?id=dangling-service',
  ],
  check,
};
