import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type WebSocketSession } from '../../src/websocket/index.js';
import {
  BATCH_FRAME_BYTES,
  batchFor,
  registerSocket,
  type WriteBatch,
} from '../../src/websocket/write-batch.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

/** Records cork/uncork calls (the socket under a registered connection). */
// The text messages a session receives, in order, until `count` arrived; then it is closed.
async function echoedTexts(session: WebSocketSession, count: number): Promise<string[]> {
  const got: string[] = [];
  for await (const event of session) {
    if (event.event_type !== 'websocket.message' || event.payload.kind !== 'text') continue;
    got.push(event.payload.text);
    if (got.length === count) await session.close();
  }
  return got;
}

function recorder() {
  const calls: string[] = [];
  return { calls, socket: { cork: () => calls.push('cork'), uncork: () => calls.push('uncork') } };
}

describe('write batching (one socket write per burst of small frames)', () => {
  it("sends a burst's first frame at once and corks the rest until its write calls back", () => {
    const { calls, socket } = recorder();
    const ws = { extensions: '' };
    registerSocket(ws, socket);
    const afterWrites: Array<Error | null | undefined> = [];
    const batch = batchFor(ws, (error) => afterWrites.push(error)) as WriteBatch;
    expect(batch).toBeDefined();
    // The first frame opens the burst: it carries the callback, nothing is corked.
    expect(batch.before(100)).toBe(true);
    expect(calls).toEqual([]);
    for (let i = 0; i < 10; i++) expect(batch.before(100)).toBe(false);
    expect(calls).toEqual(['cork']);
    // The first frame's write callback ends the burst, then does what any write callback does.
    batch.done(null);
    expect(calls).toEqual(['cork', 'uncork']);
    expect(afterWrites).toEqual([null]);
    // A lone frame (a sequential round trip) never corks.
    expect(batch.before(100)).toBe(true);
    batch.end();
    expect(calls).toEqual(['cork', 'uncork']);
  });

  it('a large frame flushes the burst and is never held', () => {
    const { calls, socket } = recorder();
    const ws = { extensions: '' };
    registerSocket(ws, socket);
    const batch = batchFor(ws, () => {}) as WriteBatch;
    batch.before(10);
    batch.before(10);
    batch.before(BATCH_FRAME_BYTES);
    expect(calls).toEqual(['cork', 'uncork']);
    batch.before(BATCH_FRAME_BYTES * 4);
    expect(calls).toEqual(['cork', 'uncork']);
    batch.end();
    expect(calls).toEqual(['cork', 'uncork']);
  });

  it('batches nothing without a registered socket (the portable build) or with permessage-deflate', () => {
    expect(batchFor({ extensions: '' }, () => {})).toBeUndefined();
    const ws = { extensions: 'permessage-deflate' };
    registerSocket(ws, recorder().socket);
    expect(batchFor(ws, () => {})).toBeUndefined();
  });

  it('a burst of 500 small sends and a large one arrive complete and in order', async () => {
    const session = connect(`${server.url}/echo`);
    await session.ready();
    const large = 'L'.repeat(BATCH_FRAME_BYTES * 2);
    const sent = Array.from({ length: 500 }, (_, i) => (i === 250 ? large : `m${i}`));
    await Promise.all(sent.map((text) => session.send(text)));
    expect(await echoedTexts(session, sent.length)).toEqual(sent);
    expect((await session.result).output?.messages_sent).toBe(500);
  });

  it('with permessage-deflate, a burst of small and compressed sends arrives complete and in order', async () => {
    const session = connect(`${server.url}/echo`, { perMessageDeflate: { threshold: 64 } });
    await session.ready();
    expect(session.extensions).toContain('permessage-deflate');
    const sent = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `c${i}`.repeat(100) : `m${i}`));
    await Promise.all(sent.map((text) => session.send(text)));
    expect(await echoedTexts(session, sent.length)).toEqual(sent);
  });

  it('text sent as bytes under ws still arrives as text, multi-byte characters intact', async () => {
    const session = connect(`${server.url}/echo`);
    await session.ready();
    const sent = ['héllo ✓ 𝄞', '', 'x'.repeat(BATCH_FRAME_BYTES - 1), 'é'.repeat(BATCH_FRAME_BYTES)];
    for (const text of sent) await session.send(text);
    const got: string[] = [];
    for await (const event of session) {
      if (event.event_type !== 'websocket.message') continue;
      expect(event.payload.kind).toBe('text');
      if (event.payload.kind === 'text') got.push(event.payload.text);
      if (got.length === sent.length) await session.close();
    }
    expect(got).toEqual(sent);
    const outcome = await session.result;
    expect(outcome.output?.bytes_sent).toBe(sent.reduce((n, text) => n + Buffer.byteLength(text), 0));
  });
});
