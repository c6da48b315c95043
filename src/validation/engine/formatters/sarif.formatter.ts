import { createHash } from 'node:crypto';
import { objectKey } from '../object-key.js';
import type { Finding, Fix, ValidationResult } from '../result.js';
import type { Range, Rule, Severity } from '../types.js';

/** SARIF 2.1.0 as GitHub code scanning accepts it (reference/integration.md §3). */

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export interface SarifOptions {
  /** The artifact of a single manifest (findings without `filename`). */
  filename: string;
  /** The files of a multi-file request, in order: one artifact each, findings on their own. */
  files?: readonly string[];
  /** Where a rule's documentation is (`helpUri`), e.g. `${PUBLIC_BASE_URL}/v1/rules/${id}`. */
  helpUri?: (ruleId: string) => string;
  rules: readonly Rule[];
  toolVersion: string;
  informationUri: string;
}

function region(range: Range) {
  return {
    startLine: range.line,
    startColumn: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
  };
}

/** PascalCase name from an id (`schema/invalid-type` → `SchemaInvalidType`), as SARIF `name` expects. */
function ruleName(id: string): string {
  return id
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function descriptor(rule: Rule, helpUri?: (ruleId: string) => string) {
  const references =
    rule.references.length > 0
      ? `\n\nReferences:\n${rule.references.map((r) => `- ${r}`).join('\n')}`
      : '';
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: {
      text: `${rule.description}\n\nRemediation: ${rule.remediation}${references}`,
      markdown: `${rule.description}\n\n**Remediation:** ${rule.remediation}${references}`,
    },
    ...(helpUri ? { helpUri: helpUri(rule.id) } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: [rule.category, ...rule.patterns].slice(0, 10),
      precision: 'very-high',
      'problem.severity': rule.severity === 'info' ? 'recommendation' : rule.severity,
    },
  };
}

function objectName(finding: Pick<Finding, 'object'>): string | undefined {
  const { kind, name } = finding.object;
  if (!kind || !name) return undefined;
  return finding.object.namespace
    ? `${kind}/${finding.object.namespace}/${name}`
    : `${kind}/${name}`;
}

/**
 * A finding's fix as SARIF `fixes` (§3.55): one artifactChange per file, in the order the edits
 * name them; an empty deletedRegion is an insertion point. The safety goes into the description,
 * since SARIF has no field for it.
 */
function sarifFix(
  fix: Fix,
  artifactOf: (filename: string | undefined) => { uri: string; index: number },
) {
  const byFile = new Map<string | undefined, Fix['edits']>();
  for (const edit of fix.edits)
    byFile.set(edit.filename, [...(byFile.get(edit.filename) ?? []), edit]);
  return {
    description: {
      text:
        fix.safety === 'safe'
          ? fix.description
          : `${fix.description} (suggestion: may change behaviour)`,
    },
    artifactChanges: [...byFile].map(([filename, edits]) => ({
      artifactLocation: artifactOf(filename),
      replacements: edits.map((edit) => ({
        deletedRegion: region(edit.range),
        insertedContent: { text: edit.newText },
      })),
    })),
  };
}

/** A SARIF log with one run; `rules` lists every rule so `ruleIndex` is stable across runs. */
export function formatSarif(result: ValidationResult, options: SarifOptions) {
  const toUri = (filename: string) => encodeURI(filename.replace(/\\/g, '/'));
  const artifacts = (options.files ?? [options.filename]).map(toUri);
  const artifactIndex = new Map(
    (options.files ?? [options.filename]).map((filename, i) => [filename, i]),
  );
  const index = new Map(options.rules.map((rule, i) => [rule.id, i]));
  const location = (object: Finding['object'], range: Range, message?: string, id?: number) => {
    const at = artifactIndex.get(object.filename ?? options.filename) ?? 0;
    return {
      ...(id !== undefined ? { id } : {}),
      physicalLocation: {
        artifactLocation: { uri: artifacts[at] ?? toUri(options.filename), index: at },
        region: region(range),
      },
      ...(message ? { message: { text: message } } : {}),
    };
  };
  const artifactOf = (filename: string | undefined) => {
    const at = artifactIndex.get(filename ?? options.filename) ?? 0;
    return { uri: artifacts[at] ?? toUri(options.filename), index: at };
  };
  const results = result.findings.map((finding) => {
    const name = objectName(finding);
    const fingerprint = createHash('sha256')
      .update(
        `${finding.ruleId}\u0000${objectKey(finding.object)}\u0000${finding.path}\u0000${finding.message}`,
      )
      .digest('hex')
      .slice(0, 32);
    return {
      ruleId: finding.ruleId,
      ...(index.has(finding.ruleId) ? { ruleIndex: index.get(finding.ruleId) } : {}),
      level: LEVEL[finding.severity],
      message: { text: name ? `${finding.message}\nobject: ${name}` : finding.message },
      locations: [
        {
          ...location(finding.object, finding.range),
          ...(name
            ? {
                logicalLocations: [
                  {
                    fullyQualifiedName: `${name}${finding.path ? `#${finding.path}` : ''}`,
                    kind: 'object',
                  },
                ],
              }
            : {}),
        },
      ],
      ...(finding.related && finding.related.length > 0
        ? {
            relatedLocations: finding.related.map((related, i) =>
              location(related.object, related.range, related.message, i + 1),
            ),
          }
        : {}),
      partialFingerprints: { 'podwireFinding/v1': fingerprint },
      ...(finding.fix ? { fixes: [sarifFix(finding.fix, artifactOf)] } : {}),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'podwire',
            version: options.toolVersion,
            informationUri: options.informationUri,
            rules: options.rules.map((rule) => descriptor(rule, options.helpUri)),
          },
        },
        artifacts: artifacts.map((uri) => ({ location: { uri } })),
        results,
      },
    ],
  };
}
