import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';

// Every behaviour holds on both engines; each test runs against a real node:http server.
describe.each(['node', 'fetch'] as const)('request() on the %s engine', (engine) => {
  it('returns the response as output with request/response events', async () => {
    await using server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-trace': 'abc' });
      res.end(`hello ${req.method} ${req.url}`);
    });
    const execution = request(`${server.url}/greet?x=1`, { engine });
    const events = await collect(execution);
    const output = await execution.output();
    expect(output).toMatchObject({
      status: 200,
      status_text: 'OK',
      body: 'hello GET /greet?x=1',
      url: `${server.url}/greet?x=1`,
      redirects: [],
      attempts: 1,
    });
    expect(output.headers['x-trace']).toBe('abc');
    expect(events.map((e) => e.event_type)).toEqual([
      'execution.started',
      'http.request',
      'http.response',
      'execution.completed',
    ]);
    expect(payloads(events, 'http.response')[0]).toMatchObject({ attempt: 1, status: 200 });
    expect((await execution.result).metrics).toMatchObject({ attempts: 1, bytes_read: 20 });
  });

  it('sends JSON, text, bytes, form and stream bodies with fetch-compatible content types', async () => {
    await using server = await serve((req, res, body) =>
      res.end(JSON.stringify({ type: req.headers['content-type'] ?? null, body })),
    );
    const send = (body: unknown) =>
      request(server.url, { method: 'POST', body, responseType: 'json', engine, retry: false }).output();
    expect((await send({ a: 1 })).body).toEqual({ type: 'application/json', body: '{"a":1}' });
    expect((await send('plain')).body).toEqual({ type: 'text/plain;charset=UTF-8', body: 'plain' });
    expect((await send(new TextEncoder().encode('raw'))).body).toEqual({ type: null, body: 'raw' });
    expect((await send(new URLSearchParams({ q: 'a b' }))).body).toEqual({
      type: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: 'q=a+b',
    });
    const form = new FormData();
    form.set('field', 'value');
    const multipart = (await send(form)).body as { type: string; body: string };
    expect(multipart.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipart.body).toContain('name="field"');
    async function* chunks() {
      yield new TextEncoder().encode('str');
      yield new TextEncoder().encode('eam');
    }
    expect((await send(chunks())).body).toEqual({ type: null, body: 'stream' });
    const custom = await request(server.url, {
      method: 'PUT',
      body: { a: 1 },
      headers: { 'Content-Type': 'application/vnd.api+json' },
      responseType: 'json',
      engine,
    }).output();
    expect(custom.body).toEqual({ type: 'application/vnd.api+json', body: '{"a":1}' });
  });

  it('treats 4xx and 5xx as facts, and fails on them only with throwOnHttpError', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"missing"}');
    });
    const fact = await request(server.url, { engine, responseType: 'json' }).result;
    expect(fact.status).toBe('succeeded');
    expect(fact.output).toMatchObject({ status: 404, body: { error: 'missing' } });
    const thrown = await request(server.url, { engine, throwOnHttpError: true }).result;
    expect(thrown.status).toBe('failed');
    expect(thrown.failure).toMatchObject({
      failure_class: 'semantic_runtime_failed',
      code: 'HTTP_STATUS',
      reason: 'HTTP 404 Not Found',
      details: { status: 404, body_preview: '{"error":"missing"}' },
    });
    expect(thrown.output).toMatchObject({ status: 404 });
  });

  it('returns bytes and parsed JSON, and fails invalid JSON as protocol_framing_failed', async () => {
    await using server = await serve((req, res) => res.end(req.url === '/bad' ? '<html>' : '[1,2]'));
    const bytes = await request(server.url, { engine, responseType: 'bytes' }).output();
    expect(bytes.body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes.body)).toBe('[1,2]');
    expect((await request(server.url, { engine, responseType: 'json' }).output()).body).toEqual([1, 2]);
    const bad = await request(`${server.url}/bad`, { engine, responseType: 'json' }).result;
    expect(bad.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'HTTP_INVALID_JSON',
      details: { body_preview: '<html>' },
    });
    expect(bad.output).toMatchObject({ status: 200, body: '<html>' });
  });

  it('decodes a gzip body', async () => {
    const text = 'compressed '.repeat(1_000);
    await using server = await serve((req, res) => {
      expect(req.headers['accept-encoding']).toMatch(/gzip/);
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(text));
    });
    const output = await request(server.url, { engine }).output();
    expect(output.body).toBe(text);
  });

  it('sends HEAD and OPTIONS without a body (the reference could not)', async () => {
    await using server = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '5', allow: 'GET, HEAD' });
      res.end(req.method === 'HEAD' ? undefined : 'hello');
    });
    const head = await request(server.url, { method: 'head', engine }).output();
    expect(head).toMatchObject({ status: 200, body: '' });
    const options = await request(server.url, { method: 'OPTIONS', engine }).output();
    expect(options.headers.allow).toBe('GET, HEAD');
    expect(server.seen.map((r) => r.method)).toEqual(['HEAD', 'OPTIONS']);
  });
});
