import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isExecutionError, startExecution } from '../../src/core/index.js';
import { sseLane, stream } from '../../src/sse/index.js';
import { collect } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';
import { sseMessages } from '../fixtures/sse/messages.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

function invalidOption(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (isExecutionError(error) && error.code === 'INVALID_OPTIONS') return error.details.option;
    throw error;
  }
  throw new Error('expected INVALID_OPTIONS');
}

describe('sseLane', () => {
  it('runs through startExecution with no default timeout and resumes from a given lastEventId', async () => {
    await using server = await serve((req, res) => {
      openStream(res);
      res.end(formatEvent({ id: '8', data: `after ${req.headers['last-event-id']}` }));
    });
    const execution = startExecution(sseLane, { url: server.url, lastEventId: '7' });
    const events = await collect(execution);
    expect(sseMessages(events)).toEqual([{ id: '8', event: 'message', data: 'after 7' }]);
    expect(events[0]?.payload).toMatchObject({ timeout_ms: null });
    expect(sseLane.capabilities).toMatchObject({ lane_id: 'sse', supports_stream: true });
  });

  it('checks options before any I/O, naming the option', () => {
    expect(invalidOption(() => stream('ws://127.0.0.1/'))).toBe('url');
    expect(invalidOption(() => stream('http://127.0.0.1/', { method: 'HEAD' }))).toBe('method');
    expect(invalidOption(() => stream('http://127.0.0.1/', { body: 'x' }))).toBe('body');
    const body = new ReadableStream();
    expect(invalidOption(() => stream('http://127.0.0.1/', { method: 'POST', body }))).toBe('body');
    expect(invalidOption(() => stream('http://127.0.0.1/', { reconnect: { maxAttempts: -1 } }))).toBe(
      'reconnect.maxAttempts',
    );
    expect(invalidOption(() => stream('http://127.0.0.1/', { idleTimeoutMs: 0 }))).toBe('idleTimeoutMs');
    expect(invalidOption(() => startExecution(sseLane, { url: 'http://127.0.0.1/', json: 'yes' }))).toBe(
      'json',
    );
  });

  it('leaves no listener on a shared signal across 200 streams, cancelled ones included', async () => {
    const hangClosed: Promise<void>[] = [];
    await using server = await serve((req, res) => {
      openStream(res);
      if (req.url === '/hang') {
        hangClosed.push(new Promise((resolve) => req.socket.once('close', () => resolve())));
        return;
      }
      res.end(formatEvent({ id: '1', data: 'x' }));
    });
    const shared = new AbortController();
    const runs = Array.from({ length: 200 }, (_, i) => {
      const execution = stream(`${server.url}/${i % 4 === 0 ? 'hang' : 'ok'}`, {
        signal: shared.signal,
      });
      if (i % 4 !== 0) return execution.result;
      return (async () => {
        for await (const event of execution) if (event.event_type === 'sse.open') await execution.cancel();
        return execution.result;
      })();
    });
    const outcomes = await Promise.all(runs);
    expect(outcomes.filter((o) => o.status === 'cancelled')).toHaveLength(50);
    expect(outcomes.filter((o) => o.status === 'succeeded')).toHaveLength(150);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    // A cancelled stream closes its connection.
    expect(hangClosed).toHaveLength(50);
    await Promise.all(hangClosed);
  });
});
