import { createServer, type Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { request } from '../../src/http/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';

const realSetTimeout = globalThis.setTimeout;

describe.each(['node', 'fetch', 'undici'] as const)('timeouts on the %s engine', (engine) => {
  it('headersMs: a server slow to answer times out in the headers phase', async () => {
    await using server = await serve((_req, res) => setTimeout(() => res.end('late'), 2_000));
    const outcome = await request(server.url, { engine, timeouts: { headersMs: 100 }, retry: false }).result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure).toMatchObject({
      failure_class: 'timeout',
      details: { phase: 'headers', timeout_ms: 100 },
    });
  });

  it('idleMs: a body that stalls between chunks times out in the idle phase', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200);
      res.write('first chunk');
      setTimeout(() => res.end('never in time'), 2_000);
    });
    const started = performance.now();
    const outcome = await request(server.url, { engine, timeouts: { idleMs: 150 }, retry: false }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'timeout',
      details: { phase: 'idle', timeout_ms: 150 },
    });
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('idleMs counts from the last chunk, so a slow but steady body completes', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200);
      let n = 0;
      const tick = setInterval(() => {
        res.write(`${n}`);
        if (++n === 6) {
          clearInterval(tick);
          res.end();
        }
      }, 60);
    });
    const output = await request(server.url, { engine, timeouts: { idleMs: 250 } }).output();
    expect(output.body).toBe('012345');
  });

  it('time the consumer holds the lane counts against no phase timeout', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200);
      res.end('done');
    });
    const execution = request(server.url, {
      engine,
      timeouts: { headersMs: 100, idleMs: 100 },
      retry: false,
      eventQueueCapacity: 1,
    });
    const seen: string[] = [];
    for await (const event of execution) {
      seen.push(event.event_type);
      if (event.event_type === 'http.request') await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(seen).toContain('http.response');
    expect((await execution.output()).body).toBe('done');
  });

  it.each([
    ['a partial body', (res: import('node:http').ServerResponse) => res.writeHead(200).write('partial')],
    ['a complete body', (res: import('node:http').ServerResponse) => res.writeHead(200).end('whole')],
  ])(
    'a cancel while the consumer holds the lane ends it promptly, lane included (%s)',
    async (_name, answer) => {
      await using server = await serve((_req, res) => {
        answer(res);
      });
      const execution = request(server.url, { engine, retry: false, eventQueueCapacity: 1 });
      const iterator = execution[Symbol.asyncIterator]();
      await iterator.next();
      await iterator.next(); // http.request; the lane now waits to emit http.response
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();
      const outcome = await execution.cancel('enough');
      expect(outcome.status).toBe('cancelled');
      expect(outcome.failure?.details).not.toHaveProperty('lane_unresponsive');
      expect(performance.now() - started).toBeLessThan(1_000);
    },
  );

  it('totalMs bounds the whole request, retries included, and is not retried', async () => {
    await using server = await serve((_req, res) => setTimeout(() => res.end('late'), 2_000));
    const execution = request(server.url, {
      engine,
      timeouts: { totalMs: 200, headersMs: 80 },
      retry: { initialDelayMs: 10, jitter: false },
    });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(outcome.status).toBe('timed_out');
    // headers timeouts were retried until the total budget ran out
    expect(payloads(events, 'http.retrying').length).toBeGreaterThanOrEqual(1);
  });

  it('retries a headers timeout for an idempotent method, then reports it', async () => {
    await using server = await serve((_req, res) => setTimeout(() => res.end('late'), 1_000));
    const execution = request(server.url, {
      engine,
      timeouts: { headersMs: 60 },
      retry: { maxRetries: 1, initialDelayMs: 10 },
    });
    const events = await collect(execution);
    expect(payloads(events, 'http.retrying')).toEqual([
      expect.objectContaining({ attempt: 2, reason: 'timeout', status: null }),
    ]);
    expect((await execution.result).failure?.details).toMatchObject({ phase: 'headers' });
    expect(server.seen.length).toBe(2);
  });
});

describe('connect timeout (Node engine)', () => {
  it('connectMs: a TLS handshake that never completes times out in the connect phase', async () => {
    // Accepts TCP and then says nothing: the TLS handshake (part of connecting) never ends.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const outcome = await request(`https://127.0.0.1:${port}/`, {
        timeouts: { connectMs: 100, headersMs: 5_000 },
        retry: false,
      }).result;
      expect(outcome.failure).toMatchObject({
        failure_class: 'timeout',
        details: { phase: 'connect', timeout_ms: 100 },
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('phase limits the execution timeout ends first', () => {
  it('arms no timer for them, and the execution timeout still ends the request', async () => {
    // Held without answering; `/warm` answers at once, leaving a keep-alive socket (no connect).
    const held: Array<{ end(): void }> = [];
    await using server = await serve((req, res) => (req.url === '/warm' ? res.end('ok') : held.push(res)));
    await request(new URL('/warm', server.url)).text();
    const delays: unknown[] = [];
    const spy = vi.spyOn(globalThis, 'setTimeout');
    spy.mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms);
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout);
    try {
      const slow = await request(server.url, { timeoutMs: 300, timeouts: { headersMs: 4_321 }, retry: false })
        .result;
      expect(slow.status).toBe('timed_out');
      expect(slow.failure?.details).not.toMatchObject({ phase: 'headers' });
      // The execution's 300 ms timer, never the 4.3 s headers limit that could not fire first.
      expect(delays).toContain(300);
      expect(delays).not.toContain(4_321);
      const armed = await request(server.url, {
        timeoutMs: 5_000,
        timeouts: { headersMs: 200 },
        retry: false,
      }).result;
      expect(armed.failure?.details).toMatchObject({ phase: 'headers', timeout_ms: 200 });
      expect(delays).toContain(200);
    } finally {
      spy.mockRestore();
      for (const res of held) res.end();
    }
  });
});
