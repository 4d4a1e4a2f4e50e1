import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { connect } from '../../src/websocket/index.js';
import { delay } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

const CHUNK = Buffer.alloc(256 * 1024, 7);
const HIGH_WATER = 512 * 1024;

describe('send backpressure', () => {
  it('send waits while the socket is over the high-water mark; pending sends reject on close', async () => {
    const session = connect(`${server.url}/deaf`, {
      sendHighWaterBytes: HIGH_WATER,
      maxQueuedSendBytes: 80 * 1024 * 1024,
      closeTimeoutMs: 100,
    });
    await session.ready();
    let handed = 0;
    let peak = 0;
    const pending: Promise<void>[] = [];
    // 64 MiB at a peer that reads nothing: kernel buffers absorb a few MiB, then sends must wait.
    for (let i = 0; i < 256; i++) {
      pending.push(session.send(CHUNK).then(() => void handed++));
      peak = Math.max(peak, session.bufferedAmount);
    }
    await delay(200);
    expect(handed).toBeGreaterThan(0);
    expect(handed).toBeLessThan(256);
    const settled = await Promise.allSettled([...pending, session.close()]);
    const rejected = settled.filter((s) => s.status === 'rejected');
    expect(rejected.length).toBe(256 - handed);
    for (const r of rejected) {
      const reason = (r as PromiseRejectedResult).reason;
      expect(isExecutionError(reason) && reason.code).toBe('SESSION_ENDED');
    }
    expect(peak).toBeGreaterThan(0);
    const outcome = await session.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.messages_sent).toBe(handed);
  });

  it('the socket itself never holds much more than the high-water mark', async () => {
    const session = connect(`${server.url}/slow-reader`, { sendHighWaterBytes: HIGH_WATER });
    await session.ready();
    const sends = Array.from({ length: 64 }, () => session.send(CHUNK));
    // bufferedAmount counts waiting sends too; the socket's share is what the mark bounds.
    await Promise.all(sends);
    let echoed = 0;
    for await (const event of session) {
      if (event.event_type === 'websocket.message' && ++echoed === 64) await session.close();
    }
    expect(echoed).toBe(64);
    expect((await session.result).output?.bytes_received).toBe(64 * CHUNK.length);
  });

  it('many small frames crossing the mark are released once the peer reads again', async () => {
    const session = connect(`${server.url}/slow-reader`, {
      sendHighWaterBytes: 64 * 1024,
      maxWaitingSends: 10_000,
    });
    await session.ready();
    const frame = 'y'.repeat(2_048);
    let handed = 0;
    const sends = Array.from({ length: 5_000 }, () => session.send(frame).then(() => void handed++));
    await delay(100);
    // The peer is not reading yet: most of the 10 MiB is still waiting.
    expect(handed).toBeLessThan(5_000);
    await Promise.all(sends);
    expect(handed).toBe(5_000);
    expect((await session.close()).output?.messages_sent).toBe(5_000);
  });

  it('more than maxWaitingSends waiting sends fail with LIMIT_EXCEEDED', async () => {
    const session = connect(`${server.url}/hang`, { maxWaitingSends: 3 });
    // Not open yet: every send waits.
    const waiting = [session.send('a'), session.send('b'), session.send('c')];
    const error = await session.send('d').catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('LIMIT_EXCEEDED');
    expect(isExecutionError(error) && error.details).toMatchObject({ limit: 'maxWaitingSends', value: 3 });
    await Promise.all(waiting);
    expect((await session.close()).output?.messages_sent).toBe(3);
  });

  it('sends past maxQueuedSendBytes fail with LIMIT_EXCEEDED; the rest go out in order', async () => {
    const session = connect(`${server.url}/echo`, { maxQueuedSendBytes: 10 });
    // Not open yet: the sends wait and their bytes count.
    const first = session.send('12345');
    const second = session.send('6789');
    const error = await session.send('ab').catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('LIMIT_EXCEEDED');
    expect(isExecutionError(error) && error.details).toMatchObject({
      limit: 'maxQueuedSendBytes',
      value: 10,
      queued_bytes: 9,
      message_bytes: 2,
    });
    // Bytes, not characters: 'é' is two bytes in UTF-8.
    expect(session.bufferedAmount).toBe(9);
    const tooBig = await session.send('éé').catch((e: unknown) => e);
    expect(isExecutionError(tooBig) && tooBig.code).toBe('LIMIT_EXCEEDED');
    await Promise.all([first, second]);
    const got: string[] = [];
    for await (const event of session) {
      if (event.event_type === 'websocket.message' && event.payload.kind === 'text') {
        got.push(event.payload.text);
        if (got.length === 2) await session.close();
      }
    }
    expect(got).toEqual(['12345', '6789']);
    expect((await session.result).output?.messages_sent).toBe(2);
  });

  it('sends keep their order across waiting and direct writes', async () => {
    const session = connect(`${server.url}/echo`, { sendHighWaterBytes: 1 });
    const sends = Array.from({ length: 200 }, (_, i) => session.send(String(i)));
    await Promise.all(sends);
    const got: string[] = [];
    for await (const event of session) {
      if (event.event_type === 'websocket.message' && event.payload.kind === 'text') {
        got.push(event.payload.text);
        if (got.length === 200) await session.close();
      }
    }
    expect(got).toEqual(Array.from({ length: 200 }, (_, i) => String(i)));
  });
});

describe('receive backpressure', () => {
  it('a paused consumer pauses reading: nothing is dropped and order holds', async () => {
    const session = connect(`${server.url}/flood/5000`, { eventQueueCapacity: 8 });
    const iterator = session[Symbol.asyncIterator]();
    const first = [await iterator.next(), await iterator.next()];
    expect(first.map((n) => n.value?.event_type)).toEqual(['execution.started', 'websocket.open']);
    await delay(200);
    expect(session.status).toBe('running');
    const texts: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (next.value.event_type === 'websocket.message' && next.value.payload.kind === 'text') {
        texts.push(next.value.payload.text);
      }
    }
    const outcome = await session.result;
    expect(outcome.metrics.events_dropped).toBe(0);
    expect(texts).toEqual(Array.from({ length: 5000 }, (_, i) => String(i)));
  });
});

describe('unread bytes (maxUnreadBytes)', () => {
  it('batches() frees the bytes it hands out: a flood past the budget arrives whole', async () => {
    const session = connect(`${server.url}/big-flood/50/65536`, { maxUnreadBytes: 128 * 1024 });
    let bytes = 0;
    let messages = 0;
    for await (const batch of session.batches({ max: 4 })) {
      for (const event of batch) {
        if (event.event_type === 'websocket.message') {
          messages++;
          bytes += event.payload.bytes;
        }
      }
      if (messages === 50) break;
    }
    expect(bytes).toBe(50 * 65536);
    expect((await session.close()).metrics.events_dropped).toBe(0);
  });

  it('a session nobody iterates, paused at the budget, still closes promptly', async () => {
    const session = connect(`${server.url}/big-flood/40/65536`, { maxUnreadBytes: 64 * 1024 });
    await session.ready();
    await delay(300);
    const started = performance.now();
    const outcome = await session.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(outcome.status).toBe('succeeded');
    // Closing resumes reading (the peer's close frame is behind its messages), so all are counted.
    expect(outcome.output?.messages_received).toBe(40);
  });
});
