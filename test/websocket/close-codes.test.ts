import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyClose, describeCloseCode, isReconnectable } from '../../src/websocket/close-codes.js';
import { connect } from '../../src/websocket/index.js';
import { collect, waitFor } from './support.js';
import { startWsServer, type TestWsServer } from './ws-server.js';

describe('classifyClose (pure)', () => {
  it('maps every registered code and the initiators', () => {
    const normal = [1000, 1001, 1005];
    expect(classifyClose(1000, '', 'remote', normal)).toBeNull();
    expect(classifyClose(4321, '', 'local', normal)).toBeNull();
    expect(classifyClose(1006, '', 'remote', [1006])?.failure_class).toBe('remote_disconnect');
    expect(classifyClose(1000, '', 'keepalive', normal)?.code).toBe('KEEPALIVE_TIMEOUT');
    const table: Record<number, string> = {
      1002: 'protocol_framing_failed',
      1003: 'protocol_framing_failed',
      1007: 'protocol_framing_failed',
      1008: 'policy_denied',
      1009: 'protocol_framing_failed',
      1010: 'protocol_framing_failed',
      1011: 'remote_disconnect',
      1012: 'remote_disconnect',
      1013: 'remote_disconnect',
      1014: 'remote_disconnect',
      1015: 'transport_failed',
      3000: 'semantic_runtime_failed',
      4999: 'semantic_runtime_failed',
    };
    for (const [code, failureClass] of Object.entries(table)) {
      expect(classifyClose(Number(code), 'r', 'remote', normal)?.failure_class).toBe(failureClass);
    }
    expect(classifyClose(4000, '', 'remote', [4000])).toBeNull();
  });

  it('names codes and tells which failures a reconnect may cure', () => {
    expect(describeCloseCode(1006)).toBe('1006 (abnormal closure)');
    expect(describeCloseCode(4001)).toBe('4001 (application code)');
    expect(describeCloseCode(2999)).toBe('2999');
    expect(isReconnectable({ failure_class: 'remote_disconnect' })).toBe(true);
    expect(isReconnectable({ failure_class: 'policy_denied' })).toBe(false);
    expect(isReconnectable(null)).toBe(false);
  });
});

describe('close codes from a real peer', () => {
  let server: TestWsServer;
  beforeAll(async () => {
    server = await startWsServer();
  });
  afterAll(() => server.close());

  const cases: Array<[string, string, string | null]> = [
    ['1000', 'succeeded', null],
    ['1001', 'succeeded', null],
    ['none', 'succeeded', null],
    ['1002', 'failed', 'protocol_framing_failed'],
    ['1003', 'failed', 'protocol_framing_failed'],
    ['1007', 'failed', 'protocol_framing_failed'],
    ['1008', 'failed', 'policy_denied'],
    ['1009', 'failed', 'protocol_framing_failed'],
    ['1010', 'failed', 'protocol_framing_failed'],
    ['1011', 'failed', 'remote_disconnect'],
    ['1012', 'failed', 'remote_disconnect'],
    ['1013', 'failed', 'remote_disconnect'],
    ['1014', 'failed', 'remote_disconnect'],
    ['3000', 'failed', 'semantic_runtime_failed'],
    ['4000', 'failed', 'semantic_runtime_failed'],
  ];
  for (const [code, status, failureClass] of cases) {
    it(`peer closing with ${code} ends ${status}${failureClass ? ` / ${failureClass}` : ''}`, async () => {
      const session = connect(`${server.url}/close/${code}`);
      const events = await collect(session);
      const outcome = await session.result;
      expect(outcome.status).toBe(status);
      expect(outcome.failure?.failure_class ?? null).toBe(failureClass);
      const close = events.find((e) => e.event_type === 'websocket.close')?.payload;
      const expectedCode = code === 'none' ? 1005 : Number(code);
      expect(close).toEqual({
        code: expectedCode,
        reason: code === 'none' ? '' : `bye ${code}`,
        was_clean: true,
        initiated_by: 'remote',
      });
      expect(outcome.output).toMatchObject({ close_code: expectedCode, initiated_by: 'remote' });
    });
  }

  it('a peer dropping TCP without a close frame is remote_disconnect (1006)', async () => {
    const session = connect(`${server.url}/drop`);
    const events = await collect(session);
    const outcome = await session.result;
    expect(outcome.failure).toMatchObject({ failure_class: 'remote_disconnect', retryable: true });
    expect(outcome.failure).toMatchObject({ code: 'ABNORMAL_CLOSURE', details: { close_code: 1006 } });
    expect(events.find((e) => e.event_type === 'websocket.close')?.payload).toMatchObject({
      code: 1006,
      was_clean: false,
    });
  });

  it('normalCloseCodes lets an application code end a session as succeeded', async () => {
    const outcome = await connect(`${server.url}/close/4000`, { normalCloseCodes: [1000, 4000] }).result;
    expect(outcome.status).toBe('succeeded');
  });

  it('a frame violating the protocol fails protocol_framing_failed', async () => {
    const outcome = await connect(`${server.url}/bad-frame`).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'PROTOCOL_ERROR',
      details: { ws_code: 'WS_ERR_INVALID_OPCODE' },
    });
    expect(outcome.output?.initiated_by).toBe('error');
    // We answered the reserved opcode with 1002 (protocol error): that is what we report.
    expect(outcome.output?.close_code).toBe(1002);
    expect(outcome.failure?.details).toMatchObject({ close_code: 1002 });
  });

  it('a message over maxPayloadBytes fails with a typed limit error and closes with 1009', async () => {
    const session = connect(`${server.url}/big/5000`, { maxPayloadBytes: 1_000 });
    const events = await collect(session);
    const outcome = await session.result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'MESSAGE_TOO_LARGE',
      details: { limit: 'maxPayloadBytes', value: 1_000 },
    });
    expect(events.some((e) => e.event_type === 'websocket.message')).toBe(false);
    await waitFor(() => server.closes.includes(1009));
    expect(server.closes).toContain(1009);
    // The peer saw 1009, and so do the close event and the outcome (ws itself says 1006: issue #11).
    expect(events.find((e) => e.event_type === 'websocket.close')?.payload).toMatchObject({
      code: 1009,
      initiated_by: 'error',
      was_clean: false,
    });
    expect(outcome.output).toMatchObject({ close_code: 1009, initiated_by: 'error' });
    expect(outcome.failure?.details).toMatchObject({ close_code: 1009 });
  });
});
