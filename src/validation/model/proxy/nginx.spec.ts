import { describe, expect, it } from 'vitest';
import { parseNginx, readNginxConfig } from './nginx.js';

const one = (text: string) => readNginxConfig([{ name: 'default.conf', text }]);

describe('nginx reader', () => {
  it('reads the reverse-proxy config podwire renders (upstream block, keepalive, headers)', () => {
    const cfg = one(`
upstream app { server 127.0.0.1:8080; keepalive 16; }
server {
  listen 8443;
  location / {
    proxy_pass http://app;
    proxy_http_version 1.1; proxy_set_header Connection "";   # needed for upstream keepalive
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
  }
}`);
    expect(cfg.errors).toEqual([]);
    expect(cfg.listens).toEqual([
      { host: undefined, port: 8443, text: '8443', line: 4, file: 'default.conf' },
    ]);
    expect(cfg.upstreams).toEqual([
      {
        host: '127.0.0.1',
        port: 8080,
        text: '127.0.0.1:8080',
        line: 2,
        file: 'default.conf',
        via: 'upstream app',
      },
    ]);
  });

  it('reads a full nginx.conf with http{}, several servers, addresses, ssl and IPv6 listens', () => {
    const cfg = one(`
worker_processes auto;
pid /tmp/nginx.pid;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  log_format main '$remote_addr - $remote_user [$time_local] "$request" '
                  '$status $body_bytes_sent "$http_referer"';
  server {
    listen 127.0.0.1:8080 default_server;
    listen [::]:8443 ssl http2;
    server_name example.com "*.example.com";
    location /api/ { proxy_pass http://localhost:9000/v1/; }
    location /grpc { grpc_pass grpc://127.0.0.1:50051; }
    location /dyn { proxy_pass http://$backend; }
    location ~* \\.(png|jpg)$ { root /usr/share/nginx/html; }
  }
  server {
    server_name other;
    location / { proxy_pass https://api.example.com; }
  }
}`);
    expect(cfg.errors).toEqual([]);
    expect(cfg.listens.map((l) => [l.host, l.port, l.line])).toEqual([
      ['127.0.0.1', 8080, 10],
      ['::', 8443, 11],
      [undefined, 80, 18],
    ]);
    expect(cfg.upstreams.map((u) => [u.host, u.port, u.via, u.line])).toEqual([
      ['localhost', 9000, 'proxy_pass', 13],
      ['127.0.0.1', 50051, 'grpc_pass', 14],
      ['api.example.com', 443, 'proxy_pass', 20],
    ]);
  });

  it('understands unix sockets in listen, proxy_pass and upstream servers', () => {
    const cfg = one(`
upstream sock { server unix:/var/run/app/app.sock max_fails=3; }
server {
  listen unix:/tmp/nginx.sock;
  listen 8080;
  location /a { proxy_pass http://unix:/run/app.sock:/api/; }
  location /b { proxy_pass http://sock; }
}`);
    expect(cfg.listens.map((l) => l.unixPath ?? l.port)).toEqual(['/tmp/nginx.sock', 8080]);
    expect(cfg.upstreams.map((u) => [u.unixPath, u.via])).toEqual([
      ['/run/app.sock', 'proxy_pass'],
      ['/var/run/app/app.sock', 'upstream sock'],
    ]);
  });

  it('reads the stream module (TCP proxying without a scheme)', () => {
    const cfg = one(`
stream {
  upstream db { server 127.0.0.1:5432; server 127.0.0.1:5433 backup; }
  server { listen 6432; proxy_pass db; }
  server { listen 7000; proxy_pass 127.0.0.1:7001; }
}`);
    expect(cfg.listens.map((l) => l.port)).toEqual([6432, 7000]);
    expect(cfg.upstreams.map((u) => [u.port, u.via])).toEqual([
      [5432, 'upstream db'],
      [5433, 'upstream db'],
      [7001, 'proxy_pass'],
    ]);
  });

  it('resolves an upstream block defined in another file of the same ConfigMap', () => {
    const cfg = readNginxConfig([
      { name: 'upstreams.conf', text: 'upstream backend {\n  server 127.0.0.1:3000;\n}\n' },
      {
        name: 'site.conf',
        text: 'server { listen 8080; location / { proxy_pass http://backend/; } }',
      },
    ]);
    expect(cfg.upstreams).toEqual([
      {
        host: '127.0.0.1',
        port: 3000,
        text: '127.0.0.1:3000',
        line: 2,
        file: 'upstreams.conf',
        via: 'upstream backend',
      },
    ]);
  });

  it('keeps quoted braces, ${var} and Lua blocks out of the block structure', () => {
    const cfg = one(`
server {
  listen 8080;
  add_header X-Braces "{ not a block }";
  set $target "\${scheme}://x";
  content_by_lua_block {
    local t = { a = "}" }
    ngx.say("hi")
  }
  location / { proxy_pass http://127.0.0.1:8081; }
}`);
    expect(cfg.errors).toEqual([]);
    expect(cfg.upstreams.map((u) => u.port)).toEqual([8081]);
  });

  it.each([
    ['server { listen 80;', 'unexpected end of file, expecting "}"', 1],
    ['server { listen 80 }', 'unexpected "}" after "listen" (missing ";"?)', 1],
    ['}', 'unexpected "}"', 1],
    ['server {\n  return 200 "unterminated;\n}', 'unterminated double quote', 2],
    [
      'worker_processes 1',
      'unexpected end of file, expecting ";" or "}" after "worker_processes"',
      1,
    ],
  ])('reports %j as an error instead of throwing', (text, message, line) => {
    expect(one(text)).toEqual({
      listens: [],
      upstreams: [],
      errors: [{ message, line, file: 'default.conf' }],
    });
  });

  it('parses comments and quotes as nginx does', () => {
    const { directives } = parseNginx(`# top\nuser "www data"; # trailing\nlisten 80;`);
    expect(directives).toEqual([
      { name: 'user', args: ['www data'], line: 2 },
      { name: 'listen', args: ['80'], line: 3 },
    ]);
  });
});

describe('nginx reader: a missing semicolon before a block', () => {
  it('is reported as nginx reports it', () => {
    expect(
      readNginxConfig([
        { name: 'a.conf', text: 'server {\n  listen 8443\n  location / { return 200; }\n}\n' },
      ]).errors,
    ).toEqual([
      { message: 'directive "listen" is not terminated by ";"', line: 2, file: 'a.conf' },
    ]);
  });
});

describe('nginx reader: the official image configuration and common idioms', () => {
  it('reads nginx.conf + default.conf of the nginx image (listens, no upstream)', () => {
    const cfg = readNginxConfig([
      {
        name: 'nginx.conf',
        text: `user  nginx;
worker_processes  auto;
error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;
events {
    worker_connections  1024;
}
http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';
    access_log  /var/log/nginx/access.log  main;
    sendfile        on;
    keepalive_timeout  65;
    include /etc/nginx/conf.d/*.conf;
}
`,
      },
      {
        name: 'default.conf',
        text: `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;
    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`,
      },
    ]);
    expect(cfg.errors).toEqual([]);
    expect(cfg.listens.map((l) => [l.file, l.line, l.host, l.port])).toEqual([
      ['default.conf', 2, undefined, 80],
      ['default.conf', 3, '::', 80],
    ]);
    expect(cfg.upstreams).toEqual([]);
  });

  it('reads a WebSocket proxy with map, if, quoted regex locations and empty strings', () => {
    const cfg = one(`map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
}
server {
    listen 8080;
    if ($request_method = TRACE) { return 405; }
    location ~ "^/api/v[0-9]{1,2}/" {
        proxy_pass http://127.0.0.1:3000;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
    }
}`);
    expect(cfg.errors).toEqual([]);
    expect(cfg.listens.map((l) => l.port)).toEqual([8080]);
    expect(cfg.upstreams.map((u) => [u.host, u.port, u.line])).toEqual([['127.0.0.1', 3000, 9]]);
  });
});
