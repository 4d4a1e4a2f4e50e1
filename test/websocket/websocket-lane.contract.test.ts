import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isExecutionError, startExecution } from '../../src/core/index.js';
import { connect, type WebSocketSession, websocketLane } from '../../src/websocket/index.js';
import { type ContractExecution, describeLaneContract } from '../contract/lane-contract.js';
import { collect, laneTypes } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

// The server must exist before the suites register (they read its URL lazily at run time).
let server: TestWsServer;
beforeAll(async () => {
  server = await startWsServer();
});
afterAll(() => server.close());
const url = (path: string) => `${server.url}${path}`;

describeLaneContract('websocket (websocketLane)', {
  succeed: (options) =>
    startExecution(websocketLane, { url: url('/echo'), send: ['hello'], closeAfterMessages: 1 }, options),
  hang: (options) => startExecution(websocketLane, { url: url('/hang'), pingIntervalMs: null }, options),
  flood: (count, options) => startExecution(websocketLane, { url: url(`/flood/${count}`) }, options),
  fail: {
    start: (options) => startExecution(websocketLane, { url: url('/drop') }, options),
    failureClass: 'remote_disconnect',
  },
});

// The shared suite checks the Execution contract, where `await using` cancels. A session's own
// `await using` closes gracefully instead (connect.test.ts checks that), so the suite sees the
// session with the Execution's dispose.
const asExecution = (session: WebSocketSession): ContractExecution => ({
  get ref() {
    return session.ref;
  },
  get status() {
    return session.status;
  },
  get result() {
    return session.result;
  },
  output: () => session.output(),
  cancel: (reason) => session.cancel(reason),
  [Symbol.asyncIterator]: () => session[Symbol.asyncIterator](),
  [Symbol.asyncDispose]: async () => void (await session.cancel('execution disposed')),
});

describeLaneContract('websocket (connect sessions)', {
  succeed: (options) => asExecution(connect(url('/flood/3'), options)),
  hang: (options) => asExecution(connect(url('/hang'), options)),
  flood: (count, options) => asExecution(connect(url(`/flood/${count}`), options)),
  fail: {
    start: (options) => asExecution(connect(url('/close/1011'), options)),
    failureClass: 'remote_disconnect',
  },
});

describe('websocketLane payload', () => {
  it('sends text and base64 binary messages and reports binary frames as base64', async () => {
    const execution = startExecution(websocketLane, {
      url: url('/echo'),
      send: ['text', { base64: Buffer.from([9, 8]).toString('base64') }],
      closeAfterMessages: 2,
    });
    const events = await collect(execution);
    const messages = events.filter((e) => e.event_type === 'websocket.message').map((e) => e.payload);
    expect(messages).toEqual([
      { kind: 'text', text: 'text', bytes: 4 },
      { kind: 'binary', data: 'CQg=', bytes: 2 },
    ]);
    expect(laneTypes(events).at(-1)).toBe('websocket.close');
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
    const output = await execution.output();
    expect(output).toMatchObject({ close_code: 1000, initiated_by: 'local', messages_sent: 2 });
  });

  it('validates the payload before any I/O and has no default timeout', () => {
    const before = server.upgrades.length;
    let error: unknown;
    try {
      startExecution(websocketLane, { url: url('/echo'), send: [{ base64: '***' }] });
    } catch (e) {
      error = e;
    }
    expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
    expect(isExecutionError(error) && error.details.option).toBe('send.0.base64');
    expect(server.upgrades.length).toBe(before);
    expect(websocketLane.defaultTimeoutMs).toBeNull();
    expect(websocketLane.capabilities).toMatchObject({ lane_id: 'websocket', surfaces: ['ws', 'wss'] });
  });
});
