import { describe, expect, it } from 'vitest';
import type { ExecutionEvent } from '../../src/core/index.js';
import { stream } from '../../src/sse/index.js';
import { serve } from '../fixtures/http/serve.js';
import { formatEvent, openStream } from '../fixtures/sse/serve-events.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pad = 'x'.repeat(180);

/** A server that sends `total` numbered events as fast as the socket takes them; `written` counts them. */
async function serveNumbered(total: number) {
  const state = { written: 0 };
  const server = await serve((_req, res) => {
    openStream(res);
    const pump = () => {
      while (state.written < total) {
        const n = ++state.written;
        if (!res.write(formatEvent({ id: String(n), data: `event number ${n} ${pad}` })))
          return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
  return {
    server,
    get written() {
      return state.written;
    },
    [Symbol.asyncDispose]: () => server[Symbol.asyncDispose](),
  };
}

describe('stream() backpressure', () => {
  it('pulls the body only as fast as the consumer iterates, one message at a time (batch: false)', async () => {
    const total = 75_000;
    await using numbered = await serveNumbered(total);
    const { server } = numbered;
    const execution = stream(server.url, { eventQueueCapacity: 64, batch: false });
    const iterator = execution[Symbol.asyncIterator]();
    let first: ExecutionEvent | undefined;
    while (first?.event_type !== 'sse.message') first = (await iterator.next()).value;
    // While the consumer waits, only socket and stream buffers fill (a few MB on loopback),
    // then TCP flow control holds the server: far from the 15 MB it has to send.
    await delay(1_000);
    expect(numbered.written).toBeLessThan(total / 3);
    let messages = 1;
    let last = first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.event_type === 'sse.message') {
        messages++;
        last = next.value;
      }
    }
    expect(messages).toBe(total);
    expect((last.payload as { id: string }).id).toBe(String(total));
    expect((await execution.result).metrics.events_dropped).toBe(0);
  });

  it('holds at most eventQueueMaxBytes of batches (the default delivery) while the consumer waits', async () => {
    // 32 MB to send: loopback socket buffers alone hold several MB (5.6 MB seen under load).
    const total = 150_000;
    await using numbered = await serveNumbered(total);
    const { server } = numbered;
    // 256 KiB of chunks queued at most, however many batches that is.
    const execution = stream(server.url, { eventQueueMaxBytes: 256 * 1024 });
    const iterator = execution[Symbol.asyncIterator]();
    let first: ExecutionEvent | undefined;
    while (first?.event_type !== 'sse.batch') first = (await iterator.next()).value;
    await delay(1_000);
    expect(numbered.written).toBeLessThan(total / 4);
    let messages = (first.payload as { messages: unknown[] }).messages.length;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.event_type === 'sse.batch')
        messages += (next.value.payload as { messages: unknown[] }).messages.length;
    }
    expect(messages).toBe(total);
    expect((await execution.result).metrics.events_dropped).toBe(0);
  });

  it('a consumer slower than idleTimeoutMs is not an idle server: no reconnect', async () => {
    await using server = await serve((_req, res) => {
      openStream(res);
      let text = '';
      for (let i = 1; i <= 50; i++) text += formatEvent({ id: String(i), data: `e${i}` });
      res.end(text);
    });
    const execution = stream(server.url, { idleTimeoutMs: 100, eventQueueCapacity: 2 });
    let messages = 0;
    for await (const _ of execution.messages()) if (++messages === 3) await delay(400);
    expect(messages).toBe(50);
    expect(await execution.output()).toMatchObject({ reconnects: 0, end_reason: 'eof' });
  });
});
