import type {
  ContainerInfo,
  PodTemplate,
  ReferenceInfo,
  ReferenceKind,
  VolumeInfo,
} from './bundle-model.types.js';
import { asArray, asRecord, asString } from './json.js';
import { claimTemplateNames } from './volumes.js';

/** References a pod template makes to ConfigMaps, Secrets and PVCs (volumes, projected, envFrom, env). */
export function referencesOf(pod: PodTemplate): ReferenceInfo[] {
  const refs: ReferenceInfo[] = [];
  const push = (ref: Omit<ReferenceInfo, 'pod'>): void => {
    if (ref.name !== '') refs.push({ ...ref, pod });
  };

  // The StatefulSet controller replaces a pod volume named like one of the volumeClaimTemplates by
  // that template's claim (<template>-<set>-<ordinal>): whatever the template wrote there is no
  // reference (Kubernetes examples' CockroachDB StatefulSet names its claim "datadir" twice).
  const claimed = claimTemplateNames(pod);
  for (const volume of pod.volumes) if (!claimed.has(volume.name)) volumeReferences(volume, push);
  for (const container of pod.containers) containerReferences(container, push);
  return refs;
}

type Push = (ref: Omit<ReferenceInfo, 'pod'>) => void;

function volumeReferences(volume: VolumeInfo, push: Push): void {
  const { raw, path } = volume;
  // Direct volume sources: [volume field, field naming the object, kind]. PVCs have no `optional`.
  const sources: Array<[string, string, ReferenceKind]> = [
    ['configMap', 'name', 'ConfigMap'],
    ['secret', 'secretName', 'Secret'],
    ['persistentVolumeClaim', 'claimName', 'PersistentVolumeClaim'],
  ];
  for (const [field, nameField, kind] of sources) {
    const source = asRecord(raw[field]);
    const name = asString(source?.[nameField]);
    if (source && name !== undefined) {
      push({
        kind,
        name,
        optional: kind !== 'PersistentVolumeClaim' && source.optional === true,
        via: 'volume',
        path: [...path, field, nameField],
        volume,
      });
    }
  }
  const projected = asRecord(raw.projected);
  asArray(projected?.sources).forEach((item, i) => {
    const source = asRecord(item);
    for (const [field, kind] of [
      ['configMap', 'ConfigMap'],
      ['secret', 'Secret'],
    ] as const) {
      const target = asRecord(source?.[field]);
      const targetName = asString(target?.name);
      if (target && targetName !== undefined) {
        push({
          kind,
          name: targetName,
          optional: target.optional === true,
          via: 'projected',
          path: [...path, 'projected', 'sources', i, field, 'name'],
          volume,
        });
      }
    }
  });
}

function containerReferences(container: ContainerInfo, push: Push): void {
  const { raw, path } = container;
  const sources: Array<[string, ReferenceKind]> = [
    ['configMapRef', 'ConfigMap'],
    ['secretRef', 'Secret'],
  ];
  asArray(raw.envFrom).forEach((item, i) => {
    const entry = asRecord(item);
    for (const [field, kind] of sources) {
      const ref = asRecord(entry?.[field]);
      const name = asString(ref?.name);
      if (ref && name !== undefined) {
        push({
          kind,
          name,
          optional: ref.optional === true,
          via: 'envFrom',
          path: [...path, 'envFrom', i, field, 'name'],
          container,
        });
      }
    }
  });
  const keyRefs: Array<[string, ReferenceKind]> = [
    ['configMapKeyRef', 'ConfigMap'],
    ['secretKeyRef', 'Secret'],
  ];
  asArray(raw.env).forEach((item, i) => {
    const valueFrom = asRecord(asRecord(item)?.valueFrom);
    for (const [field, kind] of keyRefs) {
      const ref = asRecord(valueFrom?.[field]);
      const name = asString(ref?.name);
      if (ref && name !== undefined) {
        push({
          kind,
          name,
          optional: ref.optional === true,
          via: 'env',
          path: [...path, 'env', i, 'valueFrom', field, 'name'],
          container,
        });
      }
    }
  });
}
