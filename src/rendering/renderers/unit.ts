import {
  governingService,
  type IngressRule,
  type Json,
  networkPolicy,
  podSpec,
  serviceAccount,
  workload,
} from './common.js';
import type { RenderContext } from './context.js';
import type { K8sObject, WorkloadKind } from './types.js';

/** One group of identical pods: a workload, its StatefulSet headless Service, its NetworkPolicy. */
export interface UnitInput {
  workloadName: string;
  component: string;
  containers: Json[];
  initContainers?: Json[];
  volumes?: Json[];
  podAnnotations?: Record<string, string>;
  podLabels?: Record<string, string>;
  podExtra?: Json;
  /** The port a StatefulSet's governing headless Service publishes. */
  primaryPort?: { name: string; port: number };
  /** The pattern's own headless Service, when it has one (else `<workload>-headless` is rendered). */
  serviceName?: string;
  /** Who may connect in; empty: nobody (intra-pod patterns). */
  ingress: IngressRule[];
  policyAnnotations?: Record<string, string>;
  kind?: WorkloadKind;
  replicas?: number;
  indexed?: boolean;
  volumeClaimTemplates?: Json[];
}

export interface Unit {
  /** The workload's own ServiceAccount. */
  accounts: K8sObject[];
  workload: K8sObject;
  /** Governing headless Service of a StatefulSet, when the pattern did not provide one. */
  services: K8sObject[];
  policies: K8sObject[];
}

export function unit(ctx: RenderContext, input: UnitInput): Unit {
  const kind = input.kind ?? ctx.workload;
  // Every workload runs as its own ServiceAccount, so RBAC and mesh identities can tell them apart.
  // The mesh renderer manages its accounts itself (they are its workload identities).
  const ownAccount = ctx.pattern !== 'service-mesh';
  const spec = podSpec(kind, {
    containers: input.containers,
    initContainers: input.initContainers,
    volumes: input.volumes,
    extra: {
      ...(ownAccount ? { serviceAccountName: input.workloadName } : {}),
      ...(input.podExtra ?? {}),
    },
  });
  const services: K8sObject[] = [];
  if (kind === 'StatefulSet' && input.serviceName === undefined) {
    services.push(governingService(ctx, input.workloadName, input.component, input.primaryPort));
  }
  const object = workload(ctx, {
    kind,
    name: input.workloadName,
    component: input.component,
    replicas: input.replicas ?? ctx.replicas,
    spec,
    podAnnotations: input.podAnnotations,
    podLabels: input.podLabels,
    serviceName: input.serviceName,
    volumeClaimTemplates: input.volumeClaimTemplates,
    indexed: input.indexed,
  });
  const policies = ctx.networkPolicy
    ? [
        networkPolicy(
          ctx,
          input.workloadName,
          input.component,
          input.ingress,
          input.policyAnnotations,
        ),
      ]
    : [];
  const accounts = ownAccount ? [serviceAccount(ctx, input.workloadName, input.component)] : [];
  return { accounts, workload: object, services, policies };
}

/** Objects in apply order: config and storage first, then Services, workloads, policies. */
export function ordered(groups: {
  namespaces?: K8sObject[];
  configMaps?: K8sObject[];
  claims?: K8sObject[];
  services?: K8sObject[];
  units: Unit[];
  extras?: K8sObject[];
}): K8sObject[] {
  return [
    ...(groups.namespaces ?? []),
    ...groups.units.flatMap((u) => u.accounts),
    ...(groups.configMaps ?? []),
    ...(groups.claims ?? []),
    ...(groups.services ?? []),
    ...groups.units.flatMap((u) => u.services),
    ...groups.units.map((u) => u.workload),
    ...groups.units.flatMap((u) => u.policies),
    ...(groups.extras ?? []),
  ];
}
