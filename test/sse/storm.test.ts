import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { stream } from '../../src/sse/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

const WINDOW_MS = 1_500;
// 10 reconnects a second at most, plus the first connection and timer slack.
const MAX_CONNECTIONS = Math.ceil(WINDOW_MS / 100) + 3;

describe('no server can make a stream reconnect-storm', () => {
  it('retry: 0, one new event per connection, then a drop: ~10 reconnects/s, not 117', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      const n = server.seen.length;
      res.write(formatEvent({ id: String(n), data: 'x', retry: 0 }), () => res.socket?.destroy());
    });
    const outcome = await stream(server.url, { timeoutMs: WINDOW_MS }).result;
    expect(outcome.status).not.toBe('succeeded');
    const rate = server.seen.length / (WINDOW_MS / 1_000);
    expect(server.seen.length, `${rate} connections/s`).toBeLessThanOrEqual(MAX_CONNECTIONS);
    expect(server.seen.length).toBeGreaterThanOrEqual(5); // progress keeps it going, at the floor
  });

  it('retry: 0, one new event per connection, then a clean end (afterEnd): ~10 reconnects/s, not 527', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.end(formatEvent({ id: String(server.seen.length), data: 'x', retry: 0 }));
    });
    const execution = stream(server.url, { timeoutMs: WINDOW_MS, reconnect: { afterEnd: true } });
    const events = await collect(execution);
    expect(server.seen.length).toBeLessThanOrEqual(MAX_CONNECTIONS);
    for (const p of payloads<{ delay_ms: number }>(events, 'sse.reconnecting')) {
      expect(p.delay_ms).toBeGreaterThanOrEqual(100); // the server's retry: 0 raised to the floor
    }
  });

  it('a server replaying the same event on every reconnect does not refresh the budget', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.write(formatEvent({ id: 'same', data: 'again', retry: 0 }), () => res.socket?.destroy());
    });
    const started = performance.now();
    const execution = stream(server.url, { reconnect: { maxAttempts: 2 } });
    const outcome = await execution.result;
    expect(outcome.failure).toMatchObject({ code: 'SSE_DISCONNECTED', details: { reconnect_attempts: 2 } });
    expect(server.seen.length).toBe(3); // the first connection and 2 reconnects, not 9 in 4 s
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a server cycling through the same ids makes no progress either', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      const id = String(server.seen.length % 2);
      res.write(formatEvent({ id, data: 'cycle', retry: 0 }), () => res.socket?.destroy());
    });
    const outcome = await stream(server.url, { reconnect: { maxAttempts: 2 } }).result;
    expect(outcome.failure).toMatchObject({ code: 'SSE_DISCONNECTED' });
    // ids 1 and 0 are new once each; after that the budget of 2 runs out.
    expect(server.seen.length).toBeLessThanOrEqual(5);
  });

  it('the caller sets the floor (minDelayMs); the default is 100 ms', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.end(formatEvent({ id: String(server.seen.length), data: 'x', retry: 1 }));
    });
    const execution = stream(server.url, { timeoutMs: 600, reconnect: { afterEnd: true, minDelayMs: 250 } });
    const delays = payloads<{ delay_ms: number }>(await collect(execution), 'sse.reconnecting');
    expect(delays.length).toBeGreaterThan(0);
    for (const p of delays) expect(p.delay_ms).toBe(250);
  });
});

describe('event ids are UTF-8 end to end', () => {
  it('resumes after an id like café-😀: the Last-Event-ID arrives as its UTF-8 bytes', async () => {
    const id = 'café-😀';
    const received: string[] = [];
    await using server = await serve((req, res) => {
      openStream(res);
      const raw = req.headers['last-event-id'] as string | undefined;
      // node:http decodes header bytes as latin1: re-read them as UTF-8.
      if (raw !== undefined) received.push(Buffer.from(raw, 'latin1').toString('utf8'));
      if (raw === undefined)
        return void res.write(formatEvent({ id, data: 'first' }), () => res.socket?.destroy());
      res.end(formatEvent({ data: '[DONE]' }));
    });
    const execution = stream(server.url, { reconnect: { minDelayMs: 1, initialDelayMs: 1 } });
    const events = await collect(execution);
    expect(await execution.output()).toMatchObject({
      end_reason: 'sentinel',
      last_event_id: id,
      reconnects: 1,
    });
    expect(received).toEqual([id]);
    expect(payloads(events, 'sse.open').map((p) => p.last_event_id)).toEqual([null, id]);
  });

  it('sends a lastEventId option as UTF-8 too', async () => {
    const received: string[] = [];
    await using server = await serve((req, res) => {
      received.push(Buffer.from(String(req.headers['last-event-id'] ?? ''), 'latin1').toString('utf8'));
      openStream(res);
      res.end(formatEvent({ data: '[DONE]' }));
    });
    await stream(server.url, { lastEventId: 'ünïcødé ✓', reconnect: false }).output();
    expect(received).toEqual(['ünïcødé ✓']);
  });

  it('refuses a lastEventId with CR, LF or NUL as INVALID_OPTIONS, before any I/O', () => {
    for (const bad of ['a\rb', 'a\nb', 'a\0b']) {
      let error: unknown;
      try {
        stream('http://127.0.0.1:9/', { lastEventId: bad });
      } catch (e) {
        error = e;
      }
      expect(isExecutionError(error) && error.code === 'INVALID_OPTIONS' && error.details.option).toBe(
        'lastEventId',
      );
    }
  });
});
