import type { Rule, RuleContext } from '../../../engine/types.js';
import { modelOf } from '../../../model/bundle-model.js';

const EXPOSED: Record<string, string> = {
  NodePort: 'opens a port (30000-32767) on every node of the cluster',
  LoadBalancer: 'asks the cloud provider for an external load balancer (and opens node ports)',
};

function check(ctx: RuleContext): void {
  for (const service of modelOf(ctx).services) {
    const effect = EXPOSED[service.type];
    if (!effect) continue;
    ctx.report({
      object: service.object,
      path: ['spec', 'type'],
      message: `Service ${service.name} has type ${service.type}, which ${effect}; for traffic between workloads inside the cluster use ClusterIP`,
    });
  }
}

export const serviceExposedTypeRule: Rule = {
  id: 'service/exposed-type',
  title: 'Service exposed outside the cluster',
  severity: 'warning',
  category: 'service',
  patterns: ['service-clusterip'],
  description:
    'NodePort and LoadBalancer Services expose pods outside the cluster and add hops. For cluster-internal communication a ClusterIP Service is the right type; external traffic belongs behind an Ingress or Gateway.',
  remediation:
    'Remove spec.type (ClusterIP is the default) for internal traffic. If the Service is meant to be public, silence this rule with the annotation podwire.dev/ignore: service/exposed-type.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
  ],
  check,
};
