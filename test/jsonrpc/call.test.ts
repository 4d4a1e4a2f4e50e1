import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFixtures } from '../../src/core/contracts/fixtures/contract-fixtures.js';
import { isExecutionError, startExecution } from '../../src/core/index.js';
import { createKernel } from '../../src/core/kernel/kernel.js';
import { call, jsonRpcLane } from '../../src/jsonrpc/index.js';
import { jsonRpcPayloadFromIntent } from '../../src/jsonrpc/intent.js';
import { jsonRpcLaneWith } from '../../src/jsonrpc/jsonrpc-lane.js';
import { createJsonRpcKernelLane, jsonRpcKernelLane } from '../../src/jsonrpc/kernel-lane.js';
import { spawn } from '../../src/process/index.js';
import { describeLaneContract } from '../contract/lane-contract.js';
import { startWsRpcServer, type WsRpcServer } from './ws-rpc-server.js';

const PEER = fileURLToPath(new URL('../fixtures/jsonrpc/peer.ts', import.meta.url));
const stdio = (framing: 'ndjson' | 'content-length' = 'ndjson') => ({
  kind: 'process' as const,
  command: process.execPath,
  args: [PEER, framing],
  framing,
});

let server: WsRpcServer;
beforeAll(async () => {
  server = await startWsRpcServer();
});
afterAll(() => server.close());
const ws = () => ({ kind: 'websocket' as const, url: `${server.url}/rpc` });

describeLaneContract('jsonrpc (jsonRpcLane over WebSocket)', {
  succeed: (options) => startExecution(jsonRpcLane, { target: ws(), method: 'add', params: [1, 2] }, options),
  hang: (options) => startExecution(jsonRpcLane, { target: ws(), method: 'never' }, options),
  flood: (count, options) =>
    startExecution(jsonRpcLane, { target: ws(), method: 'notifyMe', params: { count } }, options),
  fail: {
    start: (options) => startExecution(jsonRpcLane, { target: ws(), method: 'fail' }, options),
    failureClass: 'semantic_runtime_failed',
  },
});

const stdioLane = jsonRpcLaneWith(spawn);

describeLaneContract('jsonrpc (jsonRpcLane with spawn over a process stdio)', {
  succeed: (options) =>
    startExecution(stdioLane, { target: stdio(), method: 'add', params: [1, 2] }, options),
  hang: (options) => startExecution(stdioLane, { target: stdio(), method: 'never' }, options),
  flood: (count, options) =>
    startExecution(
      stdioLane,
      { target: stdio('content-length'), method: 'notifyMe', params: { count } },
      options,
    ),
  fail: {
    start: (options) => startExecution(stdioLane, { target: stdio(), method: 'fail' }, options),
    failureClass: 'semantic_runtime_failed',
  },
});

describe('call()', () => {
  it('process targets need an injected spawn: refused before I/O by call(), placement_unavailable in the lane', async () => {
    let error: unknown;
    try {
      call(stdio(), 'echo');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'NOT_SUPPORTED', failureClass: 'placement_unavailable' });
    const outcome = await startExecution(jsonRpcLane, { target: stdio(), method: 'echo' }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'placement_unavailable',
      code: 'NOT_SUPPORTED',
      details: { option: 'spawn' },
    });
    // `spawn` may also come in the lane's input (what call() passes).
    const injected = await startExecution(jsonRpcLane, { target: stdio(), method: 'echo', spawn }).output();
    expect(injected.response).toMatchObject({ id: 0 });
    expect(jsonRpcLane.capabilities.surfaces).toEqual(['stdio', 'websocket']);
  });

  it('spawns a peer over stdio in either framing, calls it and ends it', async () => {
    for (const framing of ['ndjson', 'content-length'] as const) {
      const output = await call(stdio(framing), 'echo', { framing }, { spawn }).output();
      expect(output).toEqual({ method: 'echo', response: { jsonrpc: '2.0', id: 0, result: { framing } } });
    }
    const missing = await call({ kind: 'process', command: '/nonexistent/peer' }, 'x', undefined, { spawn })
      .result;
    expect(missing.failure?.failure_class).toBe('launch_failed');
    const crashed = await call(stdio(), 'crash', undefined, { spawn }).result;
    expect(crashed.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      details: { signal: 'SIGKILL' },
    });
  });

  it('sends one request and reports it as events and output', async () => {
    const execution = call(ws(), 'echo', { hello: 'world' });
    const types = [];
    for await (const event of execution) types.push(event.event_type);
    expect(types).toEqual([
      'execution.started',
      'jsonrpc.request',
      'jsonrpc.response',
      'execution.completed',
    ]);
    expect(await execution.output()).toEqual({
      method: 'echo',
      response: { jsonrpc: '2.0', id: 0, result: { hello: 'world' } },
    });
  });

  it('an error response is a failed call with the response kept', async () => {
    const outcome = await call(ws(), 'fail').result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'semantic_runtime_failed',
      code: 'EXECUTION_FAILED',
      details: { rpc_code: 4242 },
    });
    expect(outcome.output?.response).toEqual({
      jsonrpc: '2.0',
      id: 0,
      error: { code: 4242, message: 'failed on purpose', data: { why: 'test' } },
    });
  });

  it('peer notifications during the call become events of the call', async () => {
    const execution = call(ws(), 'notifyMe', { count: 2 });
    const notes = [];
    for await (const event of execution)
      if (event.event_type === 'jsonrpc.notification') notes.push(event.payload);
    expect(notes).toEqual([
      { method: 'server/note', params: { i: 0 } },
      { method: 'server/note', params: { i: 1 } },
    ]);
  });

  it('a dropped peer fails remote_disconnect; an unreachable one transport_failed', async () => {
    expect((await call(ws(), 'drop').result).failure?.failure_class).toBe('remote_disconnect');
    const unreachable = await call({ kind: 'websocket', url: 'ws://127.0.0.1:1/' }, 'x').result;
    expect(unreachable.failure?.failure_class).toBe('transport_failed');
  });

  it('validates target, method and options before any I/O', () => {
    for (const [target, method, options, option] of [
      [{ kind: 'websocket', url: 'http://x' }, 'm', {}, 'target.url'],
      [{ kind: 'pigeon' }, 'm', {}, 'target.kind'],
      [ws(), '', {}, 'method'],
      [ws(), 'm', { dialect: 'xml' }, 'dialect'],
    ] as const) {
      let error: unknown;
      try {
        call(target as never, method, undefined, options as never);
      } catch (e) {
        error = e;
      }
      expect(isExecutionError(error) && error.code).toBe('INVALID_OPTIONS');
      expect(isExecutionError(error) && error.details.option).toBe(option);
    }
  });
});

describe('jsonRpcPayloadFromIntent', () => {
  const route = {
    protocol: 'jsonrpc',
    resolved_target: {
      command: 'my-server',
      argv: ['--stdio'],
      cwd: '/srv',
      env: {},
      execution_surface: { surface_kind: 'local_subprocess' },
    },
  };

  it('maps a stdio intent and its route to a process target', () => {
    const payload = jsonRpcPayloadFromIntent(
      {
        transport_binding: { mode: 'stdio', framing: 'content_length' },
        protocol_schema: { schema: 'jsonrpc-2.0', dialect: 'lsp' },
        request: { method: 'session.start', params: { ok: true } },
        session_policy: { attachable: true },
      },
      route,
    );
    expect(payload).toEqual({
      target: {
        kind: 'process',
        command: 'my-server',
        args: ['--stdio'],
        cwd: '/srv',
        framing: 'content-length',
      },
      method: 'session.start',
      params: { ok: true },
      dialect: 'lsp',
    });
  });

  it('maps a websocket binding, defaults to stdio NDJSON, and refuses what it cannot run', () => {
    expect(
      jsonRpcPayloadFromIntent(
        { transport_binding: { mode: 'websocket', url: 'ws://h/rpc' }, request: { method: 'm' } },
        { protocol: 'jsonrpc' },
      ).target,
    ).toEqual({ kind: 'websocket', url: 'ws://h/rpc' });
    expect(jsonRpcPayloadFromIntent({ request: { method: 'm' } }, route).target).toMatchObject({
      framing: 'ndjson',
    });
    const refusals: Array<[Parameters<typeof jsonRpcPayloadFromIntent>, string]> = [
      [[{ request: {} }, route], 'route_unresolved'],
      [[{ request: { method: 'm' } }, { protocol: 'http' }], 'route_unresolved'],
      [
        [{ request: { method: 'm' }, transport_binding: { mode: 'carrier-pigeon' } }, route],
        'route_unresolved',
      ],
      [
        [
          { request: { method: 'm' } },
          {
            protocol: 'jsonrpc',
            resolved_target: { command: 'x', execution_surface: { surface_kind: 'ssh_exec' } },
          },
        ],
        'placement_unavailable',
      ],
    ];
    for (const [args, failureClass] of refusals) {
      let error: unknown;
      try {
        jsonRpcPayloadFromIntent(...args);
      } catch (e) {
        error = e;
      }
      expect(isExecutionError(error) && error.code).toBe('INVALID_CONTRACT');
      expect(isExecutionError(error) && error.failureClass).toBe(failureClass);
    }
    // The mapping leaves validation to the lane's plan (once, when the kernel starts it).
    const incomplete = jsonRpcPayloadFromIntent(
      { request: { method: 'm' } },
      { protocol: 'jsonrpc', resolved_target: {} },
    );
    let invalid: unknown;
    try {
      jsonRpcLane.plan(incomplete, 'jsonrpc intent');
    } catch (e) {
      invalid = e;
    }
    expect(isExecutionError(invalid) && invalid.code).toBe('INVALID_OPTIONS');
  });
});

// The testkit envelope's deadline lies in the past; these dispatches need one in the future.
function liveIntent(extra: Record<string, unknown>) {
  const fixture = contractFixtures.jsonrpcExecutionIntent;
  const { deadline_at: _past, ...envelope } = fixture.envelope;
  return { ...fixture, envelope, ...extra };
}

describe('jsonRpcKernelLane', () => {
  it('runs a jsonrpc_execution_intent.v1 dispatch for real and reports the response as raw_payload', async () => {
    const kernel = createKernel({ lanes: [jsonRpcKernelLane] });
    const intent = liveIntent({
      transport_binding: { mode: 'websocket', url: `${server.url}/rpc` },
      request: { method: 'echo', params: { ok: true } },
    });
    const result = await kernel.execute(intent, contractFixtures.jsonrpcExecutionRoute);
    expect(result.ok).toBe(true);
    expect(result.events.map((e) => e.event_type)).toEqual(['dispatch.started', 'dispatch.completed']);
    expect(result.outcome.raw_payload).toEqual({
      method: 'echo',
      response: { jsonrpc: '2.0', id: 0, result: { ok: true } },
    });
    const failed = await kernel.execute(
      { ...intent, request: { method: 'fail' } },
      contractFixtures.jsonrpcExecutionRoute,
    );
    expect(failed.ok).toBe(false);
    expect(failed.outcome.failure?.failure_class).toBe('semantic_runtime_failed');
  });

  it('runs a stdio dispatch: the route names the peer program', async () => {
    const kernel = createKernel({ lanes: [createJsonRpcKernelLane(spawn)] });
    const route = {
      ...contractFixtures.jsonrpcExecutionRoute,
      resolved_target: {
        command: process.execPath,
        argv: [PEER, 'content-length'],
        execution_surface: { surface_kind: 'local_subprocess' },
      },
    };
    const intent = liveIntent({
      transport_binding: { mode: 'stdio', framing: 'content_length' },
      request: { method: 'add', params: [40, 2] },
    });
    const result = await kernel.execute(intent, route);
    expect(result.ok).toBe(true);
    expect(result.outcome.raw_payload).toEqual({
      method: 'add',
      response: { jsonrpc: '2.0', id: 0, result: 42 },
    });
  });

  it('refuses an intent it cannot run before any I/O', async () => {
    const kernel = createKernel({ lanes: [jsonRpcKernelLane] });
    // The testkit route names no command: the payload is invalid, so execute rejects.
    await expect(
      kernel.execute(liveIntent({}), contractFixtures.jsonrpcExecutionRoute),
    ).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
