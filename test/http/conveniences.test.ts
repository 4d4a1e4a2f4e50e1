import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

async function jsonServer() {
  return serve((req, res) => {
    if (req.url === '/missing') {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"error":"missing"}');
    }
    if (req.url === '/binary') return res.end(Buffer.from([0xff, 0x00, 0xfe]));
    if (req.url === '/broken') return res.end('{not json');
    res.setHeader('content-type', 'application/json');
    res.end('{"id":7,"name":"gizmo"}');
  });
}

describe('json(), text() and bytes() on the request handle', () => {
  it('give the body alone, from any responseType that still has it', async () => {
    await using server = await jsonServer();
    expect(await request(server.url).json()).toEqual({ id: 7, name: 'gizmo' });
    expect(await request(server.url, { responseType: 'json' }).json()).toEqual({ id: 7, name: 'gizmo' });
    expect(await request(server.url, { responseType: 'stream' }).json()).toEqual({ id: 7, name: 'gizmo' });
    expect(await request(server.url, { responseType: 'bytes' }).json()).toEqual({ id: 7, name: 'gizmo' });
    expect(await request(server.url).text()).toBe('{"id":7,"name":"gizmo"}');
    expect(await request(server.url, { responseType: 'stream' }).text()).toBe('{"id":7,"name":"gizmo"}');
    const binary = `${server.url}/binary`;
    expect([...(await request(binary, { responseType: 'bytes' }).bytes())]).toEqual([0xff, 0, 0xfe]);
    expect([...(await request(binary, { responseType: 'stream' }).bytes())]).toEqual([0xff, 0, 0xfe]);
  });

  it('reject with HTTP_STATUS on a 4xx/5xx, whose outcome stays a succeeded fact', async () => {
    await using server = await jsonServer();
    for (const responseType of ['text', 'stream'] as const) {
      const execution = request(`${server.url}/missing`, { responseType });
      await expect(execution.json()).rejects.toMatchObject({
        code: 'HTTP_STATUS',
        details: { status: 404, body_preview: '{"error":"missing"}' },
      });
      expect((await execution.result).status).toBe('succeeded');
    }
  });

  it('reject invalid JSON with HTTP_INVALID_JSON and a preview', async () => {
    await using server = await jsonServer();
    await expect(request(`${server.url}/broken`).json()).rejects.toMatchObject({
      code: 'HTTP_INVALID_JSON',
      details: { body_preview: '{not json' },
    });
  });

  it('refuse a body form that has lost what they need (INVALID_OPTIONS naming responseType)', async () => {
    await using server = await jsonServer();
    await expect(request(server.url).bytes()).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      details: { option: 'responseType', received: "'text'" },
    });
    await expect(request(server.url, { responseType: 'json' }).text()).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      details: { option: 'responseType', received: "'json'" },
    });
  });

  it('surface a body failure (size cap) from a streamed body', async () => {
    await using server = await serve((_req, res) => res.end(Buffer.alloc(300_000, 1)));
    const execution = request(server.url, { responseType: 'stream', maxResponseBytes: 100_000 });
    await expect(execution.bytes()).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});
