import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { request } from '../../src/http/index.js';
import { serve } from '../fixtures/http/serve.js';

const TOTAL = 1_000;
const CONCURRENCY = 20;

const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe.each(['node', 'fetch'] as const)('resources across %s-engine requests', (engine) => {
  it(`${TOTAL} requests (successes, retries, cancels, timeouts) leak no socket, timer or listener`, async () => {
    let n = 0;
    await using server = await serve((req, res) => {
      const kind = req.url?.slice(1);
      if (kind === 'slow') return; // never answers: the client times out or cancels
      if (kind === 'flaky' && n++ % 2 === 0) {
        res.writeHead(503);
        return res.end();
      }
      res.end('ok');
    });
    const shared = new AbortController();
    const timersBefore = timers();
    let maxOpen = 0;
    const outcomes: string[] = [];
    for (let done = 0; done < TOTAL; done += CONCURRENCY) {
      const batch = Array.from({ length: CONCURRENCY }, (_, i) => {
        // Of every 20: one times out, one is cancelled, six meet a 503 first, twelve succeed at once.
        const k = (done + i) % 20;
        const path = k === 0 || k === 10 ? 'slow' : k % 10 < 4 ? 'flaky' : 'ok';
        const execution = request(`${server.url}/${path}`, {
          engine,
          signal: shared.signal,
          retry: { initialDelayMs: 1 },
          timeoutMs: k === 0 ? 30 : 5_000,
        });
        if (k === 10) setTimeout(() => void execution.cancel('test'), 20);
        return execution.result.then((o) => outcomes.push(o.status));
      });
      await Promise.all(batch);
      maxOpen = Math.max(maxOpen, server.openSockets());
      expect(getEventListeners(shared.signal, 'abort').length).toBe(0);
    }
    expect(outcomes).toHaveLength(TOTAL);
    expect(outcomes.filter((s) => s === 'succeeded')).toHaveLength(TOTAL - TOTAL / 10);
    expect(outcomes.filter((s) => s === 'cancelled')).toHaveLength(TOTAL / 20);
    expect(outcomes.filter((s) => s === 'timed_out')).toHaveLength(TOTAL / 20);
    // Open sockets never grow with the request count: sockets of cancelled or timed-out requests
    // may still be closing when a batch ends, hence twice the concurrency during the run.
    expect(maxOpen, 'server sockets open after a batch').toBeLessThanOrEqual(2 * CONCURRENCY + 2);
    // Once those closes land, the keep-alive pool holds at most one socket per concurrent request.
    for (let i = 0; i < 100 && server.openSockets() > CONCURRENCY + 2; i++) await delay(20);
    expect(server.openSockets(), 'server sockets open at the end').toBeLessThanOrEqual(CONCURRENCY + 2);
    expect(sockets(), 'TCP handles in this process (client and server side)').toBeLessThanOrEqual(
      2 * (CONCURRENCY + 2) + 1,
    );
    expect(timers(), 'timers left behind').toBeLessThanOrEqual(timersBefore);
  });
});
