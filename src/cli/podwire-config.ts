import type { FieldError } from '../common/errors.js';
import type { Severity } from '../validation/engine/types.js';
import { ruleById } from '../validation/rules/index.js';

/**
 * The `.podwire.yaml` object (DESIGN §9). Interim parser for the CLI until the engine's `config`
 * parser (issue 14, multi-file branch) lands; then this file goes and the CLI calls that one.
 */
export interface PodwireConfig {
  kubernetesVersion?: string;
  scope?: 'complete' | 'partial';
  rules?: { disable?: string[]; severity?: Record<string, Severity> };
  ignore?: string[];
}

const SEVERITIES = ['error', 'warning', 'info'];
const KEYS = ['kubernetesVersion', 'scope', 'rules', 'ignore'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown, field: string, errors: FieldError[]): string[] | undefined {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    errors.push({ field, message: 'must be a list of strings' });
    return undefined;
  }
  return value as string[];
}

export function parseConfig(data: unknown): { config: PodwireConfig; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const config: PodwireConfig = {};
  if (!isObject(data))
    return { config, errors: [{ field: '(root)', message: 'must be a mapping' }] };
  for (const key of Object.keys(data)) {
    if (!KEYS.includes(key))
      errors.push({ field: key, message: `unknown key (expected one of ${KEYS.join(', ')})` });
  }
  if (data.kubernetesVersion !== undefined) {
    if (typeof data.kubernetesVersion === 'string')
      config.kubernetesVersion = data.kubernetesVersion;
    else errors.push({ field: 'kubernetesVersion', message: 'must be a string such as "1.31"' });
  }
  if (data.scope !== undefined) {
    if (data.scope === 'complete' || data.scope === 'partial') config.scope = data.scope;
    else errors.push({ field: 'scope', message: 'must be "complete" or "partial"' });
  }
  if (data.ignore !== undefined) config.ignore = strings(data.ignore, 'ignore', errors);
  if (data.rules !== undefined) {
    if (!isObject(data.rules)) errors.push({ field: 'rules', message: 'must be a mapping' });
    else {
      config.rules = {};
      for (const key of Object.keys(data.rules)) {
        if (key !== 'disable' && key !== 'severity')
          errors.push({
            field: `rules.${key}`,
            message: 'unknown key (expected disable, severity)',
          });
      }
      if (data.rules.disable !== undefined) {
        const ids = strings(data.rules.disable, 'rules.disable', errors);
        ids?.forEach((id, i) => {
          if (!ruleById(id))
            errors.push({ field: `rules.disable[${i}]`, message: `"${id}" is not a rule id` });
        });
        config.rules.disable = ids;
      }
      if (data.rules.severity !== undefined) {
        if (!isObject(data.rules.severity))
          errors.push({ field: 'rules.severity', message: 'must map rule ids to a severity' });
        else {
          const severity: Record<string, Severity> = {};
          for (const [id, level] of Object.entries(data.rules.severity)) {
            if (!ruleById(id))
              errors.push({ field: `rules.severity.${id}`, message: `"${id}" is not a rule id` });
            else if (typeof level !== 'string' || !SEVERITIES.includes(level))
              errors.push({
                field: `rules.severity.${id}`,
                message: 'must be error, warning or info',
              });
            else severity[id] = level as Severity;
          }
          config.rules.severity = severity;
        }
      }
    }
  }
  return { config, errors };
}
