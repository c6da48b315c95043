import type { Rule, RuleContext } from '../../../engine/types.js';
import type { PodTemplate, VolumeInfo } from '../../../model/bundle-model.js';
import { modelOf } from '../../../model/bundle-model.js';
import { onOneNode } from '../../../model/colocation.js';
import { describeObject } from '../../../model/describe.js';
import { asArray, asRecord, asString } from '../../../model/json.js';

interface ClaimUse {
  pod: PodTemplate;
  volume: VolumeInfo;
  readOnly: boolean;
}

const replicasText = (pod: PodTemplate): string =>
  pod.replicas === Number.POSITIVE_INFINITY
    ? 'one pod per node'
    : `${pod.replicas} replica${pod.replicas === 1 ? '' : 's'}`;

function check(ctx: RuleContext): void {
  const model = modelOf(ctx);
  const uses = new Map<string, ClaimUse[]>();
  for (const pod of model.pods) {
    if (pod.replicas === 0) continue;
    for (const volume of pod.volumes) {
      const claim = asRecord(volume.raw.persistentVolumeClaim);
      const claimName = asString(claim?.claimName);
      if (!claim || !claimName) continue;
      const readOnly =
        claim.readOnly === true ||
        (volume.mounts.length > 0 && volume.mounts.every((m) => m.readOnly));
      const key = `${pod.namespace}/${claimName}`;
      uses.set(key, [...(uses.get(key) ?? []), { pod, volume, readOnly }]);
    }
  }
  for (const [key, list] of uses) {
    const pods = list.reduce((n, u) => n + u.pod.replicas, 0);
    if (pods < 2) continue;
    const [namespace, claimName] = [
      list[0].pod.namespace,
      key.slice(list[0].pod.namespace.length + 1),
    ];
    const pvc = model.find('PersistentVolumeClaim', namespace, claimName);
    if (!pvc) continue; // reference/pvc-missing reports it
    const modes = asArray(asRecord(pvc.raw.spec)?.accessModes).filter(
      (m): m is string => typeof m === 'string',
    );
    if (modes.length === 0 || modes.includes('ReadWriteMany')) continue;
    if (modes.includes('ReadOnlyMany') && list.every((u) => u.readOnly)) continue;
    // All its pods required onto one node: ReadWriteOnce attaches there once and serves them all.
    if (modes.includes('ReadWriteOnce') && onOneNode(list.map((u) => u.pod))) continue;
    const users = list
      .map((u) => `${describeObject(u.pod.object)} (${replicasText(u.pod)})`)
      .join(', ');
    const why = modes.includes('ReadWriteOncePod')
      ? 'ReadWriteOncePod admits a single pod: the others stay Pending'
      : 'a ReadWriteOnce volume attaches to one node at a time: pods scheduled elsewhere stay in ContainerCreating';
    for (const use of list) {
      ctx.report({
        object: use.pod.object,
        path: [...use.volume.path, 'persistentVolumeClaim', 'claimName'],
        message: `PersistentVolumeClaim ${claimName} is mounted by ${users} but its accessModes are [${modes.join(', ')}]: ${why}; use ReadWriteMany (with a storage class that supports it) or one claim per replica`,
        related: [
          { object: pvc, path: ['spec', 'accessModes'], message: 'access modes of the claim' },
        ],
      });
    }
  }
}

export const volumePvcAccessModeRule: Rule = {
  id: 'volume/pvc-access-mode',
  title: 'PVC shared by several pods without ReadWriteMany',
  severity: 'error',
  category: 'volume',
  patterns: ['shared-pvc'],
  description:
    'A PersistentVolumeClaim mounted by several pods — several workloads, or one workload with more than one replica — needs the ReadWriteMany access mode (ReadOnlyMany when every mount is read-only). A ReadWriteOnce volume attaches to a single node, so replicas on other nodes never start, unless every pod is required onto one node (a required pod affinity on kubernetes.io/hostname to the same pods); ReadWriteOncePod admits a single pod.',
  remediation:
    'Request ReadWriteMany from a storage class that supports it (NFS, CephFS, EFS, Azure Files…), or give each replica its own claim (StatefulSet volumeClaimTemplates).',
  references: ['https://kubernetes.io/docs/concepts/storage/persistent-volumes/#access-modes'],
  check,
};
