import { describe, expect, it } from 'vitest';
import { type AdmissionRequest, denialMessage, reviewAdmission } from './review.js';

const conflictPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'team' },
  spec: {
    containers: [
      { name: 'a', image: 'ghcr.io/acme/a:1.0.0', ports: [{ containerPort: 80 }] },
      { name: 'b', image: 'ghcr.io/acme/b:1.0.0', ports: [{ containerPort: 80 }] },
    ],
  },
};

function request(over: Partial<AdmissionRequest> = {}): AdmissionRequest {
  return {
    uid: 'u-1',
    kind: { group: '', version: 'v1', kind: 'Pod' },
    operation: 'CREATE',
    object: conflictPod,
    ...over,
  };
}

describe('reviewAdmission', () => {
  it('answers with the same apiVersion and kind, echoing the uid', async () => {
    const result = await reviewAdmission(request(), 'enforce');
    expect(result.apiVersion).toBe('admission.k8s.io/v1');
    expect(result.kind).toBe('AdmissionReview');
    expect(result.response.uid).toBe('u-1');
  });

  it('enforce denies on error findings with status 400; warn allows with the same warnings', async () => {
    const enforce = (await reviewAdmission(request(), 'enforce')).response;
    const warn = (await reviewAdmission(request(), 'warn')).response;
    expect(enforce.allowed).toBe(false);
    expect(enforce.status?.code).toBe(400);
    expect(enforce.status?.message.split('\n')[0]).toBe('podwire denied Pod team/p: 1 error');
    expect(enforce.status?.message).toContain(
      '- pod/port-conflict at spec.containers[1].ports[0].containerPort: ',
    );
    expect(warn.allowed).toBe(true);
    expect(warn.status).toBeUndefined();
    expect(warn.warnings).toEqual(enforce.warnings);
    expect(warn.warnings?.[0]).toMatch(
      /^pod\/port-conflict \(error\): spec\.containers\[1\]\.ports\[0\]\.containerPort: /,
    );
  });

  it('allows DELETE and CONNECT without looking at the objects', async () => {
    for (const operation of ['DELETE', 'CONNECT'] as const) {
      expect(
        (await reviewAdmission(request({ operation, object: null }), 'enforce')).response,
      ).toEqual({
        uid: 'u-1',
        allowed: true,
      });
    }
  });

  it('allows updates of an object being deleted (finalizer removal) untouched', async () => {
    const object = {
      ...conflictPod,
      metadata: { ...conflictPod.metadata, deletionTimestamp: '2026-11-25T21:00:00Z' },
    };
    const result = await reviewAdmission(request({ operation: 'UPDATE', object }), 'enforce');
    expect(result.response).toEqual({ uid: 'u-1', allowed: true });
  });

  it('fills apiVersion, kind and namespace from the request when the object omits them', async () => {
    const { apiVersion: _a, kind: _k, ...bare } = conflictPod;
    const object = { ...bare, metadata: { name: 'p' } };
    const response = (await reviewAdmission(request({ object, namespace: 'ns1' }), 'enforce'))
      .response;
    expect(response.status?.message.split('\n')[0]).toBe('podwire denied Pod ns1/p: 1 error');
    expect(response.warnings?.some((w) => w.startsWith('manifest/missing-type'))).toBe(false);
  });

  it('allows a clean object without warnings', async () => {
    const clean = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'team' },
      data: { a: 'b' },
    };
    const result = await reviewAdmission(
      request({ kind: { group: '', version: 'v1', kind: 'ConfigMap' }, object: clean }),
      'enforce',
    );
    expect(result.response).toEqual({
      uid: 'u-1',
      allowed: true,
    });
  });

  it('denies (enforce) or warns (warn) about an object beyond the nesting limit', async () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 150; i++) {
      const next = {};
      deep.x = next;
      deep = next;
    }
    const object = { ...conflictPod, metadata: { name: 'p', namespace: 'team', labels: root } };
    const enforce = (await reviewAdmission(request({ object }), 'enforce')).response;
    expect(enforce.allowed).toBe(false);
    expect(enforce.status?.code).toBe(422);
    expect(enforce.status?.message).toMatch(/^podwire cannot validate Pod team\/p: /);
    const warn = (await reviewAdmission(request({ object }), 'warn')).response;
    expect(warn.allowed).toBe(true);
    expect(warn.warnings?.[0]).toMatch(/^podwire cannot validate Pod team\/p: /);
  });
});

describe('denialMessage', () => {
  it('lists at most 20 errors and counts the rest', async () => {
    const error = {
      ruleId: 'schema/unknown-field',
      severity: 'error' as const,
      message: 'unknown field',
      object: { documentIndex: 0 },
      path: '/spec/x',
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
    };
    const lines = denialMessage(
      'Pod a/b',
      Array.from({ length: 25 }, () => error),
    ).split('\n');
    expect(lines[0]).toBe('podwire denied Pod a/b: 25 errors');
    expect(
      lines.filter((l) => l === '- schema/unknown-field at spec.x: unknown field'),
    ).toHaveLength(20);
    expect(lines).toContain('- … and 5 more');
  });
});
