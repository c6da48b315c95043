import { createHmac } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, flushExercised, type TestApp } from './helpers/app.js';
import { doc } from './helpers/contract.js';

/**
 * Swagger UI shows openapi.yaml's examples and sends its request examples as they are: each must
 * match its own schema, and each request example must get the operation's documented status.
 */

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema(doc as object, 'openapi.json');

type Node = Record<string, unknown>;
const spec = doc as unknown as Node;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const pointer = (path: readonly string[]) =>
  'openapi.json#/' + path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function resolve(node: unknown): Node {
  const ref = (node as Node | undefined)?.$ref;
  if (typeof ref !== 'string') return node as Node;
  let target: unknown = spec;
  for (const part of ref.replace(/^#\//, '').split('/')) target = (target as Node)[part];
  return target as Node;
}

interface Example {
  where: string;
  value: unknown;
  /** Pointer to the schema the value must match. */
  schema: string;
}

/** Every example in the document: media types, parameters and schemas' own `example(s)`. */
function collect(node: unknown, path: string[], out: Example[]): Example[] {
  if (node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((item, i) => collect(item, [...path, String(i)], out));
    return out;
  }
  const object = node as Node;
  const where = path.join('/');
  const parent = path[path.length - 1];
  if ('schema' in object && ('example' in object || 'examples' in object)) {
    const schema = pointer([...path, 'schema']);
    if ('example' in object) out.push({ where: `${where} example`, value: object.example, schema });
    for (const [name, example] of Object.entries((object.examples as Node | undefined) ?? {})) {
      out.push({ where: `${where} examples.${name}`, value: resolve(example).value, schema });
    }
  } else if (parent !== 'properties' && ('type' in object || '$ref' in object)) {
    // A schema's own example(s) (OpenAPI `example`, JSON Schema `examples: [...]`).
    if ('example' in object && typeof object.example !== 'object') {
      out.push({ where: `${where} example`, value: object.example, schema: pointer(path) });
    }
    if (Array.isArray(object.examples)) {
      object.examples.forEach((value, i) =>
        out.push({ where: `${where} examples[${i}]`, value, schema: pointer(path) }),
      );
    }
  }
  for (const [key, value] of Object.entries(object)) {
    if (key === 'example' || (key === 'examples' && parent !== 'properties')) continue;
    collect(value, [...path, key], out);
  }
  return out;
}

describe('openapi.yaml examples', () => {
  const examples = collect(spec, [], []);

  it('finds the examples (the walk is not vacuous)', () => {
    expect(examples.length).toBeGreaterThan(40);
    expect(examples.map((e) => e.where)).toContainEqual(
      expect.stringContaining('components/responses/Unauthorized'),
    );
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s matches its schema', (_where, e) => {
    const validate = ajv.compile({ $ref: e.schema });
    expect(validate(e.value) ? [] : validate.errors).toEqual([]);
  });

  it('gives every shared error response an example with its own status and type', () => {
    const responses = (spec.components as Node).responses as Record<string, Node>;
    for (const [name, response] of Object.entries(responses)) {
      for (const [status, key] of Object.entries(
        (spec.paths as Record<string, Record<string, Node>>)['/v1/manifests/validate'].post
          .responses as Record<string, Node>,
      )) {
        if (key.$ref !== `#/components/responses/${name}`) continue;
        const media = (response.content as Record<string, Node>)['application/problem+json'];
        const example = media.example as { status: number; type: string };
        expect(example.status, name).toBe(Number(status));
        expect(example.type, name).toMatch(/^https:\/\/podwire\.dev\/problems\//);
      }
    }
  });
});

const SECRET = 'examples-signing-secret';

describe('openapi.yaml request examples, replayed', () => {
  let t: TestApp;
  const mattermost = resolve(
    (
      (
        (spec.paths as Record<string, Record<string, Node>>)['/v1/chatops/mattermost'].post
          .requestBody as Node
      ).content as Record<string, Node>
    )['application/x-www-form-urlencoded'],
  );
  const token = (Object.values(mattermost.examples as Node)[0] as { value: { token: string } })
    .value.token;

  beforeAll(async () => {
    t = await createTestApp({ SLACK_SIGNING_SECRET: SECRET, MATTERMOST_TOKEN: token });
  });
  afterAll(async () => {
    flushExercised();
    await t.app.close();
  });

  const requests: [string, string, string, string, number, unknown][] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Node>>)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.requestBody) continue;
      const documented = Object.keys(operation.responses as Node)
        .filter((s) => /^2\d\d$/.test(s))
        .map(Number)
        .sort()[0];
      const content = resolve(operation.requestBody).content as Record<string, Node>;
      for (const [type, media] of Object.entries(content)) {
        const named = Object.entries((media.examples as Node | undefined) ?? {});
        if ('example' in media) named.push(['example', { value: media.example }]);
        for (const [name, example] of named) {
          requests.push([
            method.toUpperCase(),
            path,
            type,
            name,
            documented,
            resolve(example).value,
          ]);
        }
      }
    }
  }

  it('has a named request example for every media type of every request body', () => {
    for (const [, item] of Object.entries(spec.paths as Record<string, Record<string, Node>>)) {
      for (const method of METHODS) {
        const body = item[method]?.requestBody;
        if (!body) continue;
        for (const [type, media] of Object.entries(resolve(body).content as Record<string, Node>)) {
          expect(Object.keys((media.examples as Node | undefined) ?? {}), type).not.toEqual([]);
        }
      }
    }
  });

  /** GET operations as Swagger UI's "Try it out" fills them: every parameter with an example. */
  const gets: [string, string, number][] = [];
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, Node>>)) {
    const operation = item.get;
    if (!operation || path === '/docs') continue;
    const documented = Object.keys(operation.responses as Node)
      .filter((s) => /^[23]\d\d$/.test(s))
      .map(Number)
      .sort()[0];
    let url = path;
    const query = new URLSearchParams();
    for (const parameter of ((operation.parameters as Node[] | undefined) ?? []).map(resolve)) {
      const example = parameter.example ?? (parameter.schema as Node | undefined)?.example;
      if (parameter.in === 'path')
        url = url.replace(`{${String(parameter.name)}}`, String(example));
      else if (parameter.in === 'query' && example !== undefined) {
        query.set(String(parameter.name), String(example));
      }
    }
    gets.push([`${url}${query.size > 0 ? `?${query.toString()}` : ''}`, path, documented]);
  }

  it('has an example for every path parameter', () => {
    expect(gets.filter(([url]) => url.includes('{') || url.includes('undefined'))).toEqual([]);
  });

  it.each(gets)('GET %s (%s) gets %i', async (url, _path, status) => {
    const res = await t.http.get(url);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
  });

  it.each(requests)('%s %s (%s, %s) gets %i', async (method, path, type, _name, status, value) => {
    const body =
      type === 'application/x-www-form-urlencoded'
        ? new URLSearchParams(value as Record<string, string>).toString()
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
    if (type === 'multipart/form-data') {
      // Swagger UI sends the files a person picks: the example names them, a small manifest each.
      const fields = value as Record<string, unknown>;
      let form = t.http.post(path);
      for (const [name, field] of Object.entries(fields)) {
        if (name === 'file') {
          for (const file of field as string[]) {
            const filename = file.replace(/^\(|\)$/g, '');
            const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${filename.replace(/[^a-z0-9]+/g, '-')}\n`;
            form = form.attach('file', Buffer.from(manifest), filename);
          }
        } else if (name === 'config') {
          form = form.attach('config', Buffer.from('disable: []\n'), '.podwire.yaml');
        } else form = form.field(name, String(field));
      }
      const res = await form;
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      return;
    }
    let req = t.http[method.toLowerCase() as 'post'](path).set('Content-Type', type);
    if (path === '/v1/chatops/slack') {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = createHmac('sha256', SECRET)
        .update(`v0:${timestamp}:${body}`)
        .digest('hex');
      req = req
        .set('X-Slack-Request-Timestamp', timestamp)
        .set('X-Slack-Signature', `v0=${signature}`);
    }
    const res = await req.send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
  });
});
