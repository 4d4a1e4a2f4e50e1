import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { startExecution } from '../../src/core/start-execution.js';
import { httpLane, request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MiB = 1024 * 1024;

/** Writes `total` bytes in 64 KiB chunks, honouring the socket's backpressure; `sent()` counts what Node accepted. */
function pump(res: ServerResponse, total: number): { sent: () => number } {
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  const next = () => {
    while (sent < total) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', next);
    }
    res.end();
  };
  next();
  return { sent: () => sent };
}

async function readAll(body: AsyncIterable<Uint8Array>): Promise<number> {
  let total = 0;
  for await (const chunk of body) total += chunk.byteLength;
  return total;
}

describe.each(['node', 'fetch', 'undici'] as const)("responseType 'stream' on the %s engine", (engine) => {
  it('resolves output() at the headers, before the body ends; the outcome settles at its end', async () => {
    let finish!: () => void;
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first ');
      finish = () => res.end('last');
    });
    const execution = request(server.url, { engine, responseType: 'stream' });
    const { status, headers, body } = await execution.output();
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/plain');
    expect(execution.status).toBe('running');
    const reader = body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first ');
    finish();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('last');
    const outcome = await execution.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.metrics.bytes_read).toBe(10);
  });

  it('pulls from the socket: a consumer that reads nothing stalls the server well below 64 MiB', async () => {
    let sender: { sent: () => number } | undefined;
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      sender = pump(res, 64 * MiB);
    });
    const execution = request(server.url, { engine, responseType: 'stream', maxResponseBytes: 128 * MiB });
    const { body } = await execution.output();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    // Wait until the server has stopped making progress (bounded: 40 × 50 ms).
    let last = -1;
    for (let i = 0; i < 40 && sender?.sent() !== last; i++) {
      last = sender?.sent() ?? 0;
      await delay(50);
    }
    const stalledAt = sender?.sent() ?? 0;
    const heapGrowth = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
    expect(stalledAt, 'bytes the server could send to a consumer that reads nothing').toBeLessThan(8 * MiB);
    expect(heapGrowth, 'client memory held for the unread body').toBeLessThan(4 * MiB);
    expect(await readAll(body)).toBe(64 * MiB);
    expect((await execution.result).status).toBe('succeeded');
  });

  it('enforces maxResponseBytes while streaming: the reader gets LIMIT_EXCEEDED, and so does the outcome', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200);
      pump(res, 2 * MiB);
    });
    const execution = request(server.url, { engine, responseType: 'stream', maxResponseBytes: 256 * 1024 });
    const { body } = await execution.output();
    const error = await readAll(body).catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('LIMIT_EXCEEDED');
    const outcome = await execution.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'maxResponseBytes' } });
  });

  it('applies idleMs while the reader waits for the server, not while the reader holds back', async () => {
    let stall = false;
    await using server = await serve((req, res) => {
      res.writeHead(200);
      res.write('chunk one');
      if (req.url === '/stall') stall = true;
      else setTimeout(() => res.end('chunk two'), 50);
    });
    // The consumer sits on the body for three idle limits: its own slowness is no idle timeout.
    const slow = request(server.url, { engine, responseType: 'stream', timeouts: { idleMs: 150 } });
    const { body } = await slow.output();
    await delay(450);
    expect(await readAll(body)).toBe(18);
    expect((await slow.result).status).toBe('succeeded');
    // A server that goes quiet while the reader waits is one.
    const stalled = request(`${server.url}/stall`, {
      engine,
      responseType: 'stream',
      timeouts: { idleMs: 150 },
    });
    const error = await stalled.output().then(({ body: b }) => readAll(b).catch((e: unknown) => e));
    expect(stall).toBe(true);
    expect(isExecutionError(error) && error.code).toBe('TIMEOUT');
    const outcome = await stalled.result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure?.details).toMatchObject({ phase: 'idle', timeout_ms: 150 });
  });

  it('cancel() while the body is unread errors the stream and closes the socket', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200);
      pump(res, 64 * MiB);
    });
    const execution = request(server.url, { engine, responseType: 'stream' });
    const { body } = await execution.output();
    const outcome = await execution.cancel('enough');
    expect(outcome.status).toBe('cancelled');
    const error = await readAll(body).catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('CANCELLED');
    // The caller's signal does the same.
    const controller = new AbortController();
    const signalled = request(server.url, { engine, responseType: 'stream', signal: controller.signal });
    const reading = (await signalled.output()).body.getReader();
    expect((await reading.read()).done).toBe(false);
    controller.abort(new Error('caller gave up'));
    expect((await signalled.result).status).toBe('cancelled');
    const after = await reading.read().then(
      () => 'a chunk',
      (e: unknown) => e,
    );
    expect(isExecutionError(after) && after.code).toBe('CANCELLED');
    for (let i = 0; i < 50 && server.openSockets() > 0; i++) await delay(20);
    expect(server.openSockets()).toBe(0);
  });

  it('breaking out of for-await ends the execution (cancelled by its reader) and releases the socket', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200);
      pump(res, 64 * MiB);
    });
    for (let i = 0; i < 5; i++) {
      const execution = request(server.url, { engine, responseType: 'stream' });
      const { body } = await execution.output();
      let seen = 0;
      for await (const chunk of body) {
        seen += chunk.byteLength;
        if (seen > 100_000) break;
      }
      const outcome = await execution.result;
      expect(outcome.status).toBe('cancelled');
      expect(outcome.failure?.reason).toBe('response body cancelled by its reader');
      expect(outcome.metrics.bytes_read).toBeGreaterThan(100_000);
    }
    for (let i = 0; i < 50 && server.openSockets() > 0; i++) await delay(20);
    expect(server.openSockets(), 'server sockets left open').toBe(0);
  });

  it('follows redirects and retries a status before the headers are delivered', async () => {
    let tries = 0;
    await using server = await serve((req, res) => {
      if (req.url === '/old') {
        res.writeHead(302, { location: '/flaky' });
        return res.end();
      }
      if (tries++ === 0) {
        res.writeHead(503);
        return res.end();
      }
      res.end('streamed');
    });
    const execution = request(`${server.url}/old`, {
      engine,
      responseType: 'stream',
      retry: { initialDelayMs: 1 },
    });
    const output = await execution.output();
    expect(output.redirects.map((r) => r.status)).toEqual([302]);
    expect(output.attempts).toBe(2);
    expect(await new Response(output.body).text()).toBe('streamed');
  });

  it('with throwOnHttpError, a 4xx is read whole and rejects output() with HTTP_STATUS', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(404);
      res.end('no such thing');
    });
    const execution = request(server.url, { engine, responseType: 'stream', throwOnHttpError: true });
    await expect(execution.output()).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      details: { outcome: { failure: { details: { status: 404, body_preview: 'no such thing' } } } },
    });
  });
});

describe.each(['node', 'fetch', 'undici'] as const)(
  'streamed bodies on the %s engine leak nothing',
  (engine) => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

    it('60 streams read, broken off, cancelled or timed out leave no socket, timer or listener', async () => {
      await using server = await serve((req, res) => {
        res.writeHead(200);
        if (req.url === '/stall') return void res.write('x'); // never ends: the idle limit fires
        pump(res, req.url === '/big' ? 8 * MiB : 64 * 1024);
      });
      const shared = new AbortController();
      const timersBefore = timers();
      const statuses: string[] = [];
      for (let batch = 0; batch < 15; batch++) {
        const runs = ['small', 'big', 'cancel', 'stall'].map(async (kind) => {
          const path = kind === 'small' || kind === 'cancel' ? '/small' : `/${kind}`;
          const execution = request(`${server.url}${path}`, {
            engine,
            responseType: 'stream',
            signal: shared.signal,
            timeouts: { idleMs: 50 },
            retry: false,
          });
          const { body } = await execution.output();
          if (kind === 'cancel') await execution.cancel('test');
          else if (kind === 'big') for await (const _ of body) break;
          else await readAll(body).catch(() => 0);
          statuses.push((await execution.result).status);
        });
        await Promise.all(runs);
      }
      expect(statuses.filter((s) => s === 'succeeded')).toHaveLength(15);
      expect(statuses.filter((s) => s === 'cancelled')).toHaveLength(30);
      expect(statuses.filter((s) => s === 'timed_out')).toHaveLength(15);
      // 45 of the 60 end their socket early: a leak would leave dozens open. A keep-alive pool may
      // hold one more than the 4 in flight (undici dispatches on a new one while another closes).
      for (let i = 0; i < 100 && server.openSockets() > 4; i++) await delay(20);
      const open = server.openSockets();
      expect(open, 'server sockets open at the end (keep-alive pools only)').toBeLessThanOrEqual(8);
      expect(server.connections(), 'sockets ended early are never reused').toBeGreaterThanOrEqual(45);
      expect(timers(), 'timers left behind').toBeLessThanOrEqual(timersBefore);
      expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    });
  },
);

describe('stream planning', () => {
  it("refuses responseType 'stream' in a lane payload, before any I/O", () => {
    expect(() => startExecution(httpLane, { url: 'http://127.0.0.1:9/', responseType: 'stream' })).toThrow(
      /responseType.*'stream' is for request\(\)/,
    );
  });

  it('scrubs listed secrets from the streamed output but keeps the body bytes as they are', async () => {
    const secret = 'sk-live-123456';
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'x-echo': `token ${secret}` });
      res.end(`body ${secret}`);
    });
    const execution = request(server.url, { responseType: 'stream', secrets: [secret] });
    const output = await execution.output();
    expect(output.headers['x-echo']).toBe('token [redacted]');
    expect(await new Response(output.body).text()).toBe(`body ${secret}`);
    expect((await execution.result).output?.headers['x-echo']).toBe('token [redacted]');
  });

  it('a failure before the headers rejects output() with that failure', async () => {
    const execution = request('http://127.0.0.1:9/', { responseType: 'stream', retry: false });
    await expect(execution.output()).rejects.toMatchObject({ code: 'HTTP_TRANSPORT_FAILED' });
    // Nobody asked for output(): no unhandled rejection either.
    await request('http://127.0.0.1:9/', { responseType: 'stream', retry: false }).result;
  });
});
