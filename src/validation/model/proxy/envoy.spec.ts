import { describe, expect, it } from 'vitest';
import { readEnvoyConfig } from './envoy.js';

const quickStart = `admin:
  address:
    socket_address: { address: 127.0.0.1, port_value: 9901 }
static_resources:
  listeners:
  - name: listener_0
    address:
      socket_address: { address: 0.0.0.0, port_value: 10000 }
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ingress_http
          route_config:
            virtual_hosts:
            - name: local
              domains: ["*"]
              routes: [{ match: { prefix: "/" }, route: { cluster: local_app } }]
          http_filters:
          - name: envoy.filters.http.router
            typed_config:
              "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
  clusters:
  - name: local_app
    type: STATIC
    connect_timeout: 1s
    load_assignment:
      cluster_name: local_app
      endpoints:
      - lb_endpoints:
        - endpoint:
            address:
              socket_address:
                address: 127.0.0.1
                port_value: 8080
  - name: sock
    load_assignment:
      endpoints:
      - lb_endpoints:
        - endpoint: { address: { pipe: { path: /sock/app.sock } } }
`;

describe('Envoy reader', () => {
  it('reads listeners, static cluster endpoints (TCP and pipe) and the admin address', () => {
    const cfg = readEnvoyConfig(quickStart, 'envoy.yaml');
    expect(cfg.errors).toEqual([]);
    expect(cfg.admin).toEqual({
      host: '127.0.0.1',
      port: 9901,
      text: '127.0.0.1:9901',
      line: 3,
      file: 'envoy.yaml',
    });
    expect(cfg.listens).toEqual([
      { host: '0.0.0.0', port: 10000, text: '0.0.0.0:10000', line: 8, file: 'envoy.yaml' },
    ]);
    expect(cfg.upstreams).toEqual([
      {
        host: '127.0.0.1',
        port: 8080,
        text: '127.0.0.1:8080',
        line: 35,
        file: 'envoy.yaml',
        via: 'cluster local_app',
      },
      {
        unixPath: '/sock/app.sock',
        text: 'pipe /sock/app.sock',
        line: 41,
        file: 'envoy.yaml',
        via: 'cluster sock',
      },
    ]);
  });

  it('reads the JSON form and string port values', () => {
    const json = JSON.stringify({
      admin: { address: { socket_address: { address: '0.0.0.0', port_value: '9901' } } },
      static_resources: {
        clusters: [
          { name: 'v2', hosts: [{ socket_address: { address: 'localhost', port_value: 3000 } }] },
        ],
      },
    });
    const cfg = readEnvoyConfig(json, 'envoy.json');
    expect(cfg.admin?.host).toBe('0.0.0.0');
    expect(cfg.admin?.port).toBe(9901);
    expect(cfg.upstreams.map((u) => [u.host, u.port, u.via])).toEqual([
      ['localhost', 3000, 'cluster v2'],
    ]);
  });

  it('returns dynamic-only configs without endpoints and without errors', () => {
    const cfg = readEnvoyConfig('dynamic_resources:\n  ads_config: { api_type: GRPC }\n');
    expect(cfg).toEqual({ listens: [], upstreams: [], admin: undefined, errors: [] });
  });

  it.each([
    ['static_resources: [\n', 2],
    ['a: 1\na: 2\n', 2],
    ['- just\n- a list\n', 1],
  ])('reports %j as an error instead of throwing', (text, line) => {
    const cfg = readEnvoyConfig(text, 'envoy.yaml');
    expect(cfg.errors).toHaveLength(1);
    expect(cfg.errors[0].line).toBe(line);
    expect(cfg.errors[0].file).toBe('envoy.yaml');
  });

  it('caps aliases (billion laughs) instead of expanding them', () => {
    const lol = [
      'a: &a ["lol","lol"]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    const cfg = readEnvoyConfig(lol);
    expect(cfg.errors).toHaveLength(1);
  });
});
