import { CRITERIA, type Catalog, type Pattern } from '../../catalog/catalog.js';
import { PROFILE_DEFAULTS, type Profile } from './profile.js';
import type { Recommendation } from './rank.js';

/**
 * Chat-ready markdown (Slack/Mattermost/GitHub): short lines, no tables in the recommendation so
 * it reads well on a phone. Kept under 3,000 characters for the default limit (Slack's section
 * text limit); longer texts are cut at a line boundary.
 */

export const MARKDOWN_MAX_CHARS = 3000;

export function recommendationMarkdown(rec: Recommendation): string {
  const lines: string[] = [];
  const asked = profileSummary(rec.profile);
  lines.push(`**podwire recommendation**${asked ? ` for ${asked}` : ' (default profile)'}`);
  lines.push('');
  if (rec.options.length === 0)
    lines.push('_No pattern fits this profile; see the exclusions below._');
  for (const o of rec.options) {
    lines.push(
      `${o.rank}. **${o.pattern}**: ${o.name} · score ${fmt(o.score)} · ${o.verdict}${o.core ? ' · core' : ''}`,
    );
    const why = o.reasons[0];
    if (why) lines.push(`   ${clip(why, 200)}`);
    const caution = o.cautions[0];
    if (caution) lines.push(`   ⚠ ${clip(caution, 180)}`);
  }
  if (rec.excluded.length > 0) {
    lines.push('');
    lines.push('**Excluded**');
    for (const e of rec.excluded)
      lines.push(`- \`${e.pattern}\`: ${clip(e.reasons[0] ?? '', 120)}`);
  }
  return fit(lines);
}

export function catalogMarkdown(catalog: Catalog): string {
  const lines = ['**podwire patterns** (core patterns marked ★)', ''];
  for (const p of catalog) {
    lines.push(
      `- ${p.core ? '★ ' : ''}**${p.id}**: ${p.name} (${p.scope}). ${clip(firstSentence(p.summary), 150)}`,
    );
  }
  lines.push('', 'Details: `GET /v1/patterns/{id}`');
  return fit(lines);
}

export function patternMarkdown(p: Pattern): string {
  const lines = [
    `**${p.name}** (\`${p.id}\`${p.core ? ', core pattern' : ''}, ${p.scope})`,
    '',
    p.summary,
    '',
  ];
  lines.push(
    `Kubernetes objects: ${p.kubernetesObjects.join(', ')} · minimum version ${p.minKubernetesVersion}`,
  );
  lines.push('');
  lines.push('| criterion | rating | why |', '|---|---|---|');
  for (const c of CRITERIA)
    lines.push(`| ${c} | ${p.ratings[c].rating}/5 | ${p.ratings[c].justification} |`);
  lines.push('', '**Use when**', ...p.useWhen.map((x) => `- ${x}`));
  lines.push('', '**Avoid when**', ...p.avoidWhen.map((x) => `- ${x}`));
  if (p.cautions.length > 0) lines.push('', '**Cautions**', ...p.cautions.map((x) => `- ${x}`));
  lines.push('', '**References**', ...p.references.map((r) => `- [${r.title}](${r.url})`));
  return fit(lines);
}

/** The fields that differ from the defaults, as `key=value` pairs (what a chat user would type). */
export function profileSummary(p: Profile): string {
  const d = PROFILE_DEFAULTS;
  const pairs: string[] = [];
  for (const key of [
    'placement',
    'interaction',
    'security',
    'encryptionInTransit',
    'dataVolume',
    'latency',
    'durability',
    'workload',
    'kubernetesVersion',
  ] as const) {
    if (p[key] !== d[key]) pairs.push(`${key}=${p[key]}`);
  }
  for (const key of ['mesh', 'rwxStorage', 'broker', 'windowsNodes'] as const) {
    if (p.capabilities[key] !== d.capabilities[key])
      pairs.push(`capabilities.${key}=${p.capabilities[key]}`);
  }
  for (const c of CRITERIA)
    if (p.weights[c] !== undefined) pairs.push(`weights.${c}=${p.weights[c]}`);
  return pairs.map((x) => `\`${x}\``).join(' ');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function firstSentence(text: string): string {
  const m = /^(.+?[.!?])(\s|$)/.exec(text);
  return m ? m[1] : text;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function fit(lines: string[]): string {
  const out: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > MARKDOWN_MAX_CHARS - 2) {
      out.push('…');
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return `${out.join('\n')}\n`;
}
