import { hasSchema } from '../../../engine/schema/index.js';
import type { JsonPath, ManifestObject, Rule, RuleContext } from '../../../engine/types.js';
import { describeObject } from '../../../model/describe.js';
import { asArray, asRecord, valueAt } from '../../../model/json.js';
import {
  ANNOTATIONS_TOTAL_MAX,
  byteLength,
  isQualifiedName,
  isValidLabelValue,
} from '../../../model/name-syntax.js';
import { labelSites } from './label-sites.js';

type Report = (path: JsonPath, message: string, at?: 'key' | 'value') => void;

/** ValidateLabels: every key a qualified name, every value a label value. */
function checkLabelMap(map: unknown, path: JsonPath, what: string, report: Report): void {
  const record = asRecord(map);
  if (!record) return;
  for (const [key, value] of Object.entries(record)) {
    const keyProblems = isQualifiedName(key);
    if (keyProblems.length > 0)
      report([...path, key], `${what} key "${key}" is invalid: ${keyProblems.join('; ')}`, 'key');
    if (typeof value !== 'string') continue; // schema/invalid-type reports non-strings
    const valueProblems = isValidLabelValue(value);
    if (valueProblems.length > 0)
      report(
        [...path, key],
        `${what} value "${value}" of "${key}" is invalid: ${valueProblems.join('; ')}`,
      );
  }
}

/**
 * ValidateAnnotations: keys are qualified names once lowercased, and keys plus values may not
 * exceed 256 KiB in total (bytes, as Go's len counts them).
 */
function checkAnnotations(map: unknown, path: JsonPath, report: Report): void {
  const record = asRecord(map);
  if (!record) return;
  let total = 0;
  for (const [key, value] of Object.entries(record)) {
    total += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
    const problems = isQualifiedName(key.toLowerCase());
    if (problems.length > 0)
      report([...path, key], `annotation key "${key}" is invalid: ${problems.join('; ')}`, 'key');
  }
  if (total > ANNOTATIONS_TOTAL_MAX)
    report(
      path,
      `annotations total ${total} bytes (keys and values): may not be more than ${ANNOTATIONS_TOTAL_MAX} bytes (256 KiB)`,
      'key',
    );
}

function checkMetadata(metadata: unknown, path: JsonPath, report: Report): void {
  const record = asRecord(metadata);
  if (!record) return;
  checkLabelMap(record.labels, [...path, 'labels'], 'label', report);
  checkAnnotations(record.annotations, [...path, 'annotations'], report);
}

/** ValidateLabelSelectorRequirement / validateNodeSelectorRequirement. */
function checkExpressions(
  expressions: unknown,
  path: JsonPath,
  nodeSelector: boolean,
  report: Report,
): void {
  asArray(expressions).forEach((item, index) => {
    const requirement = asRecord(item);
    if (!requirement) return;
    if (typeof requirement.key === 'string') {
      const problems = isQualifiedName(requirement.key);
      if (problems.length > 0)
        report(
          [...path, index, 'key'],
          `selector key "${requirement.key}" is invalid: ${problems.join('; ')}`,
        );
    }
    // Node selector values are compared with node labels or numbers (Gt/Lt): not checked there.
    if (nodeSelector) return;
    asArray(requirement.values).forEach((value, valueIndex) => {
      if (typeof value !== 'string') return;
      const problems = isValidLabelValue(value);
      if (problems.length > 0)
        report(
          [...path, index, 'values', valueIndex],
          `selector value "${value}" is invalid: ${problems.join('; ')}`,
        );
    });
  });
}

function checkObject(ctx: RuleContext, object: ManifestObject): void {
  const where = describeObject(object);
  const report: Report = (path, message, at = 'value') =>
    ctx.report({ object, path, at, message: `${message} (${where})` });
  checkMetadata(object.raw.metadata, ['metadata'], report);
  const { apiVersion, kind } = object.raw;
  // Only built-in kinds: the API server checks a custom resource's metadata, not its spec.
  if (
    typeof apiVersion !== 'string' ||
    typeof kind !== 'string' ||
    !hasSchema(apiVersion, kind, ctx.options.kubernetesVersion)
  )
    return;
  // ValidateService checks spec.selector with ValidateLabels; a ReplicationController's map
  // selector is only required non-empty (and to match the template, workload/selector-mismatch).
  const mapSelector = apiVersion === 'v1' && kind === 'Service';
  for (const site of labelSites(object.raw, mapSelector)) {
    const value = valueAt(object.raw, site.path);
    if (site.kind === 'metadata' && site.createdObjects) {
      const suffix = `: the API server accepts the ${kind} but rejects the ${site.createdObjects} made from this template`;
      checkMetadata(value, site.path, (path, message, at) => report(path, message + suffix, at));
    } else if (site.kind === 'metadata') checkMetadata(value, site.path, report);
    else if (site.kind === 'labels') checkLabelMap(value, site.path, 'selector', report);
    else checkExpressions(value, site.path, site.nodeSelector === true, report);
  }
}

function check(ctx: RuleContext): void {
  for (const object of ctx.objects) checkObject(ctx, object);
}

export const manifestInvalidLabelRule: Rule = {
  id: 'manifest/invalid-label',
  title: 'Label or annotation the API server rejects',
  severity: 'error',
  category: 'manifest',
  patterns: [],
  description:
    'The API server rejects an object whose labels or annotations break the apimachinery rules (k8s.io/apimachinery pkg/util/validation/validation.go IsQualifiedName and IsValidLabelValue, pkg/apis/meta/v1/validation ValidateLabels and ValidateLabelSelector, pkg/api/validation/objectmeta.go ValidateAnnotations and ValidateAnnotationsSize). A label key, an annotation key (checked lowercased) and a selector key are qualified names: an optional DNS-1123 subdomain prefix (at most 253 characters) and "/", then a name of at most 63 characters made of letters, digits, "-", "_" and ".", starting and ending with a letter or digit. A label value is empty or at most 63 such characters (so "_" alone, or a value ending in "-", is rejected). All annotations of one object together, keys and values, may hold at most 256 KiB. Checked on every object\'s metadata, on the metadata of pod templates, job templates and volume claim templates (for a CronJob\'s jobTemplate and a StatefulSet\'s volumeClaimTemplates the API server accepts the object and rejects each Job or claim made from them, which the finding says), and on label selectors (matchLabels, matchExpressions keys and values, Service selectors, pod nodeSelector) of built-in kinds.',
  remediation:
    'Use keys like `app.kubernetes.io/name` and values of at most 63 letters, digits, "-", "_" or "." that start and end with a letter or digit (e.g. a version `1.2.3`, not `v1.2.3+build/7`); move large data out of annotations into a ConfigMap.',
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set',
    'https://github.com/kubernetes/apimachinery/blob/master/pkg/util/validation/validation.go',
    'https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/objectmeta.go',
    'https://github.com/kubernetes/apimachinery/blob/master/pkg/apis/meta/v1/validation/validation.go',
  ],
  check,
};
