import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';

const fast = { initialDelayMs: 5, jitter: false };

/** A server that answers with each scripted status in turn, then 200. */
async function scripted(statuses: Array<[number, Record<string, string>?]>) {
  let n = 0;
  return serve((_req, res) => {
    const [status, headers] = statuses[n++] ?? [200];
    res.writeHead(status, headers);
    res.end(`answer ${n}`);
  });
}

describe.each(['node', 'fetch'] as const)('retries on the %s engine', (engine) => {
  it('retries 503 then succeeds, with one http.retrying event per retry', async () => {
    await using server = await scripted([[503], [502]]);
    const execution = request(server.url, { engine, retry: fast });
    const events = await collect(execution);
    const output = await execution.output();
    expect(output).toMatchObject({ status: 200, body: 'answer 3', attempts: 3 });
    expect(payloads(events, 'http.retrying')).toEqual([
      { attempt: 2, delay_ms: 5, reason: 'status', status: 503, errno: null, retry_after_ms: null },
      { attempt: 3, delay_ms: 10, reason: 'status', status: 502, errno: null, retry_after_ms: null },
    ]);
    expect(payloads(events, 'http.request').map((p) => p.attempt)).toEqual([1, 2, 3]);
  });

  it('returns the last response as a fact when retries run out', async () => {
    await using server = await scripted([[500], [500], [500], [500]]);
    const output = await request(server.url, { engine, retry: { ...fast, maxRetries: 2 } }).output();
    expect(output).toMatchObject({ status: 500, attempts: 3 });
    expect(server.seen).toHaveLength(3);
  });

  it('honours Retry-After in seconds', async () => {
    await using server = await scripted([[429, { 'retry-after': '1' }]]);
    const started = performance.now();
    const execution = request(server.url, { engine, retry: fast });
    const events = await collect(execution);
    expect(payloads(events, 'http.retrying')[0]).toMatchObject({ delay_ms: 1_000, retry_after_ms: 1_000 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect((await execution.output()).status).toBe(200);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const at = new Date(Math.ceil((Date.now() + 1_500) / 1_000) * 1_000).toUTCString();
    await using server = await scripted([[503, { 'retry-after': at }]]);
    const execution = request(server.url, { engine, retry: fast });
    const events = await collect(execution);
    const delay = payloads(events, 'http.retrying')[0]?.delay_ms as number;
    expect(delay).toBeGreaterThan(400);
    expect(delay).toBeLessThanOrEqual(2_500);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(at) - 5);
  });

  it('honours retry-after-ms over retry-after', async () => {
    await using server = await scripted([[429, { 'retry-after-ms': '40', 'retry-after': '30' }]]);
    const events = await collect(request(server.url, { engine, retry: fast }));
    expect(payloads(events, 'http.retrying')[0]).toMatchObject({ delay_ms: 40, retry_after_ms: 40 });
  });

  it('stops retrying when the server asks to wait longer than maxRetryAfterMs', async () => {
    await using server = await scripted([[429, { 'retry-after': '120' }]]);
    const execution = request(server.url, { engine, retry: fast });
    const events = await collect(execution);
    expect(payloads(events, 'http.retrying')).toEqual([]);
    expect((await execution.output()).status).toBe(429);
  });

  it('does not retry POST unless the policy names it', async () => {
    await using server = await scripted([[503], [503]]);
    const once = await request(server.url, { engine, method: 'POST', body: 'x', retry: fast }).output();
    expect(once).toMatchObject({ status: 503, attempts: 1 });
    const opted = await request(server.url, {
      engine,
      method: 'POST',
      body: { n: 1 },
      retry: { ...fast, methods: ['post'] },
    }).output();
    expect(opted).toMatchObject({ status: 200, attempts: 2 });
    expect(server.seen.slice(1).map((r) => r.body)).toEqual(['{"n":1}', '{"n":1}']);
  });

  it('never replays a one-shot stream body', async () => {
    await using server = await scripted([[503]]);
    async function* body() {
      yield new TextEncoder().encode('once');
    }
    const output = await request(server.url, {
      engine,
      method: 'PUT',
      body: body(),
      retry: fast,
    }).output();
    expect(output).toMatchObject({ status: 503, attempts: 1 });
  });

  it('retries a connection reset mid-body for GET', async () => {
    let n = 0;
    await using server = await serve((_req, res) => {
      if (n++ === 0) {
        res.writeHead(200, { 'content-length': '100' });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      res.end('whole');
    });
    const execution = request(server.url, { engine, retry: fast });
    const events = await collect(execution);
    expect((await execution.output()).body).toBe('whole');
    expect(payloads(events, 'http.retrying')[0]).toMatchObject({ reason: 'transport' });
  });

  it('retries connection refused for any method: nothing reached a server', async () => {
    const { closedPort } = await import('../fixtures/http/collect.js');
    const port = await closedPort();
    const execution = request(`http://127.0.0.1:${port}/`, {
      engine,
      method: 'POST',
      body: 'x',
      retry: fast,
    });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(payloads(events, 'http.retrying')).toHaveLength(2);
    expect(payloads(events, 'http.retrying')[0]).toMatchObject({
      reason: 'transport',
      errno: 'ECONNREFUSED',
    });
    expect(outcome.failure).toMatchObject({
      failure_class: 'transport_failed',
      code: 'HTTP_TRANSPORT_FAILED',
      details: { errno: 'ECONNREFUSED', phase: 'connect' },
    });
  });

  it('retry: false makes exactly one attempt', async () => {
    await using server = await scripted([[503]]);
    const output = await request(server.url, { engine, retry: false }).output();
    expect(output).toMatchObject({ status: 503, attempts: 1 });
  });
});
