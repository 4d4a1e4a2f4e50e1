import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { AttemptAbort } from '../../src/http/abort-link.js';
import { createNodeEngine } from '../../src/http/node-engine.js';
import { serve } from '../fixtures/http/serve.js';

const progress = { touch: () => {}, tooLarge: () => new Error('too large') };

describe('Node engine', () => {
  it('reads nothing and fails when an abort dumped the body before it was read', async () => {
    await using server = await serve((_req, res) => res.end('whole body'));
    const abort = new AttemptAbort();
    const response = await createNodeEngine().send({
      url: new URL(server.url),
      method: 'GET',
      headers: {},
      body: undefined,
      abort,
    });
    abort.abort(new Error('cancelled meanwhile'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = response.readBody(1_000, progress);
    await expect(
      Promise.race([read, new Promise((resolve) => setTimeout(() => resolve('hung'), 1_000))]),
    ).rejects.toThrow();
  });

  it('reads a complete body that waited, unread, for the consumer', async () => {
    await using server = await serve((_req, res) => res.end('whole body'));
    const response = await createNodeEngine().send({
      url: new URL(server.url),
      method: 'GET',
      headers: {},
      body: undefined,
      abort: new AttemptAbort(),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const bytes = await response.readBody(1_000, progress);
    expect(new TextDecoder().decode(bytes)).toBe('whole body');
  });

  it('hands over a small body already whole as it is (no promise), the headers having been read with it', async () => {
    await using server = await serve((_req, res) => res.end('whole body'));
    const response = await send(server.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = response.readBody(1_000, progress);
    expect(read).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(read as Uint8Array)).toBe('whole body');
  });

  it('holds a large unread body with the socket paused, then reads it whole or refuses it past the limit', async () => {
    const body = 'x'.repeat(1024 * 1024);
    await using server = await serve((_req, res) => res.end(body));
    const whole = await send(server.url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(new TextDecoder().decode(await whole.readBody(2 * body.length, progress))).toBe(body);
    const refused = await send(server.url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(refused.readBody(1_000, progress)).rejects.toThrow('too large');
  });

  it('reads nothing of a streamed body before it is opened: the reader gets every byte', async () => {
    const body = 'y'.repeat(200 * 1024);
    await using server = await serve((_req, res) => res.end(body));
    const response = await send(server.url, true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reader = response.open();
    let text = '';
    for (let chunk = await reader.read(); chunk !== undefined; chunk = await reader.read()) {
      text += Buffer.from(chunk).toString('utf8');
    }
    expect(text).toBe(body);
  });

  it('reports the connect phase of a new connection, and none for a reused keep-alive socket', async () => {
    await using server = await serve((_req, res) => res.end('ok'));
    const own = new http.Agent({ keepAlive: true });
    const seen: string[] = [];
    const connect = { connecting: () => seen.push('connecting'), connected: () => seen.push('connected') };
    try {
      for (let i = 0; i < 2; i++) {
        const response = await createNodeEngine({ http: own }).send({
          url: new URL(server.url),
          method: 'GET',
          headers: {},
          body: undefined,
          abort: new AttemptAbort(),
          progress: connect,
        });
        await response.readBody(1_000, progress);
        seen.push('read');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      own.destroy();
    }
    expect(seen).toEqual(['connecting', 'connected', 'read', 'read']);
    expect(server.connections()).toBe(1);
  });

  it('drains a small discarded body so the next request reuses its connection', async () => {
    await using server = await serve((_req, res) => res.end('first'));
    (await send(server.url)).discard();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await send(server.url);
    expect(new TextDecoder().decode(await second.readBody(1_000, progress))).toBe('first');
    expect(server.connections()).toBe(1);
  });
});

const agent = new http.Agent({ keepAlive: true });
afterAll(() => agent.destroy());

function send(url: string, streamed = false) {
  return createNodeEngine({ http: agent }).send({
    url: new URL(url),
    method: 'GET',
    headers: {},
    body: undefined,
    abort: new AttemptAbort(),
    streamed,
  });
}
