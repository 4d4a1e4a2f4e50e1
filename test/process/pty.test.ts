import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run, spawn } from '../../src/process/index.js';
import { bundle } from './support/bundle.js';
import { collect, linesOf, readLinesUntil } from './support/events.js';
import { fixture, node, waitForDeath } from './support/fixtures.js';

describe('PTY mode (real node-pty)', () => {
  it('runs on a terminal of the requested size, stderr included in the terminal output', async () => {
    const execution = run(
      'sh',
      ['-c', 'stty size; test -t 0 && test -t 1 && echo on-a-tty; echo to-stderr >&2; exit 7'],
      {
        pty: { cols: 100, rows: 30 },
      },
    );
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(linesOf(events)).toEqual(['30 100', 'on-a-tty', 'to-stderr']);
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatchObject({
      exit_code: 7,
      stderr: '',
      stdout: '30 100\r\non-a-tty\r\nto-stderr', // run() strips the final newline (\r\n too)
    });
    expect(outcome.output?.stderr_tail).toContain('to-stderr');
    expect(events[1]?.payload).toMatchObject({ pty: true, surface: 'local' });
  });

  it('resizes the terminal of a running session', async () => {
    const session = spawn('sh', ['-c', 'stty -echo; echo ready; read line; stty size'], { pty: true });
    await readLinesUntil(session, (l) => l.includes('ready'));
    await session.resize(120, 40);
    await session.write('go\n');
    const lines = await readLinesUntil(session, (l) => l.some((x) => /^\d+ \d+$/.test(x)));
    expect(lines.at(-1)).toBe('40 120');
    expect((await session.result).status).toBe('succeeded');
  });

  it('interrupt() types Ctrl-C, which the terminal turns into SIGINT', async () => {
    const session = spawn('sleep', ['30'], { pty: true });
    await session.ready();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await session.interrupt();
    const outcome = await session.result;
    expect(outcome.output).toMatchObject({ exit_code: null, signal: 'SIGINT' });
  });

  // A reader that reports the EOF itself: `cat` exiting on EOF as a PTY's session leader is
  // sometimes reported as killed by SIGHUP (the kernel hangs up its terminal as it exits).
  it('end() types Ctrl-D, which ends a reader', async () => {
    const reader =
      "process.stdin.on('end', () => { process.stdout.write('eof-seen\\n'); process.exit(0); }); process.stdin.resume();";
    const session = spawn(node, ['-e', reader], { pty: true });
    await session.ready();
    await session.write('typed\n');
    await session.end();
    const lines = await readLinesUntil(session, (l) => l.includes('eof-seen'));
    expect(lines).toContain('eof-seen');
    expect((await session.result).status).toBe('succeeded');
  });

  it('cancel kills the whole tree of a PTY session', async () => {
    const session = spawn('sh', [fixture('fork-tree.sh')], { pty: true });
    const lines = await readLinesUntil(session, (l) => l.includes('ready'));
    const pids = lines.filter((l) => /^\d+$/.test(l)).map(Number);
    expect(pids).toHaveLength(5);
    await session.cancel();
    expect(await waitForDeath(pids)).toEqual([]);
  });

  it('without node-pty: a typed error naming the install command, and nothing else breaks', async () => {
    const script = await bundle(fixture('pty-probe.ts'));
    const report = JSON.parse(execFileSync(node, [script], { encoding: 'utf8' }));
    expect(report.plain).toBe('plain works');
    // Importing the subpath and running without a PTY never tried to load node-pty.
    expect(report.beforePty).toBe(0);
    expect(report.afterPty).toBe(1);
    expect(report.status).toBe('failed');
    expect(report.failure).toMatchObject({
      failure_class: 'launch_failed',
      code: 'PEER_DEPENDENCY_MISSING',
      details: { install: 'npm install node-pty' },
    });
    expect(report.failure.reason).toContain('npm install node-pty');
    // A session's calls say why it ended: SESSION_ENDED caused by the missing peer.
    expect(report.write).toEqual({ code: 'SESSION_ENDED', cause: 'PEER_DEPENDENCY_MISSING' });
    expect(report.after).toBe('still works');
  });
});
