import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isExecutionError } from '../../src/core/index.js';
import { sseDefaults, stream } from '../../src/sse/index.js';
import { collect, payloads } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

const events = (from: number, to: number) => {
  let text = '';
  for (let i = from; i <= to; i++) text += formatEvent({ id: String(i), data: `{"n":${i}}` });
  return text;
};

describe('stream() delivery and execution.messages()', () => {
  it('delivers a chunk as one sse.batch by default, no sse.message', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.end(events(1, 3));
    });
    const execution = stream(server.url);
    const all = await collect(execution);
    expect(all.map((e) => e.event_type)).toEqual([
      'execution.started',
      'sse.open',
      'sse.batch',
      'execution.completed',
    ]);
    expect(payloads(all, 'sse.batch')).toEqual([
      {
        messages: [
          { id: '1', event: 'message', data: '{"n":1}' },
          { id: '2', event: 'message', data: '{"n":2}' },
          { id: '3', event: 'message', data: '{"n":3}' },
        ],
      },
    ]);
    expect(await execution.output()).toMatchObject({ messages: 3, last_event_id: '3', end_reason: 'eof' });
  });

  it('messages() yields every message in order, batched or not, then the output is there', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      // Several writes, so the messages arrive in several chunks.
      res.write(events(1, 200), () => res.write(events(201, 400), () => res.end(events(401, 500))));
    });
    for (const batch of [true, false]) {
      const execution = stream(server.url, { batch, json: z.object({ n: z.number() }) });
      const seen: number[] = [];
      for await (const message of execution.messages()) seen.push(message.value?.n ?? -1);
      expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
      expect(await execution.output()).toMatchObject({ messages: 500, last_event_id: '500' });
    }
  });

  it('messages() rejects with the failure after the messages before it, also within one chunk', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      // One write: the good message and the bad one share a chunk.
      res.end(formatEvent({ id: '1', data: '{"n":1}' }) + formatEvent({ id: '2', data: '{"n":"two"}' }));
    });
    const execution = stream(server.url, { json: z.object({ n: z.number() }) });
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const message of execution.messages()) seen.push(message.value);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ n: 1 }]);
    expect(isExecutionError(failure) && failure.code).toBe('SSE_SCHEMA_MISMATCH');
    expect((await execution.result).failure).toMatchObject({ code: 'SSE_SCHEMA_MISMATCH' });
  });

  it('holds sseDefaults.batchQueueCapacity batches when nobody iterates; eventQueueCapacity wins', async () => {
    await using server = await serve(async (_req, res) => {
      openStream(res);
      // 40 writes apart in time: many chunks, so many batches.
      for (let i = 0; i < 40; i++) {
        res.write(events(i * 10 + 1, i * 10 + 10));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      res.end();
    });
    expect(sseDefaults.batchQueueCapacity).toBe(16);
    for (const [options, held] of [
      [{}, sseDefaults.batchQueueCapacity],
      [{ eventQueueCapacity: 2 }, 2],
    ] as const) {
      const execution = stream(server.url, options);
      const outcome = await execution.result;
      expect(outcome.output).toMatchObject({ messages: 400 });
      const retained = await collect(execution);
      // The newest batches plus execution.completed, the rest counted as dropped.
      expect(retained.length).toBeLessThanOrEqual(held + 1);
      expect(outcome.metrics.events_dropped).toBe(outcome.metrics.events_emitted - retained.length);
      expect(outcome.metrics.events_dropped).toBeGreaterThan(0);
    }
  });

  it('breaking out of messages() leaves the stream running, as breaking out of the execution does', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      res.write(events(1, 5)); // and stays open
    });
    const execution = stream(server.url);
    for await (const message of execution.messages()) if (message.id === '2') break;
    expect(execution.status).toBe('running');
    expect((await execution.cancel()).status).toBe('cancelled');
  });
});
