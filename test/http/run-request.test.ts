import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

// The request's scope listens to the execution's abort once and hands it to the attempt in
// progress (the attempt has no listener of its own): these are the moments around an attempt.
describe("a request's attempts and the execution's abort", () => {
  it('never sends an attempt made after the execution was cancelled (while its body was prepared)', async () => {
    await using server = await serve((_req, res) => res.end('sent'));
    // A Blob is read into bytes before the first attempt: the cancel lands while it is.
    const body = new Blob([new Uint8Array(16 * 1024 * 1024)]);
    for (const engine of ['node', 'undici', 'fetch'] as const) {
      const execution = request(`${server.url}/`, { method: 'POST', body, engine });
      setImmediate(() => void execution.cancel('stop'));
      const outcome = await execution.result;
      expect(outcome.status).toBe('cancelled');
    }
    expect(server.seen).toHaveLength(0);
  });

  it('aborts the attempt in flight, and only it, when the execution is cancelled', async () => {
    await using server = await serve((req, res) => {
      if (req.url === '/slow') return; // never answers: the attempt waits for its headers
      res.writeHead(503, { 'retry-after': '0' }).end();
    });
    for (const engine of ['node', 'undici', 'fetch'] as const) {
      const execution = request(`${server.url}/slow`, { engine });
      setTimeout(() => void execution.cancel('stop'), 50);
      const outcome = await execution.result;
      expect(outcome.status).toBe('cancelled');
      expect(outcome.metrics.duration_ms).toBeLessThan(5_000);
    }
  });

  it('cancels during the backoff between attempts, after the first attempt ended', async () => {
    await using server = await serve((_req, res) => res.writeHead(503, { 'retry-after': '1' }).end());
    for (const engine of ['node', 'undici', 'fetch'] as const) {
      const execution = request(`${server.url}/`, { engine, retry: { maxRetries: 3 } });
      const types: string[] = [];
      for await (const event of execution) {
        types.push(event.event_type);
        if (event.event_type === 'http.retrying') void execution.cancel('stop');
      }
      const outcome = await execution.result;
      expect(outcome.status).toBe('cancelled');
      expect(types.filter((type) => type === 'http.request')).toHaveLength(1);
    }
    expect(server.seen).toHaveLength(3);
  });
});
