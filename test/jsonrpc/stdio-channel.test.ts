import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { createJsonRpcConnection, createStdioChannel } from '../../src/jsonrpc/index.js';
import { spawn } from '../../src/process/index.js';

const PEER = fileURLToPath(new URL('../fixtures/jsonrpc/peer.ts', import.meta.url));

function start(framing: 'ndjson' | 'content-length', processFraming: 'raw' | 'lines' = 'raw') {
  const session = spawn(process.execPath, [PEER, framing], { framing: processFraming });
  const rpc = createJsonRpcConnection(createStdioChannel(session, { framing }));
  return { session, rpc };
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(['ndjson', 'content-length'] as const)('stdio of a process session (%s)', (framing) => {
  it('talks both directions with a real peer process and ends it on close()', async () => {
    const { session, rpc } = start(framing);
    rpc.onRequest('client/name', () => 'stdio-client');
    expect(await rpc.request('add', [2, 3])).toBe(5);
    expect(await rpc.request('ask', { method: 'client/name' })).toEqual({ answer: 'stdio-client' });
    expect(
      await rpc.batch([
        { method: 'echo', params: 'é✓' },
        { method: 'add', params: [1, 1] },
      ]),
    ).toEqual([
      { ok: true, result: 'é✓' },
      { ok: true, result: 2 },
    ]);
    await expect(rpc.request('fail')).rejects.toMatchObject({ code: 4242 });
    await session.ready();
    const pid = session.pid;
    const outcome = await rpc.close();
    expect(outcome.status).toBe('succeeded');
    // close() ended stdin; the peer exits on EOF.
    expect((await session.result).output).toMatchObject({ exit_code: 0 });
    expect(alive(pid)).toBe(false);
  });

  it('a burst of 300 requests in one turn (many joined writes) is answered in full, each with its own result', async () => {
    const { rpc } = start(framing);
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => rpc.request('echo', { i, text: 'é'.repeat(i % 7) })),
    );
    expect(results).toEqual(Array.from({ length: 300 }, (_, i) => ({ i, text: 'é'.repeat(i % 7) })));
    expect((await rpc.close()).output).toMatchObject({ requests_sent: 300, responses_received: 300 });
  });

  it('a peer that exits non-zero rejects pending requests and reports its exit and stderr', async () => {
    const { rpc } = start(framing);
    await rpc.request('stderr', { text: 'fatal: out of cheese' });
    const pending = rpc.request('never');
    await expect(rpc.request('exit', { code: 3 })).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      failureClass: 'remote_disconnect',
      cause: { code: 'PEER_EXITED' },
    });
    await expect(pending).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    const outcome = await rpc.result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      code: 'PEER_EXITED',
      details: { exit_code: 3, signal: null },
    });
    // After the peer exited, every call says so.
    await expect(rpc.request('late')).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'PEER_EXITED' },
    });
    expect(String(outcome.failure?.details.stderr_tail)).toContain('fatal: out of cheese');
  });

  it('closing with 1 000 requests in flight to a real process rejects them all', async () => {
    const { session, rpc } = start(framing);
    await rpc.ready();
    const calls = Array.from({ length: 1_000 }, () => rpc.request('never'));
    expect(rpc.pendingRequests).toBe(1_000);
    session.cancel('peer killed by the test');
    const settled = await Promise.allSettled(calls);
    expect(settled.every((s) => s.status === 'rejected' && isExecutionError(s.reason))).toBe(true);
    expect(rpc.pendingRequests).toBe(0);
    // Requests still being written when the peer died fail on their write instead of at the close,
    // so the close counts only the rest (all 1 000 on a quiet machine, fewer under load).
    const pendingAtClose = (await rpc.result).output?.pending_at_close ?? -1;
    expect(pendingAtClose).toBeGreaterThanOrEqual(0);
    expect(pendingAtClose).toBeLessThanOrEqual(1_000);
  });
});

describe('stdio channel specifics', () => {
  it('NDJSON works with line framing in the process lane too', async () => {
    const { rpc } = start('ndjson', 'lines');
    expect(await rpc.request('echo', { ok: true })).toEqual({ ok: true });
    expect(await rpc.request('noise')).toBe('noisy');
    await rpc.close();
    const diagnostics = [];
    for await (const event of rpc)
      if (event.event_type === 'jsonrpc.diagnostic') diagnostics.push(event.payload.kind);
    expect(diagnostics).toEqual(['invalid_json']);
  });

  // A channel made once the session's output is being read (here: after `ready()`) reads its
  // `process.output` events, so the session's framing and line limit apply.
  it("made after the session's output is read: a message past its maxLineBytes fails as MESSAGE_TOO_LARGE naming both limits", async () => {
    const session = spawn(process.execPath, [PEER, 'ndjson'], { framing: 'lines', maxLineBytes: 64 * 1024 });
    await session.ready();
    const rpc = createJsonRpcConnection(createStdioChannel(session));
    const error = await rpc.request('big', { bytes: 200_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'MESSAGE_TOO_LARGE' } });
    expect((error as Error & { cause: Error }).cause.message).toMatch(/framing: 'raw'.*maxMessageBytes/);
    expect((await rpc.result).failure?.code).toBe('MESSAGE_TOO_LARGE');
  });

  it("made after the session's output is read: Content-Length over a line-framed session is refused with a typed error", async () => {
    const session = spawn(process.execPath, [PEER, 'content-length'], { framing: 'lines' });
    await session.ready();
    const rpc = createJsonRpcConnection(createStdioChannel(session, { framing: 'content-length' }));
    const error = await rpc.request('add', [1, 2]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'protocol_framing_failed' });
    expect((await rpc.result).failure).toMatchObject({
      code: 'INVALID_OPTIONS',
      details: { option: 'framing' },
    });
  });

  it('a peer whose command does not exist fails the connection as launch_failed', async () => {
    const session = spawn('/nonexistent/jsonrpc-peer', []);
    const rpc = createJsonRpcConnection(createStdioChannel(session));
    await expect(rpc.ready()).rejects.toMatchObject({
      code: 'SESSION_ENDED',
      failureClass: 'launch_failed',
      cause: { code: 'PEER_EXITED' },
    });
    const error = await rpc.request('x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'launch_failed' });
    expect((await rpc.result).failure?.failure_class).toBe('launch_failed');
  });
});

describe("stdio channel made in spawn()'s turn: the session's stdout taken straight from the pipe", () => {
  it('reads the child without a process.output event per read', async () => {
    const { session, rpc } = start('ndjson');
    for (let i = 0; i < 50; i++) expect(await rpc.request('add', [i, 1])).toBe(i + 1);
    await rpc.close();
    const { metrics, output } = await session.result;
    expect(metrics.stdout_bytes).toBeGreaterThan(50 * 30);
    // execution.started, process.spawned, process.exit, execution.completed: none per read.
    expect(metrics.events_emitted).toBe(4);
    expect(output?.stdout).toBe('');
  });

  it('holds what the child writes before the connection is made, and hands it over in order', async () => {
    const early = `for (let n = 0; n < 3; n++) console.log(JSON.stringify({ jsonrpc: '2.0', method: 'early', params: { n } }));
      process.stdin.on('data', () => {}); process.stdin.on('end', () => process.exit(0));`;
    const session = spawn(process.execPath, ['-e', early]);
    const channel = createStdioChannel(session);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const rpc = createJsonRpcConnection(channel);
    const seen: unknown[] = [];
    for await (const event of rpc) {
      if (event.event_type === 'jsonrpc.notification') seen.push(event.payload.params);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    await rpc.close();
    expect((await session.result).metrics.events_emitted).toBe(4);
  });

  it('in any framing of the session: Content-Length over a line-framed session works', async () => {
    const { rpc } = start('content-length', 'lines');
    expect(await rpc.request('add', [1, 2])).toBe(3);
    expect(await rpc.request('echo', { text: 'a\nb' })).toEqual({ text: 'a\nb' });
    await rpc.close();
  });

  it("the channel's maxMessageBytes bounds messages, not the session's maxLineBytes", async () => {
    const session = spawn(process.execPath, [PEER, 'ndjson'], { framing: 'lines', maxLineBytes: 64 * 1024 });
    const rpc = createJsonRpcConnection(createStdioChannel(session, { maxMessageBytes: 512 * 1024 }));
    expect(await rpc.request('big', { bytes: 200_000 })).toHaveLength(200_000);
    const error = await rpc.request('big', { bytes: 600_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'MESSAGE_TOO_LARGE' } });
    expect((await rpc.result).failure?.code).toBe('MESSAGE_TOO_LARGE');
    expect(alive(session.pid)).toBe(false);
  });

  it("stderr: 'merge' keeps the events path: the peer's stderr reaches the channel, as noise", async () => {
    const session = spawn(process.execPath, [PEER, 'ndjson'], { stderr: 'merge' });
    const rpc = createJsonRpcConnection(createStdioChannel(session));
    expect(await rpc.request('stderr', { text: 'not json at all' })).toBe('written');
    expect(await rpc.request('add', [1, 1])).toBe(2);
    await rpc.close();
    const diagnostics: string[] = [];
    for await (const event of rpc)
      if (event.event_type === 'jsonrpc.diagnostic') diagnostics.push(event.payload.kind);
    expect(diagnostics).toEqual(['invalid_json']);
  });

  it('a slow reader of the connection pauses the child: 5 000 notifications, in order, none dropped', async () => {
    const session = spawn(process.execPath, [PEER, 'ndjson']);
    const rpc = createJsonRpcConnection(createStdioChannel(session));
    const notes: number[] = [];
    const reading = (async () => {
      for await (const event of rpc) {
        if (event.event_type !== 'jsonrpc.notification') continue;
        notes.push((event.payload.params as { i: number }).i);
        // Slower than the peer writes: the queue (1 024 events) fills and the pipe must wait;
        // read on regardless, the queue would drop past twice its capacity.
        if (notes.length % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // The answer comes after the 5 000 notifications: by then they are all read from the pipe.
    expect(await rpc.request('notifyMe', { count: 5_000 })).toBe('notified');
    await rpc.close();
    await reading;
    expect(notes).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    expect((await rpc.result).metrics.events_dropped).toBe(0);
  });
});

describe('stdio of a process session: a peer that stops reading', () => {
  it('a write that fails after it was handed over ends the channel: requests reject, none hangs', async () => {
    // The peer closes its stdin at once and stays up: the next frames meet EPIPE.
    const session = spawn('/bin/sh', ['-c', 'exec 0<&-; exec sleep 30'], { framing: 'raw' });
    const rpc = createJsonRpcConnection(createStdioChannel(session), { requestTimeoutMs: 10_000 });
    await session.ready();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const settled = await Promise.allSettled([rpc.request('a'), rpc.request('b')]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    for (const s of settled) {
      expect((s as PromiseRejectedResult).reason).toMatchObject({
        code: 'SESSION_ENDED',
        cause: { code: 'WRITE_FAILED', details: { errno: 'EPIPE' } },
      });
    }
    // Well before the request timeout: the broken pipe ended them.
    expect(Date.now() - started).toBeLessThan(5_000);
    await rpc.close();
    expect(alive(session.pid)).toBe(false);
  });
});
