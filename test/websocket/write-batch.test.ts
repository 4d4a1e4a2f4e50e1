import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/websocket/index.js';
import { BATCH_FRAME_BYTES, registerSocket, socketOf, WriteBatch } from '../../src/websocket/write-batch.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());

/** Records cork/uncork calls (the socket under a registered connection). */
function recorder() {
  const calls: string[] = [];
  return { calls, socket: { cork: () => calls.push('cork'), uncork: () => calls.push('uncork') } };
}

describe('write batching (one socket write per burst of small frames)', () => {
  it('corks once per burst and uncorks on the next tick', async () => {
    const { calls, socket } = recorder();
    const ws = {};
    registerSocket(ws, socket);
    expect(socketOf(ws)).toBe(socket);
    const batch = new WriteBatch();
    for (let i = 0; i < 10; i++) batch.before(socket, 100);
    expect(calls).toEqual(['cork']);
    await new Promise((resolve) => process.nextTick(resolve));
    expect(calls).toEqual(['cork', 'uncork']);
    batch.before(socket, 100);
    expect(calls).toEqual(['cork', 'uncork', 'cork']);
  });

  it('a large frame flushes the burst and is never held', () => {
    const { calls, socket } = recorder();
    const batch = new WriteBatch();
    batch.before(socket, 10);
    batch.before(socket, BATCH_FRAME_BYTES);
    expect(calls).toEqual(['cork', 'uncork']);
    batch.before(socket, BATCH_FRAME_BYTES * 4);
    expect(calls).toEqual(['cork', 'uncork']);
  });

  it('knows no socket for a connection it was not given (the portable build registers none)', () => {
    expect(socketOf({})).toBeUndefined();
  });

  it('a burst of 500 small sends and a large one arrive complete and in order', async () => {
    const session = connect(`${server.url}/echo`);
    await session.ready();
    const large = 'L'.repeat(BATCH_FRAME_BYTES * 2);
    const sent = Array.from({ length: 500 }, (_, i) => (i === 250 ? large : `m${i}`));
    await Promise.all(sent.map((text) => session.send(text)));
    const got: string[] = [];
    for await (const event of session) {
      if (event.event_type !== 'websocket.message' || event.payload.kind !== 'text') continue;
      got.push(event.payload.text);
      if (got.length === sent.length) await session.close();
    }
    expect(got).toEqual(sent);
    expect((await session.result).output?.messages_sent).toBe(500);
  });
});
