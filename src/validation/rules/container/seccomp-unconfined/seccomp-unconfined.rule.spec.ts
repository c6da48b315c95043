import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'container/seccomp-unconfined';

describe(ID, () => {
  it('invalid-seccomp.yaml: reports each container, the container’s profile overriding the pod’s', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-seccomp.yaml', ID);
    expect(findings.map((f) => [f.object.name, f.path, at(f)])).toEqual([
      ['web', '/spec/securityContext/seccompProfile/type', [8, 13, 8, 23]],
      [
        'api',
        '/spec/template/spec/containers/0/securityContext/seccompProfile/type',
        [38, 21, 38, 31],
      ],
      ['migrate', '/spec/template/spec/containers/0/name', [51, 17, 51, 24]],
      ['scraper', '/spec/template/spec/containers/0/name', [68, 17, 68, 24]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'container "app" of Pod web runs with seccompProfile type Unconfined (inherited from the pod securityContext): its system calls are not filtered, so every kernel interface is open to a compromised process',
      'container "api" of Deployment api runs with seccompProfile type Unconfined: its system calls are not filtered, so every kernel interface is open to a compromised process',
      'neither container "migrate" of Job migrate nor its pod sets a seccompProfile (RuntimeDefault or Localhost): it runs Unconfined, every system call allowed, unless the kubelet defaults to RuntimeDefault',
      'neither container "scraper" of Deployment scraper nor its pod sets a seccompProfile (RuntimeDefault or Localhost): it runs Unconfined, every system call allowed, unless the kubelet defaults to RuntimeDefault (the seccomp.security.alpha.kubernetes.io/pod annotation has had no effect since Kubernetes 1.27: the field replaced it)',
    ]);
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['warning']));
  });

  it('valid-confined.yaml: RuntimeDefault on the pod, Localhost on a container: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-confined.yaml', ID)).toEqual([]);
  });

  it('valid-windows.yaml: a Windows pod is exempt, as in Pod Security Standards', () => {
    expect(fixtureFindings(import.meta.url, 'valid-windows.yaml', ID)).toEqual([]);
  });

  it('the fix is safe: it replaces the container’s Unconfined in place, else adds the container’s profile', () => {
    const [web, api] = fixtureFindings(import.meta.url, 'invalid-seccomp.yaml', ID);
    expect(api.fix).toEqual({
      description: 'Set seccompProfile type RuntimeDefault on container "api"',
      safety: 'safe',
      edits: [
        { range: { line: 38, column: 21, endLine: 38, endColumn: 31 }, newText: 'RuntimeDefault' },
      ],
    });
    expect(web.fix?.edits).toEqual([
      {
        range: { line: 18, column: 1, endLine: 18, endColumn: 1 },
        newText:
          '      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n',
      },
    ]);
  });
});
