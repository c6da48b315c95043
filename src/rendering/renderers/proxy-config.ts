import { stringify } from 'yaml';

/** Where the proxy sends traffic: the app's loopback port or its Unix socket. */
export type Upstream = { port: number } | { socketPath: string };

/**
 * nginx server configuration (replaces conf.d/default.conf of the unprivileged image, whose main
 * nginx.conf keeps its pid and temp files under /tmp).
 */
export function nginxConfig(listenPort: number, upstream: Upstream, tlsDir?: string): string {
  const server = 'port' in upstream ? `127.0.0.1:${upstream.port}` : `unix:${upstream.socketPath}`;
  return [
    'upstream app {',
    // 127.0.0.1, not localhost: a name resolving to ::1 too would be round-robined.
    `    server ${server};`,
    '    keepalive 16;',
    '}',
    '',
    'server {',
    ...(tlsDir
      ? [
          `    listen ${listenPort} ssl;`,
          `    ssl_certificate ${tlsDir}/tls.crt;`,
          `    ssl_certificate_key ${tlsDir}/tls.key;`,
          '    ssl_protocols TLSv1.2 TLSv1.3;',
        ]
      : [`    listen ${listenPort};`]),
    '    server_tokens off;',
    '',
    '    location / {',
    '        proxy_pass http://app;',
    // Upstream keepalive needs HTTP/1.1 and an empty Connection header (the defaults are 1.0/close).
    '        proxy_http_version 1.1;',
    '        proxy_set_header Connection "";',
    '        proxy_set_header Host $host;',
    '        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '        proxy_set_header X-Forwarded-Proto $scheme;',
    '        proxy_connect_timeout 5s;',
    '        proxy_read_timeout 60s;',
    '    }',
    '}',
    '',
  ].join('\n');
}

/** Envoy v3 static bootstrap: one HTTP listener routing everything to the local app. */
export function envoyConfig(
  listenPort: number,
  upstream: Upstream,
  adminPort: number,
  tlsDir?: string,
): string {
  const address =
    'port' in upstream
      ? { socket_address: { address: '127.0.0.1', port_value: upstream.port } }
      : { pipe: { path: upstream.socketPath } };
  const config = {
    // The admin API can shut Envoy down and dumps its configuration: loopback only.
    admin: { address: { socket_address: { address: '127.0.0.1', port_value: adminPort } } },
    static_resources: {
      listeners: [
        {
          name: 'ingress',
          address: { socket_address: { address: '0.0.0.0', port_value: listenPort } },
          filter_chains: [
            {
              ...(tlsDir ? { transport_socket: downstreamTls(tlsDir) } : {}),
              filters: [
                {
                  name: 'envoy.filters.network.http_connection_manager',
                  typed_config: {
                    '@type':
                      'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
                    stat_prefix: 'ingress_http',
                    route_config: {
                      name: 'local_route',
                      virtual_hosts: [
                        {
                          name: 'app',
                          domains: ['*'],
                          routes: [
                            {
                              match: { prefix: '/' },
                              route: { cluster: 'local_app', timeout: '60s' },
                            },
                          ],
                        },
                      ],
                    },
                    // The router must be the last HTTP filter or Envoy rejects the configuration.
                    http_filters: [
                      {
                        name: 'envoy.filters.http.router',
                        typed_config: {
                          '@type':
                            'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
                        },
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
      clusters: [
        {
          name: 'local_app',
          type: 'STATIC',
          connect_timeout: '5s',
          load_assignment: {
            cluster_name: 'local_app',
            endpoints: [{ lb_endpoints: [{ endpoint: { address } }] }],
          },
        },
      ],
    },
  };
  return stringify(config, { aliasDuplicateObjects: false, lineWidth: 0, version: '1.1' });
}

/**
 * Envoy's TLS transport socket with the mounted certificate. `watched_directory` reloads the pair
 * when the kubelet swaps the Secret's `..data` symlink, so a renewed certificate needs no restart.
 */
function downstreamTls(tlsDir: string): Record<string, unknown> {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      common_tls_context: {
        tls_params: { tls_minimum_protocol_version: 'TLSv1_2' },
        tls_certificates: [
          {
            certificate_chain: { filename: `${tlsDir}/tls.crt` },
            private_key: { filename: `${tlsDir}/tls.key` },
            watched_directory: { path: tlsDir },
          },
        ],
      },
    },
  };
}
