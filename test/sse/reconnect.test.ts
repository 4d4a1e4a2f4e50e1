import { describe, expect, it } from 'vitest';
import { stream } from '../../src/sse/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';
import { sseMessages } from '../fixtures/sse/messages.js';
import { formatEvent, openStream, serveDroppingEvents } from '../fixtures/sse/serve-events.js';

describe('stream() reconnects', () => {
  it('resumes with Last-Event-ID and honours the server retry: field, also when it changes', async () => {
    await using server = await serve((req, res) => {
      openStream(res);
      const last = req.headers['last-event-id'];
      if (last === undefined) {
        res.write(formatEvent({ id: '1', data: 'a', retry: 40 }));
        return void res.write(formatEvent({ id: '2', data: 'b' }), () => res.socket?.destroy());
      }
      if (last === '2') {
        res.write(formatEvent({ id: '3', data: 'c', retry: 15 }));
        return void res.write('id: 4\ndata: partial, never ', () => res.socket?.destroy());
      }
      res.end(formatEvent({ id: '4', data: 'd' }));
    });
    // A floor under the server's retry: lowered by the caller, so both retry values are honoured.
    const execution = stream(server.url, {
      method: 'POST',
      body: 'resend me',
      reconnect: { minDelayMs: 10 },
    });
    const events = await collect(execution);
    expect(sseMessages(events).map((p) => p.data)).toEqual(['a', 'b', 'c', 'd']);
    expect(payloads(events, 'sse.reconnecting')).toEqual([
      {
        attempt: 2,
        delay_ms: 40,
        last_event_id: '2',
        reason: 'disconnect',
        status: null,
        errno: expect.any(String),
      },
      {
        attempt: 3,
        delay_ms: 15,
        last_event_id: '3',
        reason: 'disconnect',
        status: null,
        errno: expect.any(String),
      },
    ]);
    expect(server.seen.map((r) => [r.headers['last-event-id'], r.body])).toEqual([
      [undefined, 'resend me'],
      ['2', 'resend me'],
      ['3', 'resend me'],
    ]);
    expect(payloads(events, 'sse.open').map((p) => p.last_event_id)).toEqual([null, '2', '3']);
    expect(await execution.output()).toMatchObject({ messages: 4, reconnects: 2, last_event_id: '4' });
  });

  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random drops (seed ${seed}): every event exactly once, in order`, async () => {
      const total = 300;
      await using server = await serveDroppingEvents({ total, seed, maxDropBytes: 1_500 });
      const execution = stream(server.url, { json: true, reconnect: { maxAttempts: 20 } });
      const events = await collect(execution);
      const outcome = await execution.result;
      expect(outcome.status).toBe('succeeded');
      const received = sseMessages<{ value: { n: number } }>(events).map((p) => p.value.n);
      expect(received).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect(server.drops()).toBeGreaterThan(2);
      expect(payloads(events, 'sse.reconnecting')).toHaveLength(server.drops());
      expect(outcome.output).toMatchObject({ end_reason: 'sentinel', last_event_id: String(total) });
      // every resume asked for exactly what had been received
      expect(server.lastEventIds.slice(1).every((id) => id !== undefined)).toBe(true);
    });
  }

  it('refuses to resume when messages without an id were delivered (a resume would repeat them)', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.write(formatEvent({ data: 'no id' }), () => res.socket?.destroy());
    });
    const outcome = await stream(server.url).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      code: 'SSE_DISCONNECTED',
      details: { messages_since_id: 1 },
    });
    expect(server.seen).toHaveLength(1);
  });

  it('treats an idle connection as dropped and reconnects', async () => {
    let n = 0;
    await using server = await serve((_req, res) => {
      openStream(res);
      if (n++ === 0) return void res.write(formatEvent({ id: '1', data: 'then silence' }));
      res.end(formatEvent({ id: '2', data: 'after reconnect' }));
    });
    const execution = stream(server.url, {
      idleTimeoutMs: 100,
      reconnect: { initialDelayMs: 5, jitter: false },
    });
    const events = await collect(execution);
    expect(sseMessages(events).map((p) => p.data)).toEqual(['then silence', 'after reconnect']);
    expect(payloads(events, 'sse.reconnecting')[0]).toMatchObject({ reason: 'idle', last_event_id: '1' });
  });

  it('fails idle (timeout) and open timeouts when reconnecting is off', async () => {
    await using server = await serve((req, res) => {
      if (req.url === '/never') return;
      openStream(res);
    });
    const idle = await stream(server.url, { idleTimeoutMs: 80, reconnect: false }).result;
    expect(idle).toMatchObject({
      status: 'timed_out',
      failure: { details: { phase: 'idle', timeout_ms: 80 } },
    });
    const open = await stream(`${server.url}/never`, { openTimeoutMs: 80, reconnect: false }).result;
    expect(open).toMatchObject({
      status: 'timed_out',
      failure: { details: { phase: 'open', timeout_ms: 80 } },
    });
  });

  it('gives up after maxAttempts drops in a row without a message, and resets the count on progress', async () => {
    let n = 0;
    await using server = await serve((_req, res) => {
      n++;
      openStream(res);
      // connections 1 and 3 deliver one event; all others drop at once
      if (n === 1 || n === 3)
        return void res.write(formatEvent({ id: String(n), data: 'x' }), () => res.socket?.destroy());
      res.socket?.destroy();
    });
    const execution = stream(server.url, {
      reconnect: { maxAttempts: 2, initialDelayMs: 1, jitter: false },
    });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(sseMessages(events)).toHaveLength(2);
    expect(outcome.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      code: 'SSE_DISCONNECTED',
      details: { reconnect_attempts: 2 },
    });
    expect(server.seen).toHaveLength(5);
  });
});
