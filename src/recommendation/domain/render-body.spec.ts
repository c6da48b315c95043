import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../catalog/catalog.js';
import { createValidationPipe } from '../../common/validation.pipe.js';
import { RenderRequestDto } from '../../rendering/dto/render-request.dto.js';
import { render } from '../../rendering/render.js';
import type { RenderRequest } from '../../rendering/renderers/types.js';
import { validateManifest } from '../../validation/engine/validate.js';
import { INTERACTIONS, MESHES, WORKLOADS } from './profile.js';
import { recommend } from './rank.js';

const catalog = loadCatalog();

/** Every distinct render body the ranking can produce (the body depends on these fields only). */
function reachableBodies(): RenderRequest[] {
  const seen = new Map<string, RenderRequest>();
  for (const workload of WORKLOADS)
    for (let minor = 28; minor <= 36; minor++)
      for (const interaction of INTERACTIONS)
        for (const mesh of MESHES) {
          const rec = recommend(
            {
              workload,
              interaction,
              kubernetesVersion: `1.${minor}`,
              capabilities: { mesh, rwxStorage: true, broker: true },
              limit: 10,
            },
            catalog,
          );
          for (const o of rec.options)
            seen.set(JSON.stringify(o.render), o.render as RenderRequest);
        }
  return [...seen.values()];
}

describe('every render body renders (DESIGN §3)', () => {
  const bodies = reachableBodies();
  const pipe = createValidationPipe();

  it('covers every pattern, Jobs and StatefulSets', () => {
    expect(new Set(bodies.map((b) => b.pattern)).size).toBe(12);
    expect(bodies.some((b) => b.workload === 'Job' && b.pattern === 'sidecar-proxy')).toBe(true);
    expect(bodies.some((b) => b.workload === 'StatefulSet')).toBe(true);
  });

  it.each(bodies.map((b) => [JSON.stringify(b), b] as const))('%s', async (_name, body) => {
    await expect(
      pipe.transform(structuredClone(body), { type: 'body', metatype: RenderRequestDto }),
    ).resolves.toBeDefined();
    const { yaml, objects } = render(body);
    expect(objects.length).toBeGreaterThan(0);
    const result = validateManifest(yaml, {
      pattern: body.pattern,
      kubernetesVersion: body.kubernetesVersion,
    });
    expect(
      result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}: ${f.message}`),
    ).toEqual([]);
  });

  it('a sidecar-proxy Job: the proxied app is a Deployment behind the Service, the Job its client', () => {
    const jobs = bodies.filter((b) => b.workload === 'Job' && b.pattern === 'sidecar-proxy');
    expect(jobs.length).toBeGreaterThan(0);
    for (const body of jobs) {
      const { objects } = render(body);
      const kinds = (kind: string) => objects.filter((o) => o.kind === kind);
      expect(kinds('Deployment').map((o) => (o.metadata as { name: string }).name)).toEqual([
        body.name,
      ]);
      const job = kinds('Job')[0] as unknown as {
        spec: {
          template: { spec: { containers: Array<{ image: string }>; initContainers?: unknown[] } };
        };
      };
      expect(job.spec.template.spec.initContainers).toBeUndefined();
      expect(job.spec.template.spec.containers.some((c) => /nginx|envoy/.test(c.image))).toBe(
        false,
      );
    }
  });
});
