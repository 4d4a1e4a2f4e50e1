import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { spawn } from '../../src/process/index.js';
import { collect, readLinesUntil } from './support/events.js';
import { fixture, isAlive, node } from './support/fixtures.js';

const settled = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    new Promise((r) => setTimeout(() => r(false), ms)),
  ]);

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('spawn() sessions', () => {
  it('speaks JSONL: writes control lines, reads replies, ends stdin', async () => {
    const session = spawn(node, [fixture('echo-lines.mjs')]);
    expect(await session.spawned).toBeGreaterThan(0);
    expect(session.pid).toBe(await session.spawned);
    await session.write('{"type":"ping"}\n');
    await session.write(new TextEncoder().encode('second\n'));
    const lines = await readLinesUntil(session, (l) => l.length >= 2);
    expect(lines.map((l) => JSON.parse(l))).toEqual([{ echo: '{"type":"ping"}' }, { echo: 'second' }]);
    await session.end();
    const outcome = await session.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({ exit_code: 0, stdout: '' });
  });

  it('has no timeout by default and collects nothing unless asked', async () => {
    const session = spawn('cat', { maxBufferBytes: 1024 });
    const events = session[Symbol.asyncIterator]();
    const started = await events.next();
    expect(started.value?.payload).toMatchObject({ timeout_ms: null });
    await events.return?.();
    await session.write('kept\n');
    await session.end();
    expect((await session.output()).stdout).toBe('kept\n');
  });

  it('write() resolves only once the child has taken the bytes (backpressure, not buffering)', async () => {
    const session = spawn('sleep', ['30']);
    const big = new Uint8Array(4 * 1024 * 1024);
    const write = session.write(big);
    expect(await settled(write, 300)).toBe(false);
    expect(await errorOf(session.write(new Uint8Array(5 * 1024 * 1024)))).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    await session.cancel();
    const error = await errorOf(write);
    expect(isExecutionError(error) && ['WRITE_FAILED', 'CLOSED'].includes(error.code)).toBe(true);
  });

  it('write() keeps pace with a slow reader and every byte arrives', async () => {
    const session = spawn(node, [fixture('slow-reader.mjs'), '1'], { maxBufferBytes: 1024 });
    const chunk = new Uint8Array(64 * 1024);
    for (let i = 0; i < 8; i++) await session.write(chunk);
    await session.end();
    expect((await session.output()).stdout).toBe(`read ${8 * 64 * 1024}\n`);
  });

  it('rejects writes and interrupts after the process ended with CLOSED', async () => {
    const session = spawn('true');
    await session.result;
    expect(await errorOf(session.write('late'))).toMatchObject({ code: 'CLOSED' });
    expect(await errorOf(session.interrupt())).toMatchObject({ code: 'CLOSED' });
    expect(() => session.resize(10, 10)).toThrow(/PTY/);
  });

  it('interrupt() sends SIGINT to the process group', async () => {
    const session = spawn('sh', [
      '-c',
      'trap "echo interrupted; exit 130" INT; echo ready; while :; do sleep 0.05; done',
    ]);
    await readLinesUntil(session, (l) => l.includes('ready'));
    await session.interrupt();
    const outcome = await session.result;
    expect(outcome.output).toMatchObject({ exit_code: 130, stdout: '' });
    expect(outcome.status).toBe('failed');
  });

  it('close() ends stdin and lets a child that exits on EOF finish on its own', async () => {
    const session = spawn('cat');
    const outcome = await session.close({ graceMs: 2_000 });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.exit_code).toBe(0);
  });

  it('close() climbs the ladder: EOF, then killSignal, then SIGKILL for a child ignoring both', async () => {
    const session = spawn('sh', [fixture('ignore-sigterm.sh')], { forceKillAfterMs: 200 });
    await readLinesUntil(session, (l) => l.includes('ready'));
    const pid = session.pid as number;
    const outcome = await session.close({ graceMs: 100 });
    expect(outcome.status).toBe('cancelled');
    expect(outcome.output?.signal).toBe('SIGKILL');
    expect(isAlive(pid)).toBe(false);
    const steps = (await collect(session))
      .filter((e) => e.event_type === 'process.kill')
      .map((e) => e.payload as { step: string; signal: string });
    expect(steps).toEqual([
      { signal: 'SIGTERM', step: 'kill_signal' },
      { signal: 'SIGKILL', step: 'force_kill' },
    ]);
  });

  it('await using closes the session', async () => {
    let pid = 0;
    let captured: ReturnType<typeof spawn> | undefined;
    {
      await using session = spawn('cat');
      captured = session;
      pid = (await session.spawned) as number;
    }
    expect(isAlive(pid)).toBe(false);
    expect(captured.status).toBe('succeeded');
  });

  it('a session cancelled before it spawned answers its methods instead of waiting', async () => {
    const session = spawn('sleep', ['30']);
    await session.cancel();
    expect(await session.spawned).toBeUndefined();
    expect(await errorOf(session.write('x'))).toMatchObject({ code: 'CLOSED' });
    expect((await session.close()).status).toBe('cancelled');
  });

  it('rejects resize without a PTY and invalid sizes', () => {
    const session = spawn('true');
    expect(() => session.resize(0, 10)).toThrow(/cols/);
    expect(() => session.resize(80, 24)).toThrow(/PTY/);
    void session.cancel();
  });
});
