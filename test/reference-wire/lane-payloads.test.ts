import { describe, expect, it } from 'vitest';
import { startExecution } from '../../src/core/start-execution.js';
import { httpLane } from '../../src/http/http-lane.js';
import { jsonRpcLane } from '../../src/jsonrpc/jsonrpc-lane.js';
import { run } from '../../src/process/entry.js';
import { processLane } from '../../src/process/process-lane.js';
import { sseLane } from '../../src/sse/sse-lane.js';
import { websocketLane } from '../../src/websocket/websocket-lane.js';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
};

describe('process: the reference payload shape through plan', () => {
  it('runs argv, env_projection, clear_env and timeout_ms', async () => {
    const execution = startExecution(processLane, {
      command: 'sh',
      argv: ['-c', 'echo "$A-[$HOME]"'],
      env_projection: { A: 1 },
      clear_env: true,
      timeout_ms: 5_000,
    });
    const events = [];
    for await (const event of execution) events.push(event);
    const outcome = await execution.result;
    expect(outcome.status).toBe('succeeded');
    expect((outcome.output as { stdout: string }).stdout).toBe('1-[]\n');
    expect(events[0]?.payload).toMatchObject({ timeout_ms: 5_000 });
  });

  it('reads env when env_projection is absent, stderr_mode stdout as merge, close_stdin', async () => {
    const outcome = await startExecution(processLane, {
      command: 'sh',
      argv: ['-c', 'echo out; echo err >&2; echo "$B"'],
      env: { B: 'b' },
      stderr_mode: 'stdout',
      close_stdin: true,
      stdio_mode: 'pipe',
      execution_surface: { surface_kind: 'local_subprocess' },
    }).result;
    expect((outcome.output as { stdout: string }).stdout).toContain('err');
    expect((outcome.output as { stdout: string }).stdout).toContain('b\n');
  });

  it('refuses a mix of the two shapes, naming the key that breaks the rule', () => {
    expect(code(() => processLane.plan({ command: 'echo', argv: ['x'], args: ['y'] }))).toMatch(
      /INVALID_OPTIONS: Invalid option `args`.*has `argv`/,
    );
    expect(code(() => processLane.plan({ command: 'echo', clear_env: 'yes' }))).toMatch(
      /INVALID_OPTIONS: Invalid option `clear_env`/,
    );
    expect(code(() => processLane.plan({ command: 'echo', timeout_ms: -1 }))).toMatch(/`timeout_ms`/);
  });

  it('keeps the camelCase shape for payloads without a reference-only key', () => {
    expect(code(() => processLane.plan({ command: 'echo', args: ['x'], clearEnv: true }))).toBe('ok');
  });

  it('keeps entry points camelCase only', () => {
    expect(() => run('echo', [], { argv: ['x'] } as never)).toThrow(/argv/);
  });
});

describe('http: the reference payload shape through plan', () => {
  it('defaults to POST, maps timeout_ms, timeouts and retry_class', () => {
    const plan = httpLane.plan({
      url: 'http://127.0.0.1:1/',
      timeout_ms: 900,
      timeouts: { request_timeout_ms: 800 },
    });
    expect(plan.method).toBe('POST');
    expect(plan.totalMs).toBe(800);
    expect(plan.retry.maxRetries).toBe(0);
    expect(httpLane.executionDefaults?.(plan)).toEqual({ timeoutMs: 800 });
    const retried = httpLane.plan({
      url: 'http://127.0.0.1:1/',
      retry_class: 'safe_idempotent',
      method: 'get',
    });
    expect(retried.method).toBe('GET');
    expect(retried.retry.maxRetries).toBeGreaterThan(0);
  });

  it('keeps GET for a payload in this package shape and refuses a mix', () => {
    expect(httpLane.plan({ url: 'http://127.0.0.1:1/' }).method).toBe('GET');
    expect(code(() => httpLane.plan({ url: 'http://x/', timeout_ms: 5, responseType: 'json' }))).toMatch(
      /INVALID_OPTIONS: Invalid option `responseType`.*has `timeout_ms`/,
    );
  });
});

describe('jsonrpc, sse, websocket: the reference payload shape through plan', () => {
  it('jsonrpc: a binding with command, argv and request', () => {
    const plan = jsonRpcLane.plan({
      command: 'node',
      argv: ['peer.js'],
      request: { method: 'ping', params: [1] },
    });
    expect(plan).toMatchObject({
      target: { kind: 'process', command: 'node', args: ['peer.js'] },
      method: 'ping',
    });
    expect(code(() => jsonRpcLane.plan({ command: 'node', request: {} }))).toMatch(
      /INVALID_OPTIONS.*`request`/,
    );
    expect(code(() => jsonRpcLane.plan({ request: { method: 'x' }, method: 'y' }))).toMatch(/`method`/);
  });

  it('sse: receive_timeout and timeout_ms', () => {
    const plan = sseLane.plan({
      url: 'http://127.0.0.1:1/events',
      receive_timeout: 1_000,
      timeout_ms: 2_000,
    });
    expect(plan.idleTimeoutMs).toBe(1_000);
    expect(plan.reconnect.maxAttempts).toBe(0);
    // One event per message, as the reference hands them over (stream()'s default is batches).
    expect(plan.batch).toBe(false);
    expect(sseLane.plan({ url: 'http://127.0.0.1:1/events' }).batch).toBe(true);
    expect(sseLane.executionDefaults?.(plan)).toMatchObject({ timeoutMs: 2_000 });
  });

  it('websocket: outbound_frames and receive_timeout', () => {
    const plan = websocketLane.plan({
      url: 'ws://127.0.0.1:1/',
      outbound_frames: ['a', { text: 'b' }, { binary: 'AAE=' }],
      receive_timeout: 1_500,
    });
    expect(plan.send).toEqual(['a', 'b', { base64: 'AAE=' }]);
    expect(plan.handshakeTimeoutMs).toBe(1_500);
    expect(code(() => websocketLane.plan({ url: 'ws://x/', outbound_frames: [1] }))).toMatch(
      /outbound_frames\[0\]/,
    );
  });
});
