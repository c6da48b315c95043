import type { JsonPath } from '../../../engine/types.js';
import { asArray, asRecord } from '../../../model/json.js';

/**
 * Where, inside a built-in object, the API server validates labels: the metadata of embedded
 * templates (ValidatePodTemplateSpec, the CronJob jobTemplate, StatefulSet volumeClaimTemplates,
 * ephemeral volumes' volumeClaimTemplate), label selectors (ValidateLabelSelector: matchLabels
 * and matchExpressions keys and values), node selector requirement keys, a pod's nodeSelector
 * (ValidatePodSpecNodeSelector) and a Service's map selector (ValidateService).
 */
export interface LabelSite {
  path: JsonPath;
  kind: 'metadata' | 'labels' | 'expressions';
  /** For `expressions`: node selector requirements, whose values are not label values. */
  nodeSelector?: boolean;
  /**
   * Set for template metadata the API server does not check on the object itself but on what a
   * controller makes from it: a CronJob's jobTemplate (ValidateJobTemplateSpec checks only its
   * spec; each Job copies these labels and is rejected) and a StatefulSet's volumeClaimTemplates
   * (each PersistentVolumeClaim is rejected, so the pods never start).
   */
  createdObjects?: string;
}

const TEMPLATE_KEYS = new Set(['template', 'jobTemplate', 'volumeClaimTemplate']);

/** Every label site below `raw` (the object's own metadata excluded), in document order. */
export function labelSites(raw: Record<string, unknown>, mapSelector: boolean): LabelSite[] {
  const sites: LabelSite[] = [];
  if (mapSelector && asRecord(asRecord(raw.spec)?.selector))
    sites.push({ path: ['spec', 'selector'], kind: 'labels' });
  const walk = (node: unknown, path: JsonPath, inNodeSelector: boolean): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, [...path, index], inNodeSelector));
      return;
    }
    const record = asRecord(node);
    if (!record) return;
    const parent = path.at(-1);
    const grandparent = path.at(-2);
    for (const [key, value] of Object.entries(record)) {
      const here = [...path, key];
      if (key === 'metadata') {
        if (path.length > 0 && typeof parent === 'string' && TEMPLATE_KEYS.has(parent))
          sites.push({
            path: here,
            kind: 'metadata',
            ...(parent === 'jobTemplate' ? { createdObjects: 'Jobs' } : {}),
          });
        else if (typeof parent === 'number' && grandparent === 'volumeClaimTemplates')
          sites.push({ path: here, kind: 'metadata', createdObjects: 'PersistentVolumeClaims' });
        continue;
      }
      if (key === 'matchLabels' && asRecord(value)) sites.push({ path: here, kind: 'labels' });
      else if (key === 'matchExpressions' && asArray(value).length > 0)
        sites.push({ path: here, kind: 'expressions', nodeSelector: inNodeSelector });
      else if (key === 'nodeSelector' && Array.isArray(record.containers) && asRecord(value))
        sites.push({ path: here, kind: 'labels' });
      else walk(value, here, inNodeSelector || key === 'nodeSelectorTerms' || key === 'preference');
    }
  };
  walk(raw, [], false);
  return sites;
}
