import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import type { ExecutionOptions, ExecutionOutcome } from '../../src/core/index.js';
import * as barrel from '../../src/jsonrpc/index.js';
import {
  call,
  createJsonRpcConnection,
  type JsonRpcCallOptions,
  type JsonRpcChannel,
  type JsonRpcConnection,
  type JsonRpcConnectionOptions,
  type JsonRpcConnectionOutput,
  type JsonRpcErrorCode,
  type JsonRpcRequestOptions,
  jsonRpcDefaults,
} from '../../src/jsonrpc/index.js';

// Type-level only: nothing here opens a connection.
const rpc = (): JsonRpcConnection => undefined as never;
const channel = undefined as unknown as JsonRpcChannel;

describe('jsonrpc types', () => {
  it('createJsonRpcConnection(channel, options?) takes exact, named options', () => {
    expectTypeOf(createJsonRpcConnection).parameters.toEqualTypeOf<
      [JsonRpcChannel, (JsonRpcConnectionOptions | undefined)?]
    >();
    expectTypeOf<JsonRpcConnectionOptions>().toExtend<ExecutionOptions>();
    const ok: JsonRpcConnectionOptions = {
      dialect: 'mcp',
      requestTimeoutMs: null,
      signal: AbortSignal.timeout(1),
    };
    void ok;
    // @ts-expect-error an unknown key is a compile-time error
    const typo: JsonRpcConnectionOptions = { requestTimeout: 5 };
    void typo;
    // @ts-expect-error dialects are 'lsp' or 'mcp'
    const dialect: JsonRpcConnectionOptions = { dialect: 'xml' };
    void dialect;
    void channel;
  });

  it('request<T>() infers T from a schema, else takes it or gives unknown', () => {
    // Never called: the calls are checked by the compiler only.
    const check = () => {
      const User = z.object({ id: z.number(), name: z.string() });
      expectTypeOf(rpc().request('user', {}, { schema: User })).toEqualTypeOf<
        Promise<{ id: number; name: string }>
      >();
      const Upper = z.string().transform((s) => s.length);
      expectTypeOf(rpc().request('n', {}, { schema: Upper })).toEqualTypeOf<Promise<number>>();
      expectTypeOf(rpc().request('x')).toEqualTypeOf<Promise<unknown>>();
      expectTypeOf(rpc().request<string[]>('x')).toEqualTypeOf<Promise<string[]>>();
      // @ts-expect-error request options are exact
      rpc().request('x', {}, { timeout: 5 });
      // @ts-expect-error a schema must be a Standard Schema
      rpc().request('x', {}, { schema: { parse: () => 1 } });
      expectTypeOf<JsonRpcRequestOptions['timeoutMs']>().toEqualTypeOf<number | null | undefined>();
    };
    void check;
  });

  it('call(target, method, params?, options?) with exact options', () => {
    expectTypeOf(call).parameter(3).toEqualTypeOf<JsonRpcCallOptions | undefined>();
    // @ts-expect-error unknown call option
    const typo: JsonRpcCallOptions = { dialects: 'mcp' };
    void typo;
  });

  it('events narrow by event_type', () => {
    const check = async () => {
      for await (const event of rpc()) {
        if (event.event_type === 'jsonrpc.notification') expectTypeOf(event.payload.method).toBeString();
        if (event.event_type === 'jsonrpc.diagnostic') expectTypeOf(event.payload.length).toBeNumber();
        if (event.event_type === 'execution.completed') {
          expectTypeOf(event.payload.outcome).toEqualTypeOf<ExecutionOutcome<JsonRpcConnectionOutput>>();
        }
      }
    };
    void check;
  });

  it('the session contract, codes and defaults', () => {
    expectTypeOf<JsonRpcConnection['ready']>().returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf<JsonRpcConnection['close']>().returns.toEqualTypeOf<
      Promise<ExecutionOutcome<JsonRpcConnectionOutput>>
    >();
    expectTypeOf<JsonRpcConnection>().toExtend<AsyncDisposable>();
    expectTypeOf<'INVALID_RESULT'>().toExtend<JsonRpcErrorCode>();
    expectTypeOf<'PEER_EXITED'>().toExtend<JsonRpcErrorCode>();
    expectTypeOf<'SESSION_ENDED'>().toExtend<JsonRpcErrorCode>();
    expectTypeOf<'RESPONSE_LOST'>().toExtend<JsonRpcErrorCode>();
    expectTypeOf<'BATCH_UNSUPPORTED'>().toExtend<JsonRpcErrorCode>();
    // @ts-expect-error not a JSON-RPC code
    expectTypeOf<'SSE_BAD_STATUS'>().toExtend<JsonRpcErrorCode>();
    expectTypeOf(jsonRpcDefaults.requestTimeoutMs).toBeNumber();
    // @ts-expect-error no value export: connections come from createJsonRpcConnection()
    void barrel.JsonRpcConnection;
  });
});
