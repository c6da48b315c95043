import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../validation/engine/validate.js';
import { type AdmissionRequest, denialMessage, reviewAdmission, type Validator } from './review.js';

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

const ENFORCE = { mode: 'enforce', ratchet: true } as const;
const WARN = { mode: 'warn', ratchet: true } as const;

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
    const result = await reviewAdmission(request(), ENFORCE);
    expect(result.review.apiVersion).toBe('admission.k8s.io/v1');
    expect(result.review.kind).toBe('AdmissionReview');
    expect(result.review.response.uid).toBe('u-1');
  });

  it('enforce denies on error findings with status 400, listing them once; warn allows', async () => {
    const enforce = (await reviewAdmission(request(), ENFORCE)).review.response;
    const warn = (await reviewAdmission(request(), WARN)).review.response;
    expect(enforce.allowed).toBe(false);
    expect(enforce.status?.code).toBe(400);
    expect(enforce.status?.message.split('\n')[0]).toBe('podwire denied Pod team/p: 1 error');
    expect(enforce.status?.message).toContain(
      '- pod/port-conflict at spec.containers[1].ports[0].containerPort: ',
    );
    // kubectl prints status.message and every warning: the error must not appear twice.
    expect((enforce.warnings ?? []).some((w) => w.startsWith('pod/port-conflict'))).toBe(false);
    expect(enforce.auditAnnotations).toMatchObject({
      mode: 'enforce',
      decision: 'denied',
      'error-rules': 'pod/port-conflict',
    });
    expect(warn.allowed).toBe(true);
    expect(warn.status).toBeUndefined();
    expect(warn.warnings?.[0]).toMatch(
      /^pod\/port-conflict \(error\): containerPort 80\/TCP is declared by containers "a" and "b" … \(at …\[1\]\.ports\[0\]\.containerPort\)$/,
    );
    for (const w of warn.warnings ?? []) expect([...w].length).toBeLessThanOrEqual(120);
    expect(warn.auditAnnotations).toMatchObject({ mode: 'warn', decision: 'allowed' });
  });

  it('allows DELETE and CONNECT without looking at the objects', async () => {
    for (const operation of ['DELETE', 'CONNECT'] as const) {
      expect(
        (await reviewAdmission(request({ operation, object: null }), ENFORCE)).review.response,
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
    const result = await reviewAdmission(request({ operation: 'UPDATE', object }), ENFORCE);
    expect(result.review.response).toEqual({ uid: 'u-1', allowed: true });
  });

  it('fills apiVersion, kind and namespace from the request when the object omits them', async () => {
    const { apiVersion: _a, kind: _k, ...bare } = conflictPod;
    const object = { ...bare, metadata: { name: 'p' } };
    const response = (await reviewAdmission(request({ object, namespace: 'ns1' }), ENFORCE)).review
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
      ENFORCE,
    );
    expect(result.review.response).toEqual({
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
    const enforce = (await reviewAdmission(request({ object }), ENFORCE)).review.response;
    expect(enforce.allowed).toBe(false);
    expect(enforce.status?.code).toBe(422);
    expect(enforce.status?.message).toMatch(/^podwire cannot validate Pod team\/p: /);
    const warn = (await reviewAdmission(request({ object }), WARN)).review.response;
    expect(warn.allowed).toBe(true);
    expect(warn.warnings?.[0]).toMatch(/^podwire cannot validate Pod team\/p: /);
  });
});

describe('reviewAdmission: ratcheting UPDATE in enforce mode', () => {
  const scaled = { ...conflictPod, metadata: { ...conflictPod.metadata, labels: { v: '2' } } };
  const cleanPod = {
    ...conflictPod,
    spec: { containers: [conflictPod.spec.containers[0]] },
  };

  it('allows an inherited error (same rule, same path) as a warning', async () => {
    const outcome = await reviewAdmission(
      request({ operation: 'UPDATE', object: scaled, oldObject: conflictPod }),
      ENFORCE,
    );
    const { response } = outcome.review;
    expect(response.allowed).toBe(true);
    expect(response.status).toBeUndefined();
    expect(response.warnings?.[0]).toMatch(/^pod\/port-conflict \(inherited error\): /);
    expect(response.auditAnnotations).toMatchObject({
      decision: 'allowed',
      'inherited-rules': 'pod/port-conflict',
    });
    expect(response.auditAnnotations).not.toHaveProperty('error-rules');
    expect(outcome.inherited).toBe(1);
    expect(outcome.errors).toBe(0);
  });

  it('denies an error the old object did not have', async () => {
    const outcome = await reviewAdmission(
      request({ operation: 'UPDATE', object: conflictPod, oldObject: cleanPod }),
      ENFORCE,
    );
    expect(outcome.review.response.allowed).toBe(false);
    expect(outcome.inherited).toBe(0);
  });

  it('denies inherited errors too without ratchet, and on CREATE', async () => {
    const strict = await reviewAdmission(
      request({ operation: 'UPDATE', object: scaled, oldObject: conflictPod }),
      { mode: 'enforce', ratchet: false },
    );
    expect(strict.review.response.allowed).toBe(false);
    const create = await reviewAdmission(request({ oldObject: conflictPod }), ENFORCE);
    expect(create.review.response.allowed).toBe(false);
  });

  it('validates the old object only when the new one has errors', async () => {
    const roles: string[] = [];
    const validate: Validator = (text, options, role) => {
      roles.push(role);
      return validateManifest(text, options);
    };
    await reviewAdmission(
      request({ operation: 'UPDATE', object: cleanPod, oldObject: conflictPod }),
      ENFORCE,
      validate,
    );
    expect(roles).toEqual(['object']);
    await reviewAdmission(
      request({ operation: 'UPDATE', object: scaled, oldObject: conflictPod }),
      ENFORCE,
      validate,
    );
    expect(roles).toEqual(['object', 'object', 'oldObject']);
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
