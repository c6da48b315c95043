import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { type ValidationResult, validateManifest } from '../src/validation/engine/validate.js';

/**
 * The regression corpus: upstream manifests nobody here wrote (test/corpus/<project>/, sources in
 * SOURCES.md), validated with the real engine file by file and, per project, as one bundle (the
 * files joined with `---`). The findings, as `ruleId severity line:column`, are compared with
 * findings.snapshot.json so that every change of findings on real files shows up in review.
 * `PODWIRE_UPDATE_CORPUS=1 npx vitest run test/corpus.spec.ts` rewrites the snapshot. Every
 * error-level finding of the snapshot must be classified in classification.yaml (true positive,
 * or why it stays), so that a new error on a real file cannot slip in unexamined.
 */

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), 'corpus');
const SNAPSHOT = join(CORPUS, 'findings.snapshot.json');
const UPDATE = process.env.PODWIRE_UPDATE_CORPUS === '1';

interface Snapshot {
  files: Record<string, string[]>;
  bundles: Record<string, string[]>;
}

const projects = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const filesOf = (project: string): string[] =>
  readdirSync(join(CORPUS, project))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `${project}/${name}`);

const allFiles = projects.flatMap(filesOf);
const read = (file: string): string => readFileSync(join(CORPUS, file), 'utf8');
const bundleText = (project: string): string => filesOf(project).map(read).join('\n---\n');

function summary(result: ValidationResult): string[] {
  return result.findings
    .map((f) => `${f.ruleId} ${f.severity} ${f.range.line}:${f.range.column}`)
    .sort();
}

/** Documents with content (not empty, not only comments): each must become an object or a finding. */
function contentDocuments(text: string): number[] {
  const empty = (doc: ReturnType<typeof parseAllDocuments>[number]): boolean => {
    if (doc.errors.length > 0) return false;
    return doc.toJS() == null;
  };
  return parseAllDocuments(text)
    .map((doc, index) => (empty(doc) ? -1 : index))
    .filter((index) => index >= 0);
}

function run(text: string, name: string): ValidationResult {
  const internal: string[] = [];
  const result = validateManifest(text, {
    filename: name,
    onInternalError: (source) => internal.push(source),
  });
  expect(internal, `rules that threw on ${name}`).toEqual([]);
  expect(result.skippedRules).toBeUndefined();
  const seen = new Set([
    ...result.objects.map((object) => object.documentIndex),
    ...result.findings.map((finding) => finding.object.documentIndex),
  ]);
  expect(
    contentDocuments(text).filter((index) => !seen.has(index)),
    `documents of ${name} in neither objects nor findings`,
  ).toEqual([]);
  return result;
}

// Filled by the tests below, in order, and compared with the snapshot by the last one.
const computed: Snapshot = { files: {}, bundles: {} };

describe('regression corpus (test/corpus)', () => {
  it.each(allFiles)('validates %s without a crash, every document accounted for', (file) => {
    computed.files[file] = summary(run(read(file), file));
  });

  it.each(projects)('validates the %s files as one bundle', (project) => {
    computed.bundles[project] = summary(run(bundleText(project), project));
  });

  it('has at least 40 upstream files from at least 10 projects', () => {
    expect(allFiles.length).toBeGreaterThanOrEqual(40);
    expect(projects.length).toBeGreaterThanOrEqual(10);
  });

  it('lists every file, and only those, in SOURCES.md with its commit and licence', () => {
    const rows = readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\| `[^`]+` \|/.test(line));
    const listed = rows.map((line) => /^\| `([^`]+)` \|/.exec(line)![1]).sort();
    expect(listed).toEqual(allFiles);
    for (const row of rows) {
      expect(row).toMatch(/\| [0-9a-f]{40} \|/);
      expect(row).toMatch(/\| (Apache-2\.0|MIT|BSD-[23]-Clause|CC-BY-4\.0) \|$/);
    }
  });

  it('finds what the snapshot says, file by file and per project bundle', () => {
    if (UPDATE) writeFileSync(SNAPSHOT, JSON.stringify(computed, null, 2) + '\n');
    const committed = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;
    expect(computed).toEqual(committed);
  });

  it('the snapshot names only corpus files', () => {
    const committed = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;
    expect(Object.keys(committed.files).sort()).toEqual(allFiles);
    expect(Object.keys(committed.bundles).sort()).toEqual(projects);
  });

  it('classifies every error-level finding of the snapshot, and nothing else', () => {
    const committed = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;
    const errors = [
      ...Object.entries(committed.files).map(([file, findings]) => [file, findings] as const),
      ...Object.entries(committed.bundles).map(
        ([p, findings]) => [`bundle:${p}`, findings] as const,
      ),
    ].flatMap(([where, findings]) =>
      findings
        .map((finding) => finding.split(' '))
        .filter(([, severity]) => severity === 'error')
        .map(([rule, , position]) => `${where} ${rule} ${position.split(':')[0]}`),
    );
    const entries = (parse(readFileSync(join(CORPUS, 'classification.yaml'), 'utf8')) ??
      []) as Array<Record<string, unknown>>;
    for (const entry of entries) {
      expect(['true-positive', 'stays'], JSON.stringify(entry)).toContain(entry.verdict);
      expect(typeof entry.why === 'string' && entry.why.length > 20, JSON.stringify(entry)).toBe(
        true,
      );
    }
    const classified = entries.map((e) => `${String(e.where)} ${String(e.rule)} ${String(e.line)}`);
    expect([...new Set(errors)].sort(), 'error-level findings not classified').toEqual(
      [...new Set(classified)].sort(),
    );
  });
});
