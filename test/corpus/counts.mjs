#!/usr/bin/env node
// Error and warning counts per rule in corpus snapshots, as a Markdown table, for the notes that
// issue 15 asks for ("the corpus's error and warning counts before and after, per rule").
//
//   node test/corpus/counts.mjs                          # the working tree's snapshot
//   node test/corpus/counts.mjs <before.json> [after.json]
//   git show a159003:test/corpus/findings.snapshot.json > /tmp/before.json
//   node test/corpus/counts.mjs /tmp/before.json test/corpus/findings.snapshot.json
//
// A snapshot entry reads "ruleId severity line:column"; files and project bundles are counted
// apart, because one finding of a file usually appears again in its project's bundle.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const paths = args.length > 0 ? args : [join(here, 'findings.snapshot.json')];
const snapshots = paths.map((path) => JSON.parse(readFileSync(path, 'utf8')));

/** rule → { files: {error, warning}, bundles: {error, warning} } for one snapshot. */
function count(snapshot) {
  const rules = new Map();
  for (const part of ['files', 'bundles']) {
    for (const entries of Object.values(snapshot[part] ?? {})) {
      for (const entry of entries) {
        const [rule, severity] = entry.split(' ');
        if (severity !== 'error' && severity !== 'warning') continue;
        if (!rules.has(rule)) rules.set(rule, { files: {}, bundles: {} });
        const slot = rules.get(rule)[part];
        slot[severity] = (slot[severity] ?? 0) + 1;
      }
    }
  }
  return rules;
}

const counted = snapshots.map(count);
const rules = [...new Set(counted.flatMap((rules) => [...rules.keys()]))].sort();
const cell = (rules, rule, part, severity) => rules.get(rule)?.[part][severity] ?? 0;
const labels = paths.length === 2 ? ['before', 'after'] : ['count'];
const columns = [];
for (const part of ['files', 'bundles'])
  for (const severity of ['error', 'warning'])
    for (const label of labels) columns.push({ part, severity, label });

const header = ['rule', ...columns.map((c) => `${c.part} ${c.severity}s${labels.length > 1 ? ` ${c.label}` : ''}`)];
const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
const total = columns.map(() => 0);
for (const rule of rules) {
  const values = columns.map((c) => cell(counted[labels.indexOf(c.label)], rule, c.part, c.severity));
  values.forEach((value, i) => (total[i] += value));
  lines.push(`| \`${rule}\` | ${values.join(' | ')} |`);
}
lines.push(`| **total** | ${total.join(' | ')} |`);
console.log(lines.join('\n'));
