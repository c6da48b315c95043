import type { Rule } from '../engine/types.js';
import { apiDeprecatedRule } from './api/deprecated/deprecated.rule.js';
import { apiNotYetAvailableRule } from './api/not-yet-available/not-yet-available.rule.js';
import { apiRemovedRule } from './api/removed/removed.rule.js';
import { apiUnknownKindRule } from './api/unknown-kind/unknown-kind.rule.js';
import { containerCapabilitiesNotDroppedRule } from './container/capabilities-not-dropped/capabilities-not-dropped.rule.js';
import { containerLatestTagRule } from './container/latest-tag/latest-tag.rule.js';
import { containerMissingReadinessProbeRule } from './container/missing-readiness-probe/missing-readiness-probe.rule.js';
import { containerMissingResourcesRule } from './container/missing-resources/missing-resources.rule.js';
import { containerPrivilegeEscalationRule } from './container/privilege-escalation/privilege-escalation.rule.js';
import { containerPrivilegedRule } from './container/privileged/privileged.rule.js';
import { containerProbePortUnresolvedRule } from './container/probe-port-unresolved/probe-port-unresolved.rule.js';
import { containerRunAsRootRule } from './container/run-as-root/run-as-root.rule.js';
import { containerSeccompUnconfinedRule } from './container/seccomp-unconfined/seccomp-unconfined.rule.js';
import { containerSecretInEnvRule } from './container/secret-in-env/secret-in-env.rule.js';
import { containerWritableRootFsRule } from './container/writable-root-fs/writable-root-fs.rule.js';
import { crdInvalidSchemaRule } from './crd/invalid-schema/invalid-schema.rule.js';
import { customResourceRuleViolationRule } from './custom-resource/rule-violation/rule-violation.rule.js';
import { customResourceSchemaViolationRule } from './custom-resource/schema-violation/schema-violation.rule.js';
import { gatewayListenerConflictRule } from './gateway/listener-conflict/listener-conflict.rule.js';
import { ingressBackendUnresolvedRule } from './ingress/backend-unresolved/backend-unresolved.rule.js';
import { manifestDuplicateObjectRule } from './manifest/duplicate-object/duplicate-object.rule.js';
import { manifestEmptyRule } from './manifest/empty/empty.rule.js';
import { manifestInvalidLabelRule } from './manifest/invalid-label/invalid-label.rule.js';
import { manifestInvalidNameRule } from './manifest/invalid-name/invalid-name.rule.js';
import { manifestMissingTypeRule } from './manifest/missing-type/missing-type.rule.js';
import { manifestUnknownKindRule } from './manifest/unknown-kind/unknown-kind.rule.js';
import { meshDestinationUnresolvedRule } from './mesh/destination-unresolved/destination-unresolved.rule.js';
import { meshMtlsConflictRule } from './mesh/mtls-conflict/mtls-conflict.rule.js';
import { meshPolicySelectsNothingRule } from './mesh/policy-selects-nothing/policy-selects-nothing.rule.js';
import { meshPortProtocolUnknownRule } from './mesh/port-protocol-unknown/port-protocol-unknown.rule.js';
import { meshPrincipalUnresolvedRule } from './mesh/principal-unresolved/principal-unresolved.rule.js';
import { meshServerPortUnresolvedRule } from './mesh/server-port-unresolved/server-port-unresolved.rule.js';
import { meshSubsetNoMatchRule } from './mesh/subset-no-match/subset-no-match.rule.js';
import { networkpolicyPodNotIsolatedRule } from './networkpolicy/pod-not-isolated/pod-not-isolated.rule.js';
import { networkpolicyPortUnresolvedRule } from './networkpolicy/port-unresolved/port-unresolved.rule.js';
import { networkpolicySelectorNoMatchRule } from './networkpolicy/selector-no-match/selector-no-match.rule.js';
import { patternNotImplementedRule } from './pattern/not-implemented/not-implemented.rule.js';
import { podDuplicateContainerNameRule } from './pod/duplicate-container-name/duplicate-container-name.rule.js';
import { podHostNamespaceRule } from './pod/host-namespace/host-namespace.rule.js';
import { podHostNetworkRule } from './pod/host-network/host-network.rule.js';
import { podHostPortRule } from './pod/host-port/host-port.rule.js';
import { podInvalidPortNameRule } from './pod/invalid-port-name/invalid-port-name.rule.js';
import { podInvalidRestartPolicyRule } from './pod/invalid-restart-policy/invalid-restart-policy.rule.js';
import { podMeshReservedPortRule } from './pod/mesh-reserved-port/mesh-reserved-port.rule.js';
import { podPortConflictRule } from './pod/port-conflict/port-conflict.rule.js';
import { podPortNameConflictRule } from './pod/port-name-conflict/port-name-conflict.rule.js';
import { podShareProcessNamespaceRule } from './pod/share-process-namespace/share-process-namespace.rule.js';
import { referenceConfigmapMissingRule } from './reference/configmap-missing/configmap-missing.rule.js';
import { referencePvcMissingRule } from './reference/pvc-missing/pvc-missing.rule.js';
import { referenceSecretMissingRule } from './reference/secret-missing/secret-missing.rule.js';
import { routeBackendUnresolvedRule } from './route/backend-unresolved/backend-unresolved.rule.js';
import { routeParentUnresolvedRule } from './route/parent-unresolved/parent-unresolved.rule.js';
import { routeReferenceNotGrantedRule } from './route/reference-not-granted/reference-not-granted.rule.js';
import { schemaInvalidTypeRule } from './schema/invalid-type/invalid-type.rule.js';
import { schemaInvalidValueRule } from './schema/invalid-value/invalid-value.rule.js';
import { schemaMissingRequiredRule } from './schema/missing-required/missing-required.rule.js';
import { schemaUnknownFieldRule } from './schema/unknown-field/unknown-field.rule.js';
import { serviceExposedTypeRule } from './service/exposed-type/exposed-type.rule.js';
import { serviceHeadlessMismatchRule } from './service/headless-mismatch/headless-mismatch.rule.js';
import { serviceSelectorNoMatchRule } from './service/selector-no-match/selector-no-match.rule.js';
import { serviceTargetPortUnresolvedRule } from './service/target-port-unresolved/target-port-unresolved.rule.js';
import { sidecarAdminExposedRule } from './sidecar/admin-exposed/admin-exposed.rule.js';
import { sidecarBypassRule } from './sidecar/bypass/bypass.rule.js';
import { sidecarConfigMissingRule } from './sidecar/config-missing/config-missing.rule.js';
import { sidecarConfigUnreadableRule } from './sidecar/config-unreadable/config-unreadable.rule.js';
import { sidecarListenPortUndeclaredRule } from './sidecar/listen-port-undeclared/listen-port-undeclared.rule.js';
import { sidecarNotNativeRule } from './sidecar/not-native/not-native.rule.js';
import { sidecarUpstreamUnresolvedRule } from './sidecar/upstream-unresolved/upstream-unresolved.rule.js';
import { volumeDuplicateMountPathRule } from './volume/duplicate-mount-path/duplicate-mount-path.rule.js';
import { volumeEmptydirUnboundedRule } from './volume/emptydir-unbounded/emptydir-unbounded.rule.js';
import { volumeHostPathRule } from './volume/host-path/host-path.rule.js';
import { volumeMemoryUnboundedRule } from './volume/memory-unbounded/memory-unbounded.rule.js';
import { volumeMountUndeclaredRule } from './volume/mount-undeclared/mount-undeclared.rule.js';
import { volumeNoWriterRule } from './volume/no-writer/no-writer.rule.js';
import { volumeNotSharedRule } from './volume/not-shared/not-shared.rule.js';
import { volumePvcAccessModeRule } from './volume/pvc-access-mode/pvc-access-mode.rule.js';
import { volumeUnusedRule } from './volume/unused/unused.rule.js';
import { workloadSelectorMismatchRule } from './workload/selector-mismatch/selector-mismatch.rule.js';
import { yamlDuplicateKeyRule } from './yaml/duplicate-key/duplicate-key.rule.js';
import { yamlSyntaxRule } from './yaml/syntax/syntax.rule.js';

/**
 * Every rule, sorted by id. Explicit on purpose (kube-linter registers by side effect and loses
 * track): add one import above and one entry here, in id order, and the id to `ids.txt`.
 * The meta-test (registry.spec.ts) fails when this list is unsorted or out of step with ids.txt.
 */
export const rules: readonly Rule[] = [
  apiDeprecatedRule,
  apiNotYetAvailableRule,
  apiRemovedRule,
  apiUnknownKindRule,
  containerCapabilitiesNotDroppedRule,
  containerLatestTagRule,
  containerMissingReadinessProbeRule,
  containerMissingResourcesRule,
  containerPrivilegeEscalationRule,
  containerPrivilegedRule,
  containerProbePortUnresolvedRule,
  containerRunAsRootRule,
  containerSeccompUnconfinedRule,
  containerSecretInEnvRule,
  containerWritableRootFsRule,
  crdInvalidSchemaRule,
  customResourceRuleViolationRule,
  customResourceSchemaViolationRule,
  gatewayListenerConflictRule,
  ingressBackendUnresolvedRule,
  manifestDuplicateObjectRule,
  manifestEmptyRule,
  manifestInvalidLabelRule,
  manifestInvalidNameRule,
  manifestMissingTypeRule,
  manifestUnknownKindRule,
  meshDestinationUnresolvedRule,
  meshMtlsConflictRule,
  meshPolicySelectsNothingRule,
  meshPortProtocolUnknownRule,
  meshPrincipalUnresolvedRule,
  meshServerPortUnresolvedRule,
  meshSubsetNoMatchRule,
  networkpolicyPodNotIsolatedRule,
  networkpolicyPortUnresolvedRule,
  networkpolicySelectorNoMatchRule,
  patternNotImplementedRule,
  podDuplicateContainerNameRule,
  podHostNamespaceRule,
  podHostNetworkRule,
  podHostPortRule,
  podInvalidPortNameRule,
  podInvalidRestartPolicyRule,
  podMeshReservedPortRule,
  podPortConflictRule,
  podPortNameConflictRule,
  podShareProcessNamespaceRule,
  referenceConfigmapMissingRule,
  referencePvcMissingRule,
  referenceSecretMissingRule,
  routeBackendUnresolvedRule,
  routeParentUnresolvedRule,
  routeReferenceNotGrantedRule,
  schemaInvalidTypeRule,
  schemaInvalidValueRule,
  schemaMissingRequiredRule,
  schemaUnknownFieldRule,
  serviceExposedTypeRule,
  serviceHeadlessMismatchRule,
  serviceSelectorNoMatchRule,
  serviceTargetPortUnresolvedRule,
  sidecarAdminExposedRule,
  sidecarBypassRule,
  sidecarConfigMissingRule,
  sidecarConfigUnreadableRule,
  sidecarListenPortUndeclaredRule,
  sidecarNotNativeRule,
  sidecarUpstreamUnresolvedRule,
  volumeDuplicateMountPathRule,
  volumeEmptydirUnboundedRule,
  volumeHostPathRule,
  volumeMemoryUnboundedRule,
  volumeMountUndeclaredRule,
  volumeNoWriterRule,
  volumeNotSharedRule,
  volumePvcAccessModeRule,
  volumeUnusedRule,
  workloadSelectorMismatchRule,
  yamlDuplicateKeyRule,
  yamlSyntaxRule,
];

const byId = new Map(rules.map((rule) => [rule.id, rule]));

/** The rule with this id, if registered. */
export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
