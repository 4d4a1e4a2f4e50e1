import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type SshSurfaceOptions, spawn } from '../../src/process/index.js';
import { collect, linesOf, readLinesUntil } from './support/events.js';
import { isAlive, waitForDeath } from './support/fixtures.js';
import { sshSurface, startSshd, type TestSshd } from './support/sshd.js';
import { killMarked, sleepsUp, survivors, uniqueMarker } from './support/survivors.js';

let sshd: TestSshd;
let surface: SshSurfaceOptions;

beforeAll(async () => {
  sshd = await startSshd();
  surface = sshSurface(sshd);
});

afterAll(async () => {
  await sshd?.stop();
});

describe('ssh surface (system OpenSSH client against a real sshd)', () => {
  it('runs a remote command: stdout, stderr and the exit code come back', async () => {
    const execution = run('sh', ['-c', 'echo remote-out; echo remote-err >&2; exit 9'], {
      surface,
      user: sshd.user,
    });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(linesOf(events)).toEqual(['remote-out']);
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatchObject({ stdout: 'remote-out', stderr: 'remote-err', exit_code: 9 });
    expect(events[1]?.payload).toMatchObject({ surface: 'ssh', pty: false });
  });

  it('round-trips any argv exactly through the remote shell', { timeout: 60_000 }, async () => {
    const argument = fc.string({ unit: 'binary', maxLength: 16 }).filter((s) => !s.includes('\0'));
    await fc.assert(
      fc.asyncProperty(fc.array(argument, { minLength: 1, maxLength: 5 }), async (args) => {
        const output = await run('printf', ['%s\\0', ...args], { surface }).output();
        expect(output.stdout.split('\0').slice(0, -1)).toEqual(args);
      }),
      {
        numRuns: 12,
        examples: [
          [["it's", 'a b', '$HOME', '`id`', 'x;y', 'line\nbreak', '日本 😀', '-n', '*', '"q"', '\\']],
        ],
      },
    );
  });

  it('applies cwd and env (overlay, cleared) on the remote side, and sends stdin', async () => {
    const output = await run('sh', ['-c', 'pwd; echo "$GREETING"; cat'], {
      surface,
      cwd: '/tmp',
      env: { GREETING: "it's $remote" },
      stdin: 'through ssh',
    }).output();
    expect(output.stdout).toBe("/tmp\nit's $remote\nthrough ssh");
    const cleared = await run('/usr/bin/env', { surface, clearEnv: true, env: { ONLY: 'this' } }).output();
    expect(cleared.stdout).toBe('ONLY=this');
  });

  it('refuses an unknown host key instead of prompting or trusting it', async () => {
    const empty = join(sshd.dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const outcome = await run('true', { surface: { ...surface, knownHostsFile: empty } }).result;
    expect(outcome.status).toBe('failed');
    expect(outcome.output?.exit_code).toBe(255);
    expect(outcome.output?.stderr).toMatch(/Host key verification failed/);
  });

  it('streams a session: write, read back, end', async () => {
    const session = spawn('cat', { surface });
    await session.write('hello over ssh\n');
    expect(await readLinesUntil(session, (l) => l.length > 0)).toEqual(['hello over ssh']);
    await session.end();
    expect((await session.result).output?.exit_code).toBe(0);
  });

  it('allocates a remote terminal with -tt for a PTY, sized by the local one', async () => {
    const execution = run('sh', ['-c', 'stty size; tty'], { surface, pty: { cols: 90, rows: 20 } });
    const lines = linesOf(await collect(execution));
    expect(lines).toContain('20 90');
    expect(lines.some((l) => l.startsWith('/dev/pts/'))).toBe(true);
  });

  it('cancel of a PTY session ends the remote process too (the remote wrapper ends it)', async () => {
    const session = spawn('sh', ['-c', 'echo $$; exec sleep 30'], { surface, pty: true });
    const [line] = await readLinesUntil(session, (l) => l.some((x) => /^\d+$/.test(x)));
    const remotePid = Number(line);
    // sshd runs on this machine, so the "remote" process is visible in /proc.
    expect(isAlive(remotePid)).toBe(true);
    await session.cancel();
    expect(await waitForDeath([remotePid])).toEqual([]);
  });

  it('through the remote wrapper, Ctrl-C still interrupts a PTY command and its exit code passes through', {
    timeout: 20_000,
  }, async () => {
    const marker = uniqueMarker();
    const session = spawn('sleep', [marker], { surface, pty: true });
    try {
      expect(await sleepsUp(marker, 1)).toBe(1);
      await session.interrupt();
      // SIGINT is not ignored in the command: it dies of it, and the wrapper passes 128+2 on.
      expect((await session.result).output?.exit_code).toBe(130);
      expect(await survivors(marker)).toBe(0);
    } finally {
      killMarked(marker);
    }
    const outcome = await run('sh', ['-c', 'exit 7'], { surface, pty: true }).result;
    expect(outcome.output?.exit_code).toBe(7);
  });

  it('through the remote wrapper, a resize reaches the PTY command as SIGWINCH and a new size', {
    timeout: 20_000,
  }, async () => {
    // The trap runs between the 0.1 s sleeps; the loop is bounded to 10 s.
    const script = `trap 'stty size' WINCH; echo ready; i=0; while [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done`;
    const session = spawn('sh', ['-c', script], { surface, pty: { cols: 80, rows: 24 } });
    const seen: string[] = [];
    for await (const event of session) {
      const lines = (event.payload as { lines?: string[] }).lines ?? [];
      seen.push(...lines);
      if (lines.includes('ready')) await session.resize(100, 30);
      if (seen.includes('30 100')) break;
    }
    expect(seen).toContain('30 100');
    await session.cancel();
  });
});
