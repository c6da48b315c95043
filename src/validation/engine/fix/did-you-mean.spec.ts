import { describe, expect, it } from 'vitest';
import { closeMatch, closePortName, editDistance } from './did-you-mean.js';

describe('closeMatch', () => {
  it('a swap or a missing letter is one edit', () => {
    expect(editDistance('htpp', 'http')).toBe(1);
    expect(editDistance('metrcs', 'metrics')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('picks the one candidate that fits', () => {
    expect(closeMatch('htpp', ['http', 'metrics'])).toBe('http');
    expect(closeMatch('web-confg', ['web-config', 'db-config'])).toBe('web-config');
    expect(closeMatch('configmap', ['ConfigMap', 'Secret'])).toBe('ConfigMap');
  });

  it('no fix when two fit, none fits, or the name is too short to judge', () => {
    expect(closeMatch('web-1', ['web-2', 'web-3'])).toBeUndefined();
    expect(closeMatch('http', ['grpc'])).toBeUndefined();
    expect(closeMatch('db', ['ui'])).toBeUndefined();
    expect(closeMatch('Web', ['web', 'WEB'])).toBeUndefined();
  });

  it('a port name and its TLS variant are different ports, not a typo', () => {
    expect(closeMatch('https', ['http'])).toBe('http');
    expect(closePortName('https', ['http'])).toBeUndefined();
    expect(closePortName('grpc', ['grpcs', 'metrics'])).toBeUndefined();
    expect(closePortName('htps', ['https', 'metrics'])).toBe('https');
    expect(closePortName('gprc', ['grpc'])).toBe('grpc');
  });
});
