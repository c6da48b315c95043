import { describe, expect, it } from 'vitest';
import { at, fixtureFindings } from '../../testing.js';

const ID = 'pod/invalid-port-name';

describe(ID, () => {
  it('invalid-port-names.yaml: reports 5 findings at the offending nodes', () => {
    const findings = fixtureFindings(import.meta.url, 'invalid-port-names.yaml', ID);
    expect(findings.map((f) => [f.severity, f.path, at(f)])).toEqual([
      ['error', '/spec/containers/0/ports/0/name', [11, 17, 11, 33]],
      ['error', '/spec/containers/0/ports/1/name', [13, 17, 13, 25]],
      ['error', '/spec/containers/0/ports/2/name', [15, 17, 15, 21]],
      ['error', '/spec/containers/0/ports/3/name', [17, 17, 17, 25]],
      ['error', '/spec/containers/0/ports/4/name', [19, 17, 19, 22]],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'port name "n234567890123456" of container "app" of Pod web must be no more than 15 characters: port names are IANA service names (≤ 15 characters, a-z, 0-9 and "-", at least one letter, no "--")',
      'port name "123456" of container "app" of Pod web must contain at least one letter (a-z): port names are IANA service names (≤ 15 characters, a-z, 0-9 and "-", at least one letter, no "--")',
      'port name "HTTP" of container "app" of Pod web must contain only lowercase letters, digits and "-": port names are IANA service names (≤ 15 characters, a-z, 0-9 and "-", at least one letter, no "--")',
      'port name "web--api" of container "app" of Pod web must not contain "--": port names are IANA service names (≤ 15 characters, a-z, 0-9 and "-", at least one letter, no "--")',
      'port name "-grpc" of container "app" of Pod web must not begin or end with "-": port names are IANA service names (≤ 15 characters, a-z, 0-9 and "-", at least one letter, no "--")',
    ]);
  });

  it('valid-port-names.yaml: no finding', () => {
    expect(fixtureFindings(import.meta.url, 'valid-port-names.yaml', ID)).toEqual([]);
  });
});
