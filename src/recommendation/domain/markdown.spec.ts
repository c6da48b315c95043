import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileArb } from '../../../test/recommendation-arbitraries.js';
import { loadCatalog } from '../../catalog/catalog.js';
import {
  catalogMarkdown,
  MARKDOWN_MAX_CHARS,
  patternMarkdown,
  recommendationMarkdown,
} from './markdown.js';
import { recommend } from './rank.js';

const catalog = loadCatalog();

describe('recommendationMarkdown', () => {
  it('shows the asked profile, the ranked options with one reason each, and the exclusions', () => {
    const text = recommendationMarkdown(
      recommend(
        {
          placement: 'separate-pods',
          security: 'zero-trust',
          encryptionInTransit: true,
          capabilities: { mesh: 'linkerd' },
        },
        catalog,
      ),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      '**podwire recommendation** for `placement=separate-pods` `security=zero-trust` `encryptionInTransit=true` `capabilities.mesh=linkerd`',
    );
    expect(lines[2]).toMatch(
      /^1\. \*\*service-mesh\*\*: Service mesh \(Istio, Istio ambient or Linkerd\) · score \d+(\.\d)? · recommended$/,
    );
    expect(lines[3]).toBe('   mTLS between workloads meets encryptionInTransit');
    expect(text).toContain('- `service-headless`: encryptionInTransit across Pods');
    expect(text).toContain('· core');
  });

  it('says so when nothing fits', () => {
    // A Job on 1.28 in one Pod whose data must outlive it: only exclusions remain.
    const rec = recommend(
      {
        placement: 'same-pod',
        durability: 'persistent',
        workload: 'job',
        kubernetesVersion: '1.28',
      },
      catalog,
    );
    expect(rec.options).toEqual([]);
    expect(recommendationMarkdown(rec)).toContain(
      '_No pattern fits this profile; see the exclusions below._',
    );
  });

  it('stays under 3,000 characters at the default limit (property)', () => {
    fc.assert(
      fc.property(profileArb, (input) => {
        const { limit: _limit, ...rest } = input;
        expect(recommendationMarkdown(recommend(rest, catalog)).length).toBeLessThan(
          MARKDOWN_MAX_CHARS,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('catalogue markdown', () => {
  it('lists every pattern with the core ones starred, under 3,000 characters', () => {
    const text = catalogMarkdown(catalog);
    expect(text.length).toBeLessThan(MARKDOWN_MAX_CHARS);
    expect(text.match(/^- /gm)).toHaveLength(12);
    expect(text).toContain('- ★ **service-clusterip**: ClusterIP Service (cross-pod).');
    expect(text).toContain('- **unix-socket**: ');
  });

  it.each(catalog.map((p) => p.id))(
    '%s card fits a chat message and carries ratings and references',
    (id) => {
      const text = patternMarkdown(catalog.find((p) => p.id === id)!);
      expect(text.length).toBeLessThan(MARKDOWN_MAX_CHARS);
      expect(text).toMatch(/\| portability \| [1-5]\/5 \|/);
      expect(text).toContain('**References**');
    },
  );
});
