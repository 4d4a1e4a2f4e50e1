import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { stream } from '../../src/sse/index.js';
import { closedPort, collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';
import { sseMessages } from '../fixtures/sse/messages.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

const quick = { initialDelayMs: 5, minDelayMs: 1, jitter: false };

describe('stream()', () => {
  it('batch: false delivers one sse.message per event in order, sse.open first, and ends at EOF', async () => {
    await using server = await serve((req, res) => {
      openStream(res, { 'set-cookie': 'sid=SECRET' });
      res.write(formatEvent({ id: '1', data: 'one' }));
      res.write(formatEvent({ event: 'tick', data: 'two\nlines' }));
      res.end(formatEvent({ data: 'three' }));
      expect(req.headers.accept).toBe('text/event-stream');
    });
    const execution = stream(`${server.url}/events`, { batch: false });
    const events = await collect(execution);
    expect(events.map((e) => e.event_type)).toEqual([
      'execution.started',
      'sse.open',
      'sse.message',
      'sse.message',
      'sse.message',
      'execution.completed',
    ]);
    expect(payloads(events, 'sse.message')).toEqual([
      { id: '1', event: 'message', data: 'one' },
      { id: null, event: 'tick', data: 'two\nlines' },
      { id: null, event: 'message', data: 'three' },
    ]);
    expect(payloads(events, 'sse.open')[0]).toMatchObject({ attempt: 1, status: 200, last_event_id: null });
    expect(JSON.stringify(events)).not.toContain('SECRET');
    expect(await execution.output()).toEqual({
      messages: 3,
      last_event_id: '1',
      reconnects: 0,
      end_reason: 'eof',
      status: 200,
    });
    const started = events[0]?.payload as { timeout_ms: number | null };
    expect(started.timeout_ms).toBeNull();
  });

  it('streams from a POST with a JSON body, parses JSON and ends on [DONE] while the server stays open', async () => {
    let closed = false;
    await using server = await serve((_req, res, body) => {
      openStream(res);
      res.on('close', () => {
        closed = true;
      });
      const { prompt } = JSON.parse(body) as { prompt: string };
      for (const word of prompt.split(' ')) res.write(formatEvent({ data: JSON.stringify({ delta: word }) }));
      res.write(formatEvent({ data: '[DONE]' }));
      // deliberately no res.end(): the sentinel alone must end the stream
    });
    const execution = stream(server.url, { method: 'POST', body: { prompt: 'a b c' }, json: true });
    const events = await collect(execution);
    expect(sseMessages(events).map((p) => p.value)).toEqual([{ delta: 'a' }, { delta: 'b' }, { delta: 'c' }]);
    expect(await execution.output()).toMatchObject({ messages: 3, end_reason: 'sentinel' });
    expect(server.seen[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });

  it('validates each event with a zod schema and fails on a mismatch', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.write(formatEvent({ id: '1', data: '{"n":1}' }));
      res.end(formatEvent({ id: '2', data: '{"n":"two"}' }));
    });
    const schema = z.object({ n: z.number() });
    const execution = stream(server.url, { json: schema });
    const events = await collect(execution);
    expect(sseMessages(events)).toEqual([{ id: '1', event: 'message', data: '{"n":1}', value: { n: 1 } }]);
    const outcome = await execution.result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'semantic_runtime_failed',
      code: 'SSE_SCHEMA_MISMATCH',
      details: { id: '2' },
    });
    const invalid = await stream(server.url, { json: true, sentinel: null }).result;
    expect(invalid.status).toBe('succeeded');
  });

  it('fails invalid JSON as protocol_framing_failed', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.end(formatEvent({ id: 'x', data: 'not json' }));
    });
    const outcome = await stream(server.url, { json: true }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'SSE_INVALID_JSON',
      details: { id: 'x', data_preview: 'not json' },
    });
  });

  it('emits comments only when asked', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.end(`: keep-alive\n\n${formatEvent({ data: 'x' })}`);
    });
    const without = payloads(await collect(stream(server.url)), 'sse.comment');
    const withComments = payloads(await collect(stream(server.url, { comments: true })), 'sse.comment');
    expect(without).toEqual([]);
    expect(withComments).toEqual([{ text: 'keep-alive' }]);
  });

  it('fails a 4xx at once with status and a bounded body preview, never reconnecting', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'bad key', pad: 'x'.repeat(5_000) }));
    });
    const outcome = await stream(server.url, { reconnect: quick }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'semantic_runtime_failed',
      code: 'SSE_BAD_STATUS',
      details: { status: 401 },
    });
    const preview = outcome.failure?.details.body_preview as string;
    expect(preview.startsWith('{"error":"bad key"')).toBe(true);
    expect(preview.length).toBe(1_024);
    expect(server.seen).toHaveLength(1);
  });

  it('fails a 200 that is not text/event-stream as protocol_framing_failed', async () => {
    await using server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    const outcome = await stream(server.url).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'SSE_NOT_EVENT_STREAM',
      details: { status: 200, content_type: 'text/html', body_preview: '<html>login</html>' },
    });
  });

  it('reconnects after 503 and 429 (Retry-After honoured), and ends on 204', async () => {
    let n = 0;
    await using server = await serve((_req, res) => {
      n++;
      if (n === 1) return void res.writeHead(503).end('busy');
      if (n === 2) return void res.writeHead(429, { 'retry-after-ms': '30' }).end();
      if (n === 3) {
        openStream(res);
        return void res.end(formatEvent({ id: '1', data: 'finally' }));
      }
      res.writeHead(204).end();
    });
    const execution = stream(server.url, { reconnect: { ...quick, afterEnd: true } });
    const events = await collect(execution);
    expect(payloads(events, 'sse.reconnecting')).toEqual([
      expect.objectContaining({ attempt: 2, reason: 'status', status: 503, delay_ms: 5 }),
      expect.objectContaining({ attempt: 3, reason: 'status', status: 429, delay_ms: 30 }),
      expect.objectContaining({ attempt: 4, reason: 'eof', last_event_id: '1' }),
    ]);
    expect(await execution.output()).toMatchObject({ messages: 1, end_reason: 'no_content', reconnects: 3 });
    expect(server.seen[3]?.headers['last-event-id']).toBe('1');
  });

  it('fails with transport_failed when nothing listens and reconnects run out', async () => {
    const port = await closedPort();
    const execution = stream(`http://127.0.0.1:${port}/`, { reconnect: { ...quick, maxAttempts: 2 } });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(payloads(events, 'sse.reconnecting')).toHaveLength(2);
    expect(outcome.failure).toMatchObject({
      failure_class: 'transport_failed',
      code: 'HTTP_TRANSPORT_FAILED',
      details: { errno: 'ECONNREFUSED', reconnect_attempts: 2 },
    });
  });

  it('fails an event larger than maxEventBytes without reconnecting', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.end(formatEvent({ data: 'x'.repeat(10_000) }));
    });
    const outcome = await stream(server.url, { maxEventBytes: 1_000, reconnect: quick }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'LIMIT_EXCEEDED',
      details: { limit: 'maxEventBytes', limit_value: 1_000 },
    });
    expect(server.seen).toHaveLength(1);
  });

  it('by default one sse.batch per chunk, messages in order, comments first, ending at the sentinel', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      let text = ': ping\n\n';
      for (let i = 1; i <= 500; i++) text += formatEvent({ id: String(i), data: `{"i":${i}}` });
      res.write(text, () => res.end(`${formatEvent({ data: '[DONE]' })}${formatEvent({ data: 'after' })}`));
    });
    const execution = stream(server.url, { json: true, comments: true });
    const events = await collect(execution);
    expect(payloads(events, 'sse.message')).toEqual([]);
    const batches = payloads<{ messages: Array<{ id: string; value: { i: number } }> }>(events, 'sse.batch');
    const messages = batches.flatMap((b) => b.messages);
    expect(messages.map((m) => m.value.i)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(messages[0]).toEqual({ id: '1', event: 'message', data: '{"i":1}', value: { i: 1 } });
    expect(batches.length).toBeLessThan(500);
    expect(events.findIndex((e) => e.event_type === 'sse.comment')).toBeLessThan(
      events.findIndex((e) => e.event_type === 'sse.batch'),
    );
    expect(await execution.output()).toMatchObject({
      messages: 500,
      end_reason: 'sentinel',
      last_event_id: '500',
    });
  });

  it('each chunk gets a batch of its own: a batch kept by the consumer is not changed by later chunks', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      const first = ['a', 'b', 'c'].map((data) => formatEvent({ data })).join('');
      res.write(first, () => setTimeout(() => res.end(formatEvent({ data: 'd' })), 50));
    });
    const batches = payloads<{ messages: Array<{ data: string }> }>(
      await collect(stream(server.url)),
      'sse.batch',
    );
    expect(batches.map((b) => b.messages.map((m) => m.data))).toEqual([['a', 'b', 'c'], ['d']]);
    expect(batches[0]?.messages).toHaveLength(3);
  });

  it('delivers data as long as the sentinel but not equal to it, and ends only at the sentinel itself', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.write(
        `${formatEvent({ data: '[DONX]' })}${formatEvent({ data: '[DONE' })}${formatEvent({ data: 'x' })}`,
      );
      res.end(`${formatEvent({ data: '[DONE]' })}${formatEvent({ data: 'after' })}`);
    });
    const execution = stream(server.url);
    const batches = payloads<{ messages: Array<{ data: string }> }>(await collect(execution), 'sse.batch');
    expect(batches.flatMap((b) => b.messages.map((m) => m.data))).toEqual(['[DONX]', '[DONE', 'x']);
    expect(await execution.output()).toMatchObject({ messages: 3, end_reason: 'sentinel' });
  });

  it('follows a redirect with the HTTP lane policy: credentials stay behind on another origin', async () => {
    await using target = await serve((req, res) => {
      openStream(res);
      res.end(formatEvent({ data: `authorization: ${req.headers.authorization ?? 'none'}` }));
    });
    await using origin = await serve((_req, res) =>
      res.writeHead(307, { location: `${target.url}/events` }).end(),
    );
    const events = await collect(stream(origin.url, { headers: { authorization: 'Bearer sse-secret' } }));
    expect(sseMessages(events).map((p) => p.data)).toEqual(['authorization: none']);
    expect(payloads(events, 'sse.open')[0]).toMatchObject({ url: `${target.url}/events` });
    expect(origin.seen[0]?.headers.authorization).toBe('Bearer sse-secret');
    expect(JSON.stringify(events)).not.toContain('sse-secret');
  });
});
