import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import {
  createJsonRpcConnection,
  createStreamChannel,
  type JsonRpcConnection,
} from '../../src/jsonrpc/index.js';

const PEER = fileURLToPath(new URL('../fixtures/jsonrpc/peer.ts', import.meta.url));
const children: ChildProcess[] = [];

function start(
  framing: 'ndjson' | 'content-length',
  options: Parameters<typeof createJsonRpcConnection>[1] = {},
  limits = {},
) {
  const child = spawn(process.execPath, [PEER, framing], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const rpc = createJsonRpcConnection(
    createStreamChannel(child.stdout, child.stdin, { framing, ...limits }),
    options,
  );
  return { child, rpc };
}

async function events(rpc: JsonRpcConnection) {
  const out = [];
  for await (const event of rpc) out.push(event);
  return out;
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe.each(['ndjson', 'content-length'] as const)('a real peer process over stdio (%s)', (framing) => {
  it('a burst of 300 requests in one turn (many joined writes) is answered in full, each with its own result', async () => {
    const { rpc } = start(framing);
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => rpc.request('add', [i, 1])));
    expect(results).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    await rpc.close();
  });

  it('requests, errors, notifications and batches', async () => {
    const { rpc } = start(framing);
    expect(await rpc.request('add', [1, 2, 3])).toBe(6);
    expect(await rpc.request('echo', { text: 'héllo ✓ 日本' })).toEqual({ text: 'héllo ✓ 日本' });
    await expect(rpc.request('fail', { why: 'test' })).rejects.toMatchObject({
      code: 4242,
      message: 'failed on purpose',
      data: { why: 'test' },
    });
    expect(
      await rpc.batch([
        { method: 'add', params: [2, 2] },
        { method: 'echo', params: 'b' },
      ]),
    ).toEqual([
      { ok: true, result: 4 },
      { ok: true, result: 'b' },
    ]);
    expect(await rpc.request('notifyMe', { count: 3 })).toBe('notified');
    await rpc.close();
    const notes = (await events(rpc)).filter((e) => e.event_type === 'jsonrpc.notification');
    expect(notes.map((e) => e.payload)).toEqual(
      [0, 1, 2].map((i) => ({ method: 'peer/note', params: { i } })),
    );
  });

  it('the peer asks us a request mid-call and uses our answer', async () => {
    const { rpc } = start(framing);
    rpc.onRequest('workspace/configuration', (params) => ({ asked: params, value: 42 }));
    expect(await rpc.request('ask', { method: 'workspace/configuration', params: { section: 'x' } })).toEqual(
      {
        answer: { asked: { section: 'x' }, value: 42 },
      },
    );
    expect((await rpc.close()).output).toMatchObject({ requests_received: 1, requests_sent: 1 });
  });

  it('stray output is a diagnostic event and never breaks the session', async () => {
    const { rpc } = start(framing);
    expect(await rpc.request('noise')).toBe('noisy');
    expect(await rpc.request('add', [1, 1])).toBe(2);
    await rpc.close();
    const diagnostics = (await events(rpc)).filter((e) => e.event_type === 'jsonrpc.diagnostic');
    expect(diagnostics.map((e) => e.payload)).toEqual([
      framing === 'ndjson'
        ? { kind: 'invalid_json', text: 'this is not json', length: 16 }
        : { kind: 'noise', text: 'Stray log line', length: 14 },
    ]);
  });

  it('progress and cancellation reach the peer process', async () => {
    const { rpc } = start(framing);
    const values: unknown[] = [];
    expect(await rpc.request('progress', { steps: 3 }, { onProgress: (v) => values.push(v) })).toEqual({
      steps: 3,
    });
    expect(values).toEqual([1, 2, 3].map((percentage) => ({ kind: 'report', percentage })));
    const controller = new AbortController();
    const slow = rpc.request('slow', { ms: 5_000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(slow).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(await rpc.request('cancelled')).toEqual([1]);
    await rpc.close();
  });

  it('a peer that dies rejects every pending request with a typed error', async () => {
    const { rpc } = start(framing);
    const pending = [rpc.request('never'), rpc.request('never'), rpc.request('crash')];
    const settled = await Promise.allSettled(pending);
    for (const s of settled) {
      const reason = (s as PromiseRejectedResult).reason;
      expect(isExecutionError(reason) && reason.code).toBe('SESSION_ENDED');
      expect(isExecutionError(reason) && reason.failureClass).toBe('remote_disconnect');
    }
    const outcome = await rpc.result;
    expect(outcome.output).toMatchObject({ closed_by: 'remote', pending_at_close: 3 });
  });

  it('a message over maxMessageBytes fails the connection as protocol_framing_failed', async () => {
    const { rpc } = start(framing, {}, { maxMessageBytes: 1_000 });
    const error = await rpc.request('big', { bytes: 5_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'protocol_framing_failed' });
    expect(error).toMatchObject({ cause: { code: 'MESSAGE_TOO_LARGE' } });
    const outcome = await rpc.result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'MESSAGE_TOO_LARGE',
      details: { limit: 'maxMessageBytes' },
    });
  });
});
