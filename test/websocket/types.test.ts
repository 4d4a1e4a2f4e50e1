import { describe, expectTypeOf, it } from 'vitest';
import type { ExecutionOptions, ExecutionOutcome } from '../../src/core/index.js';
import * as barrel from '../../src/websocket/index.js';
import {
  type ConnectOptions,
  connect,
  type WebSocketErrorCode,
  type WebSocketMessagePayload,
  type WebSocketOutput,
  type WebSocketSession,
  websocketDefaults,
} from '../../src/websocket/index.js';
import type { ConnectPlan } from '../../src/websocket/options.js';
import type { SESSION_OPTION_KEYS } from '../../src/websocket/plan-options.js';

// Type-level only: nothing here runs a connection.
const never = (): WebSocketSession => undefined as never;

describe('websocket types', () => {
  it('connect(url, options?) takes exact, named options', () => {
    expectTypeOf(connect).parameters.toEqualTypeOf<[string, (ConnectOptions | undefined)?]>();
    expectTypeOf(connect).returns.toEqualTypeOf<WebSocketSession>();
    expectTypeOf<ConnectOptions>().toExtend<ExecutionOptions>();
    const ok: ConnectOptions = {
      headers: { authorization: 'x' },
      reconnect: { maxAttempts: 3 },
      timeoutMs: null,
    };
    void ok;
    // @ts-expect-error an unknown key is a compile-time error
    const typo: ConnectOptions = { header: {} };
    void typo;
    // @ts-expect-error reconnect policies are exact too
    const badPolicy: ConnectOptions = { reconnect: { attempts: 3 } };
    void badPolicy;
    // @ts-expect-error the URL is the first argument, not an option
    const url: ConnectOptions = { url: 'wss://realtime.example' };
    void url;
  });

  it('the documented interface, the keys the funnel reads and the plan have the same keys', () => {
    type Documented = Exclude<keyof ConnectOptions, keyof ExecutionOptions>;
    expectTypeOf<(typeof SESSION_OPTION_KEYS)[number] | 'maxUnreadBytes'>().toEqualTypeOf<Documented>();
    expectTypeOf<Exclude<keyof ConnectPlan, 'url'>>().toEqualTypeOf<Documented>();
  });

  it('events narrow by event_type', () => {
    const check = async () => {
      for await (const event of never()) {
        if (event.event_type === 'websocket.message') {
          expectTypeOf(event.payload).toEqualTypeOf<WebSocketMessagePayload>();
          if (event.payload.kind === 'text') expectTypeOf(event.payload.text).toBeString();
        }
        if (event.event_type === 'websocket.close') expectTypeOf(event.payload.code).toBeNumber();
        if (event.event_type === 'execution.completed') {
          expectTypeOf(event.payload.outcome).toEqualTypeOf<ExecutionOutcome<WebSocketOutput>>();
        }
      }
    };
    void check;
  });

  it('the session contract: ready, send, close with the outcome', () => {
    expectTypeOf<WebSocketSession['ready']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<WebSocketSession['send']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<WebSocketSession['close']>().parameters.toEqualTypeOf<[code?: number, reason?: string]>();
    expectTypeOf<WebSocketSession['close']>().returns.toEqualTypeOf<
      Promise<ExecutionOutcome<WebSocketOutput>>
    >();
    expectTypeOf<WebSocketSession>().toExtend<AsyncDisposable>();
  });

  it('codes are a closed union; defaults are one frozen object', () => {
    expectTypeOf<'KEEPALIVE_TIMEOUT'>().toExtend<WebSocketErrorCode>();
    expectTypeOf<'SESSION_ENDED'>().toExtend<WebSocketErrorCode>();
    expectTypeOf<'CONNECT_FAILED'>().toExtend<WebSocketErrorCode>();
    // @ts-expect-error not a WebSocket code
    expectTypeOf<'HTTP_STATUS'>().toExtend<WebSocketErrorCode>();
    expectTypeOf(websocketDefaults.pingIntervalMs).toBeNumber();
    const mutate = () => {
      // @ts-expect-error frozen
      websocketDefaults.pingIntervalMs = 1;
    };
    void mutate;
  });

  it('WebSocketSession is exported as a type only', () => {
    // @ts-expect-error no value export: sessions come from connect()
    void barrel.WebSocketSession;
  });
});
