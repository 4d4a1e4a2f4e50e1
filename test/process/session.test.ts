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
    expect(session.pid).toBeUndefined();
    await session.ready();
    expect(session.pid).toBeGreaterThan(0);
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
    expect(isExecutionError(error) && ['WRITE_FAILED', 'SESSION_ENDED'].includes(error.code)).toBe(true);
  });

  it('write() keeps pace with a slow reader and every byte arrives', async () => {
    const session = spawn(node, [fixture('slow-reader.mjs'), '1'], { maxBufferBytes: 1024 });
    const chunk = new Uint8Array(64 * 1024);
    for (let i = 0; i < 8; i++) await session.write(chunk);
    await session.end();
    expect((await session.output()).stdout).toBe(`read ${8 * 64 * 1024}\n`);
  });

  it('rejects every call after a normal exit with SESSION_ENDED and no cause', async () => {
    const session = spawn('true');
    await session.result;
    for (const call of [
      () => session.write('late'),
      () => session.end(),
      () => session.interrupt(),
      () => session.resize(10, 10),
      () => session.ready(),
    ]) {
      const error = await errorOf(call());
      expect(error).toMatchObject({ code: 'SESSION_ENDED', details: { status: 'succeeded' } });
      expect((error as Error).cause).toBeUndefined();
    }
    expect((await session.close()).status).toBe('succeeded');
  });

  it('a failed spawn rejects ready() and every call with SESSION_ENDED whose cause is the spawn error', async () => {
    const session = spawn('/definitely/missing-command');
    const ready = await errorOf(session.ready());
    expect(ready).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'COMMAND_NOT_FOUND' } });
    expect((ready as Error).message).toMatch(/Cannot ready\(\)/);
    for (const call of [() => session.write('x'), () => session.end(), () => session.interrupt()]) {
      const error = await errorOf(call());
      expect(error).toMatchObject({ code: 'SESSION_ENDED', failureClass: 'launch_failed' });
      expect((error as { cause?: { code?: string } }).cause?.code).toMatch(
        /^(COMMAND_NOT_FOUND|SPAWN_FAILED)$/,
      );
    }
    const outcome = await session.close();
    expect(outcome.failure?.code).toBe('COMMAND_NOT_FOUND');
  });

  it('a missing working directory surfaces as the cause of SESSION_ENDED', async () => {
    const session = spawn('cat', { cwd: '/definitely/missing-dir' });
    expect(await errorOf(session.write('x'))).toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'CWD_NOT_FOUND' },
    });
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
      await session.ready();
      pid = session.pid as number;
    }
    expect(isAlive(pid)).toBe(false);
    expect(captured.status).toBe('succeeded');
  });

  it('a session cancelled before it spawned answers its methods instead of waiting', async () => {
    const session = spawn('sleep', ['30']);
    await session.cancel();
    expect(await errorOf(session.ready())).toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'CANCELLED' },
    });
    expect(await errorOf(session.write('x'))).toMatchObject({ code: 'SESSION_ENDED' });
    expect((await session.close()).status).toBe('cancelled');
  });

  it('rejects resize without a PTY and invalid sizes', async () => {
    const session = spawn('cat');
    await expect(session.resize(0, 10)).rejects.toThrow(/cols/);
    await expect(session.resize(80, 24)).rejects.toMatchObject({ code: 'UNSUPPORTED_CAPABILITY' });
    await session.close();
  });
});
