import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { request } from '../../src/http/index.js';
import { stream } from '../../src/sse/index.js';

// Nothing may escape as an unhandled error: the attack crashed the process with `socket hang up`.
const escaped: unknown[] = [];
const record = (error: unknown) => escaped.push(error);
beforeAll(() => {
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
});
afterAll(() => {
  process.off('unhandledRejection', record);
  process.off('uncaughtException', record);
});

async function listen(server: net.Server): Promise<{ url: string } & AsyncDisposable> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/upload`,
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const EXPECT = { expect: '100-continue' };

describe('expect: 100-continue on the Node engine', () => {
  it('sends the body after the server answers 100 Continue', async () => {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.end(`got ${body}`));
    });
    let continued = 0;
    server.on('checkContinue', (req, res) => {
      continued++;
      res.writeContinue();
      server.emit('request', req, res);
    });
    await using peer = await listen(server);
    const started = performance.now();
    const output = await request(peer.url, {
      method: 'POST',
      headers: EXPECT,
      body: 'payload',
      engine: 'node',
    }).output();
    expect(output).toMatchObject({ status: 200, body: 'got payload' });
    expect(continued).toBe(1);
    expect(performance.now() - started).toBeLessThan(900); // did not wait for the 1 s fallback
  });

  it('returns a final status sent without 100 and never sends the body', async () => {
    let bodyBytes = 0;
    const server = http.createServer();
    server.on('checkContinue', (req, res) => {
      req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.writeHead(413, { connection: 'close' });
      res.end('too large');
    });
    await using peer = await listen(server);
    const output = await request(peer.url, {
      method: 'PUT',
      headers: EXPECT,
      body: 'x'.repeat(100_000),
      engine: 'node',
      retry: false,
    }).output();
    expect(output).toMatchObject({ status: 413, body: 'too large' });
    await settle();
    expect(bodyBytes).toBe(0);
  });

  it('sends the body after continueMs when the server says nothing', async () => {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => res.end(`late ${body}`));
    });
    // A server that ignores the expectation: waits for the body without answering 100.
    server.on('checkContinue', (req, res) => server.emit('request', req, res));
    await using peer = await listen(server);
    const started = performance.now();
    const output = await request(peer.url, {
      method: 'POST',
      headers: EXPECT,
      body: 'payload',
      engine: 'node',
      timeouts: { continueMs: 150 },
    }).output();
    expect(output.body).toBe('late payload');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('a server that closes instead of answering: a typed failure, nothing unhandled', async () => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', () => setTimeout(() => socket.destroy(), 30));
    });
    await using peer = await listen(server);
    for (const continueMs of [10, 1_000]) {
      const outcome = await request(peer.url, {
        method: 'POST',
        headers: EXPECT,
        body: 'payload',
        engine: 'node',
        timeouts: { continueMs },
      }).result;
      expect(outcome.failure).toMatchObject({
        code: 'HTTP_TRANSPORT_FAILED',
        failure_class: 'transport_failed',
      });
    }
    await settle();
    expect(escaped).toEqual([]);
  });
});

describe('expect where it cannot work', () => {
  const refusal = (start: () => unknown) => {
    try {
      start();
    } catch (error) {
      return isExecutionError(error) ? error.details.option : error;
    }
    return 'accepted';
  };
  it('is INVALID_OPTIONS on the fetch engine and on streams; other expectations are refused everywhere', () => {
    const url = 'http://127.0.0.1:9/';
    expect(refusal(() => request(url, { method: 'POST', body: 'x', headers: EXPECT, engine: 'fetch' }))).toBe(
      'headers.expect',
    );
    expect(refusal(() => request(url, { headers: EXPECT, fetch: globalThis.fetch }))).toBe('headers.expect');
    expect(refusal(() => request(url, { headers: { expect: 'coffee' }, engine: 'node' }))).toBe(
      'headers.expect',
    );
    expect(refusal(() => stream(url, { headers: EXPECT }))).toBe('headers.expect');
    expect(escaped).toEqual([]);
  });
});
