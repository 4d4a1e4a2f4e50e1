import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type ExecutionError, isExecutionError } from '../../src/core/index.js';
import { createJsonRpcConnection, createMemoryChannelPair } from '../../src/jsonrpc/index.js';
import { rawPeer } from './raw-peer.js';

function pair(options: Parameters<typeof createJsonRpcConnection>[1] = {}) {
  const [ours, theirs] = createMemoryChannelPair();
  return { rpc: createJsonRpcConnection(ours, options), peer: rawPeer(theirs) };
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timeouts', () => {
  it('a request without an answer times out with a typed error and a cancel notification', async () => {
    const { rpc, peer } = pair({ requestTimeoutMs: 40 });
    const error = (await rpc.request('never').catch((e: unknown) => e)) as ExecutionError;
    expect(isExecutionError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'TIMEOUT', failureClass: 'timeout' });
    expect(error.details).toMatchObject({ method: 'never', id: 0, timeout_ms: 40, kind: 'idle' });
    expect(await peer.next((m) => m.method === '$/cancelRequest')).toEqual({
      jsonrpc: '2.0',
      method: '$/cancelRequest',
      params: { id: 0 },
    });
    // The late answer is expected, not a diagnostic.
    peer.send({ jsonrpc: '2.0', id: 0, error: { code: -32800, message: 'cancelled' } });
    await delay(10);
    const outcome = await rpc.close();
    expect(outcome.output?.diagnostics).toBe(0);
  });

  it('per-request timeoutMs overrides the connection default; null waits forever', async () => {
    const { rpc, peer } = pair({ requestTimeoutMs: 20 });
    const patient = rpc.request('slow', undefined, { timeoutMs: null });
    const quick = rpc.request('slow', undefined, { timeoutMs: 5 }).catch((e: ExecutionError) => e.code);
    await delay(60);
    expect(await quick).toBe('TIMEOUT');
    peer.send({ jsonrpc: '2.0', id: 0, result: 'finally' });
    expect(await patient).toBe('finally');
    await rpc.close();
  });

  it('progress resets the timeout when asked, and the total cap still applies', async () => {
    // Progress every 30 ms for 240 ms against a 120 ms timeout: generous gaps for a loaded machine.
    for (const [reset, total, expected] of [
      [true, null, 'done'],
      [false, null, 'TIMEOUT:idle'],
      [true, 160, 'TIMEOUT:total'],
    ] as const) {
      const { rpc, peer } = pair({ dialect: 'mcp' });
      const values: unknown[] = [];
      const call = rpc
        .request(
          'work',
          { n: 1 },
          {
            timeoutMs: 120,
            resetTimeoutOnProgress: reset,
            maxTotalTimeoutMs: total,
            onProgress: (value) => values.push(value),
          },
        )
        .then(
          (r) => r,
          (e: ExecutionError) => `${e.code}:${e.details.kind}`,
        );
      const request = await peer.next();
      const token = (request.params as { _meta: { progressToken: number } })._meta.progressToken;
      expect(request.params).toEqual({ n: 1, _meta: { progressToken: 0 } });
      for (let i = 1; i <= 8; i++) {
        await delay(30);
        peer.send({
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: token, progress: i },
        });
      }
      peer.send({ jsonrpc: '2.0', id: 0, result: 'done' });
      expect(await call).toBe(expected);
      if (expected === 'done') expect(values).toHaveLength(8);
      await rpc.close();
    }
  });
});

describe('cancellation on the wire', () => {
  it('LSP: aborting sends $/cancelRequest; MCP: notifications/cancelled with a reason', async () => {
    for (const [dialect, method, params] of [
      ['lsp', '$/cancelRequest', { id: 0 }],
      ['mcp', 'notifications/cancelled', { requestId: 0 }],
    ] as const) {
      const { rpc, peer } = pair({ dialect });
      const controller = new AbortController();
      const call = rpc.request('work', {}, { signal: controller.signal });
      await peer.next();
      controller.abort('user pressed stop');
      const error = (await call.catch((e: unknown) => e)) as ExecutionError;
      expect(error).toMatchObject({ code: 'CANCELLED', failureClass: 'cancellation' });
      expect(error.message).toContain('user pressed stop');
      const cancel = await peer.next((m) => m.method === method);
      expect(cancel.params).toMatchObject(params);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await rpc.close();
    }
  });

  it('id 0 is cancelled like any other id, and initialize is never cancelled', async () => {
    const { rpc, peer } = pair({ dialect: 'mcp', requestTimeoutMs: 20 });
    const init = rpc.request('initialize', {}).catch((e: ExecutionError) => e.code);
    expect(await init).toBe('TIMEOUT');
    const controller = new AbortController();
    const call = rpc
      .request('tools/call', {}, { signal: controller.signal })
      .catch((e: ExecutionError) => e.code);
    await peer.next((m) => m.method === 'tools/call');
    controller.abort();
    expect(await call).toBe('CANCELLED');
    await peer.next((m) => m.method === 'notifications/cancelled');
    const cancels = peer.received.filter((m) => m.method === 'notifications/cancelled');
    expect(cancels.map((m) => (m.params as { requestId: number }).requestId)).toEqual([1]);
    await rpc.close();
  });

  it('one signal shared by many requests adds one listener and removes it', async () => {
    const { rpc, peer } = pair();
    await rpc.ready();
    const controller = new AbortController();
    const calls = Array.from({ length: 100 }, (_, i) => rpc.request('m', i, { signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    for (let i = 0; i < 100; i++) peer.send({ jsonrpc: '2.0', id: i, result: i });
    expect(await Promise.all(calls)).toHaveLength(100);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await rpc.close();
  });
});

describe('progress', () => {
  it('LSP: routes $/progress for our workDoneToken to onProgress, in order', async () => {
    const { rpc, peer } = pair();
    const values: unknown[] = [];
    const call = rpc.request('build', { target: 'all' }, { onProgress: (v) => values.push(v) });
    const request = await peer.next();
    expect(request.params).toEqual({ target: 'all', workDoneToken: 0 });
    peer.send({ jsonrpc: '2.0', method: '$/progress', params: { token: 0, value: { kind: 'begin' } } });
    peer.send({ jsonrpc: '2.0', method: '$/progress', params: { token: 0, value: { kind: 'end' } } });
    peer.send({ jsonrpc: '2.0', id: 0, result: 'built' });
    expect(await call).toBe('built');
    expect(values).toEqual([{ kind: 'begin' }, { kind: 'end' }]);
    await rpc.close();
  });

  it('positional params are sent unchanged (no token), and no params get a token object', async () => {
    const { rpc, peer } = pair();
    const calls = [
      rpc.request('positional', [1, 2], { onProgress: () => {} }),
      rpc.request('bare', undefined, { onProgress: () => {} }),
    ];
    expect((await peer.next((m) => m.method === 'positional')).params).toEqual([1, 2]);
    expect((await peer.next((m) => m.method === 'bare')).params).toEqual({ workDoneToken: 1 });
    await rpc.close();
    await expect(Promise.all(calls)).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('our handlers report progress to the peer on its token', async () => {
    const { rpc, peer } = pair({ dialect: 'mcp' });
    rpc.onRequest('job', (_params, context) => {
      context.progress({ progress: 1, total: 2 });
      return 'ok';
    });
    peer.send({ jsonrpc: '2.0', id: 5, method: 'job', params: { _meta: { progressToken: 'tok' } } });
    expect(await peer.next((m) => m.method === 'notifications/progress')).toEqual({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: { progress: 1, total: 2, progressToken: 'tok' },
    });
    expect((await peer.next((m) => m.id === 5)).result).toBe('ok');
    await rpc.close();
  });
});

describe('closing', () => {
  it('closing with 1 000 requests in flight rejects all 1 000 with the typed error and leaks nothing', async () => {
    const baselineTimers = timers();
    const { rpc, peer } = pair({ requestTimeoutMs: 60_000, maxTotalTimeoutMs: 120_000 });
    await rpc.ready();
    const controller = new AbortController();
    const calls = Array.from({ length: 1_000 }, (_, i) =>
      rpc.request('hold', i, { signal: controller.signal }),
    );
    expect(rpc.pendingRequests).toBe(1_000);
    expect(timers()).toBeGreaterThanOrEqual(baselineTimers + 1);
    await peer.close();
    const settled = await Promise.allSettled(calls);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    for (const s of settled) {
      const reason = (s as PromiseRejectedResult).reason;
      expect(isExecutionError(reason)).toBe(true);
      expect(reason).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'remote_disconnect' });
      expect(reason.cause).toMatchObject({ code: 'CHANNEL_CLOSED' });
    }
    expect((settled[999] as PromiseRejectedResult).reason.details).toMatchObject({ method: 'hold', id: 999 });
    expect(rpc.pendingRequests).toBe(0);
    expect(timers()).toBeLessThanOrEqual(baselineTimers);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const outcome = await rpc.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({
      pending_at_close: 1_000,
      closed_by: 'remote',
      requests_sent: 1_000,
    });
    const late = await rpc.request('after').catch((e: unknown) => e);
    expect(isExecutionError(late) && late.code).toBe('SESSION_ENDED');
    // The peer closed cleanly: the connection succeeded, so there is no cause.
    expect((late as Error).cause).toBeUndefined();
  });

  it('close() rejects pending requests with SESSION_ENDED (cancellation) and ends succeeded', async () => {
    const { rpc } = pair();
    const call = rpc.request('hold').catch((e: unknown) => e);
    const outcome = await rpc.close();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.closed_by).toBe('local');
    expect(await call).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'cancellation' });
    expect(await rpc.close()).toBe(outcome);
    await expect(rpc.notify('late')).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await expect(rpc.batch([{ method: 'late' }])).rejects.toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('calls made before the connection started wait for it, or end with it', async () => {
    const { rpc, peer } = pair();
    const early = rpc.request('early');
    peer.send({ jsonrpc: '2.0', id: 0, result: 'answered' });
    expect(await early).toBe('answered');
    await rpc.close();
    const cancelled = pair();
    const never = cancelled.rpc.request('never').catch((e: unknown) => e);
    await cancelled.rpc.cancel('before the start');
    expect(await never).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'CANCELLED' } });
    await expect(cancelled.rpc.ready()).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'CANCELLED' },
    });
  });

  it('cancel() and the execution timeout end the connection and reject pending requests accordingly', async () => {
    const { rpc } = pair();
    await rpc.ready();
    const call = rpc.request('hold').catch((e: unknown) => e);
    expect((await rpc.cancel('done here')).status).toBe('cancelled');
    expect(await call).toMatchObject({ code: 'CANCELLED' });
    const timed = pair({ timeoutMs: 30 });
    const pending = timed.rpc.request('hold').catch((e: unknown) => e);
    expect((await timed.rpc.result).status).toBe('timed_out');
    expect(await pending).toMatchObject({ code: 'TIMEOUT' });
  });
});
