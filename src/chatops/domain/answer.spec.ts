import { describe, expect, it } from 'vitest';
import { PROFILE_LEVELS } from '../../recommendation/domain/profile-levels.js';
import { loadCatalog } from '../../catalog/catalog.js';
import { PROFILE_FIELDS } from '../../recommendation/domain/profile.js';
import { rules } from '../../validation/rules/index.js';
import { answer } from './answer.js';
import { slashName, type AnswerContext } from './answer-context.js';
import { parseCommand } from './command.js';
import { lineText, type Reply } from './reply.js';

const ctx: AnswerContext = {
  catalog: loadCatalog(),
  rules,
  publicBaseUrl: 'https://podwire.example.com',
  slash: '/pw',
};
const ask = (text: string) => answer(parseCommand(text), ctx);

function text(reply: Reply): string {
  return reply.blocks
    .flatMap((b) =>
      b.kind === 'section' || b.kind === 'context'
        ? b.lines.map(lineText)
        : b.kind === 'header'
          ? [b.text]
          : b.kind === 'fields'
            ? b.fields.map((f) => `${f.label}: ${lineText(f.value)}`)
            : [],
    )
    .join('\n');
}
const links = (reply: Reply) =>
  reply.blocks
    .flatMap((b) => (b.kind === 'section' || b.kind === 'context' ? b.lines.flat() : []))
    .flatMap((s) => (s.url ? [s.url] : []));
const optionIds = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.kind === 'section' && b.id?.startsWith('option:') ? [b.id] : []));

describe('answers', () => {
  it('recommends shared-volume-disk first for same-pod bulk file exchange, with scores, a reason, exclusions and a link', () => {
    const reply = ask('recommend placement=same-pod interaction=file-exchange dataVolume=bulk');
    expect(reply.visibility).toBe('ephemeral');
    expect(optionIds(reply)[0]).toBe('option:1:shared-volume-disk');
    const body = text(reply);
    expect(body).toMatch(/^1\. shared-volume-disk — .* · score [\d.]+ · recommended/m);
    expect(body).toMatch(/^Excluded$/m);
    expect(links(reply)).toContain(
      'https://podwire.example.com/v1/recommendations?placement=same-pod&interaction=file-exchange&dataVolume=bulk',
    );
  });

  it('recommends node-agent for telemetry and object-storage for an ML batch hand-off without RWX', () => {
    const logs = ask('recommend interaction=telemetry');
    expect(optionIds(logs)[0]).toBe('option:1:node-agent');
    expect(text(logs)).toContain('no change to the application Pods');
    const batch = ask(
      'recommend placement=separate-pods interaction=file-exchange dataVolume=bulk workload=job',
    );
    expect(optionIds(batch)[0]).toBe('option:1:object-storage');
  });

  it('reads keys case-insensitively and lower-cases enum values, linking the canonical form', () => {
    const reply = ask(
      'recommend PLACEMENT=Same-Pod datavolume=BULK interaction=file-exchange capabilities.RWXstorage=TRUE',
    );
    expect(optionIds(reply)[0]).toBe('option:1:shared-volume-disk');
    expect(links(reply)).toContain(
      'https://podwire.example.com/v1/recommendations?placement=same-pod&dataVolume=bulk&interaction=file-exchange&capabilities.rwxStorage=true',
    );
  });

  it('links to /v1/recommendations without a query for the default profile', () => {
    const reply = ask('recommend');
    expect(links(reply)).toContain('https://podwire.example.com/v1/recommendations');
    expect(text(reply)).toContain('For the default profile');
  });

  it('lists every valid key with its values for an unknown key or a token that is not key=value', () => {
    for (const command of ['recommend colour=blue', 'recommend same-pod']) {
      const reply = ask(`${command} --share`);
      expect(reply.visibility).toBe('ephemeral');
      const body = text(reply);
      for (const f of PROFILE_FIELDS) expect(body).toContain(f.name);
      expect(body).toContain('placement same-pod, separate-pods, either');
    }
    expect(text(ask('recommend colour=blue'))).toContain('Unknown key colour');
    expect(text(ask('recommend same-pod'))).toContain('same-pod is not in key=value form');
  });

  it('reports every mistake at once: unknown keys, repeated keys and bad values', () => {
    const body = text(
      ask(
        'recommend colour=blue placement=far placement=same-pod weights.security=500 kubernetesVersion=1.20 encryptionInTransit=yes',
      ),
    );
    expect(body).toContain('Unknown key colour');
    expect(body).toMatch(/^placement (is given more than once|must be given only once)/m);
    expect(body).toContain(
      'placement=far: placement must be one of the following values: same-pod, separate-pods, either',
    );
    expect(body).toContain('weights.security=500: weights.security must be a number from 0 to 100');
    expect(body).toContain(
      'kubernetesVersion=1.20: kubernetesVersion must be a supported Kubernetes release, 1.28 to 1.36',
    );
    expect(body).toContain('encryptionInTransit=yes: encryptionInTransit must be a boolean value');
  });

  it('shares in the channel only with --share and only when the answer is not a mistake', () => {
    expect(ask('patterns --share').visibility).toBe('in_channel');
    expect(ask('patterns').visibility).toBe('ephemeral');
    expect(ask('pattern nope --share').visibility).toBe('ephemeral');
    expect(ask('rule nope --share').visibility).toBe('ephemeral');
    expect(ask('rules nope --share').visibility).toBe('ephemeral');
    expect(ask('bogus --share').visibility).toBe('ephemeral');
    expect(ask('help --share').visibility).toBe('in_channel');
  });

  it('answers help with the configured command name and every command', () => {
    const body = text(ask('help'));
    for (const usage of [
      '/pw patterns',
      '/pw pattern <id>',
      '/pw recommend key=value …',
      '/pw rules [scope]',
      '/pw rule <id>',
      '/pw help',
      '--share',
    ]) {
      expect(body).toContain(usage);
    }
    expect(text(ask('launch rockets'))).toContain('Unknown command launch');
  });

  it('help defines every profile level, with the numbers the ranking uses', () => {
    const body = text(ask('help'));
    for (const [field, levels] of Object.entries(PROFILE_LEVELS)) {
      expect(body).toContain(`${field} levels:`);
      for (const [level, meaning] of Object.entries(levels as Record<string, string>))
        expect(body).toContain(`${level} — ${meaning}`);
    }
    expect(body).toMatch(/^large — more than 1 MB per exchange/m);
    expect(body).toMatch(/^restricted — .*separates it from zero-trust/m);
  });

  it('lists the twelve patterns with the core ones starred, and shows one with its ratings', () => {
    const list = text(ask('patterns'));
    for (const p of ctx.catalog)
      expect(list).toContain(`${p.core ? '★' : '•'} ${p.id} — ${p.name}`);
    const one = text(ask('pattern Sidecar-Proxy'));
    expect(one).toMatch(/^sidecar-proxy · same-pod-with-service · core pattern/m);
    expect(one).toMatch(/^latency 3\/5: /m);
    expect(one).toContain('Use when');
    expect(list).toContain('• object-storage — ');
    expect(list).toContain('• node-agent — ');
    expect(text(ask('pattern nope'))).toContain('Known patterns: message-broker, node-agent');
    expect(text(ask('pattern'))).toContain('Name a pattern: /pw pattern <id>');
  });

  it('shows rules by id and scope, suggesting near misses', () => {
    const rule = ask('rule pod/port-conflict');
    expect(text(rule)).toMatch(/^pod\/port-conflict · error · pod/m);
    expect(links(rule)).toContain('https://podwire.example.com/v1/rules/pod/port-conflict');
    expect(text(ask('rule port-conflict'))).toContain('Did you mean: pod/port-conflict');
    // Closest first, not every pod/* rule alphabetically.
    expect(text(ask('rule pod/port-conflicts'))).toMatch(
      /Did you mean: pod\/port-conflict(\s|,|$)/,
    );
    expect(text(ask('rule pod/port-conflicts'))).toContain(
      'Did you mean: pod/port-conflict, pod/port-name-conflict',
    );
    expect(text(ask('rule contianer/latest-tag'))).toContain('Did you mean: container/latest-tag');
    expect(text(ask('rule'))).toContain('Name a rule');
    const all = text(ask('rules'));
    for (const r of rules) expect(all).toContain(r.id);
    const pod = ask('rules POD');
    expect(text(pod).match(/^pod\//gm)?.length).toBe(
      rules.filter((r) => r.id.startsWith('pod/')).length,
    );
    expect(text(pod)).not.toContain('volume/');
    expect(text(ask('rules nope'))).toMatch(/Scopes: api, container, .*yaml/);
  });

  it('accepts only plausible slash command names for usage lines', () => {
    expect(slashName('/podwire')).toBe('/podwire');
    expect(slashName('/pw-dev')).toBe('/pw-dev');
    expect(slashName('<!channel>')).toBe('/podwire');
    expect(slashName(undefined)).toBe('/podwire');
  });
});
