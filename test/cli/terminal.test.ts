import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/websocket/index.js';
import {
  BIN,
  ENV,
  ensureBuilt,
  finished,
  jsonLines,
  runCli,
  startCli,
  waitForStderr,
  waitForStdout,
} from './helpers.js';

const TOKEN = 'terminal-cli-token-0123456789';
let dir: string;
let tokenFile: string;
const servers: ReturnType<typeof startCli>[] = [];

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'ep-terminal-'));
  tokenFile = join(dir, 'token');
  writeFileSync(tokenFile, `${TOKEN}\n`);
}, 120_000);

// Each test's server ends with it: a terminal left running from one test must not shape the next.
afterEach(() => {
  for (const server of servers.splice(0)) if (server.exitCode === null) server.kill('SIGKILL');
});

/** `terminal serve` as a child; resolves with its `listening` log record. */
async function serve(args: string[]) {
  const child = startCli(['terminal', 'serve', '--token-file', tokenFile, ...args]);
  servers.push(child);
  await waitForStderr(child, (text) => text.includes('"listening"'));
  // The how-to-reach lines go to stdout after the log line: wait for them too.
  await waitForStdout(child, (text) => text.includes('attach:'));
  const listening = jsonLines(child.err).find((line) => line.msg === 'listening')!;
  return { child, listening: { url: String(listening.url), attach_url: String(listening.attach_url) } };
}

describe('terminal serve', () => {
  it('is reached by the WebSocket client, types with a writable token, and ends cleanly on SIGTERM', async () => {
    const { child, listening } = await serve(['--writable', '--', 'cat']);
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(child.out).toContain(listening.attach_url);
    const session = connect(listening.attach_url);
    await session.send(JSON.stringify({ type: 'attach', token: TOKEN, mode: 'control' }));
    await session.send(JSON.stringify({ type: 'input', data: 'hello from the test\r' }));
    let seen = '';
    let attached: Record<string, unknown> | undefined;
    for await (const event of session) {
      if (event.event_type !== 'websocket.message' || event.payload.kind !== 'text') continue;
      const frame = JSON.parse(event.payload.text) as { type: string; data?: string };
      if (frame.type === 'attached') attached = frame;
      if (frame.type === 'output') seen += frame.data;
      if (seen.includes('hello from the test')) break;
    }
    expect(attached).toMatchObject({ mode: 'control' });
    await session.send(JSON.stringify({ type: 'detach' }));
    await session.close(1000, 'done');
    child.kill('SIGTERM');
    const result = await finished(child);
    expect(result.code).toBe(0);
    const logs = jsonLines(result.stderr).map((line) => line.msg);
    expect(logs).toEqual(expect.arrayContaining(['listening', 'signal', 'exited']));
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  }, 20_000);

  it('refuses control without --writable, and passes the program exit code through', async () => {
    const { child, listening } = await serve(['sh', '-c', 'read line; exit 7']);
    const session = connect(listening.attach_url);
    await session.send(JSON.stringify({ type: 'attach', token: TOKEN, mode: 'control' }));
    const frames: { type: string; code?: string }[] = [];
    for await (const event of session) {
      if (event.event_type === 'websocket.message' && event.payload.kind === 'text') {
        frames.push(JSON.parse(event.payload.text));
      }
    }
    expect(frames).toContainEqual(expect.objectContaining({ type: 'error', code: 'READ_ONLY' }));
    child.kill('SIGTERM');
    const result = await finished(child);
    // SIGTERM closes the terminal: Ctrl-D ends `read`, the program exits 7.
    expect(result.code).toBe(7);
  }, 20_000);
});

describe('terminal serve --ssh-port', () => {
  it('also serves SSH with an authorized key, creating the host key, and prints the ssh command', async () => {
    const { execFileSync } = await import('node:child_process');
    const { existsSync, readFileSync, copyFileSync } = await import('node:fs');
    const key = join(dir, 'operator_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    copyFileSync(`${key}.pub`, join(dir, 'authorized_keys'));
    const hostKey = join(dir, 'host_key');
    const { child } = await serve([
      '--writable',
      '--ssh-port',
      '0',
      '--authorized-keys',
      join(dir, 'authorized_keys'),
      '--host-key',
      hostKey,
      '--',
      'cat',
    ]);
    const listening = jsonLines(child.err).find((line) => line.msg === 'listening')!;
    expect(listening.ssh).toBe(`ssh -p ${listening.ssh_port} operator@127.0.0.1`);
    expect(child.out).toContain(String(listening.ssh));
    expect(existsSync(hostKey)).toBe(true);
    const { Client } = await import('ssh2');
    const conn = new Client();
    const channel = await new Promise<import('ssh2').ClientChannel>((resolve, reject) => {
      conn.on('ready', () =>
        conn.shell({ cols: 80, rows: 24, term: 'xterm' }, (error, stream) =>
          error ? reject(error) : resolve(stream),
        ),
      );
      conn.on('error', reject);
      conn.connect({
        host: '127.0.0.1',
        port: Number(listening.ssh_port),
        username: 'operator',
        privateKey: readFileSync(key),
      });
    });
    let seen = '';
    channel.on('data', (data: Buffer) => {
      seen += data.toString();
    });
    channel.write('over ssh\r');
    const deadline = Date.now() + 8_000;
    while (!seen.includes('over ssh') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(seen).toContain('over ssh');
    conn.end();
    child.kill('SIGTERM');
    expect((await finished(child)).code).toBe(0);
  }, 30_000);
});

describe('terminal attach', () => {
  it('shows output, sends --control input, detaches with Ctrl-] and restores the TTY', async () => {
    const { child, listening } = await serve(['--writable', '--', 'cat']);
    const pty = await import('node-pty');
    // `stty -a` after attach exits: the TTY must be back in cooked mode (icanon, echo).
    const script = `"${process.execPath}" "${BIN}" terminal attach --control --token-file "${tokenFile}" ${listening.attach_url}; echo "rc=$?"; stty -a`;
    const term = pty.spawn('sh', ['-c', script], { env: ENV, cols: 100, rows: 30 });
    let screen = '';
    term.onData((data) => {
      screen += data;
    });
    const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 8_000;
      while (!screen.includes(text)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${text}; screen:\n${screen}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    await waitFor('Ctrl-] detaches');
    term.write('typed through attach\r');
    await waitFor('typed through attach');
    term.write('\u001d');
    await exited;
    expect(screen).toContain('detached');
    expect(screen).toContain('rc=0');
    expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
    expect(screen).not.toContain(TOKEN);
    child.kill('SIGTERM');
    expect((await finished(child)).code).toBe(0);
  }, 30_000);

  it('views without --control: scrollback first, typing ignored, Ctrl-C detaches', async () => {
    const { child, listening } = await serve(['sh', '-c', 'echo scrollback-marker; cat']);
    const pty = await import('node-pty');
    const script = `"${process.execPath}" "${BIN}" terminal attach --token-env EP_TOKEN ${listening.url}; echo "rc=$?"`;
    const term = pty.spawn('sh', ['-c', script], { env: { ...ENV, EP_TOKEN: TOKEN }, cols: 100, rows: 30 });
    let screen = '';
    term.onData((data) => {
      screen += data;
    });
    const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
    const deadline = Date.now() + 8_000;
    while (!screen.includes('scrollback-marker') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(screen).toContain('(view)');
    expect(screen).toContain('scrollback-marker');
    term.write('ignored-input');
    await new Promise((r) => setTimeout(r, 200));
    term.write('\u0003');
    await exited;
    expect(screen).not.toContain('ignored-input');
    expect(screen).toContain('detached');
    expect(screen).toContain('rc=0');
    child.kill('SIGTERM');
    expect((await finished(child)).code).toBe(0);
  }, 30_000);

  it('without a TTY: piped --control input reaches the program, its end ends both with its code', async () => {
    const { child, listening } = await serve([
      '--writable',
      '--',
      'sh',
      '-c',
      'read x; echo "got $x"; exit 3',
    ]);
    const result = await runCli(
      ['terminal', 'attach', '--control', '--token-file', tokenFile, listening.attach_url],
      { input: 'go\r' },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('got go');
    expect(result.stderr).toContain('the program ended');
    expect((await finished(child)).code).toBe(3);
  }, 20_000);

  it('exits 1 with the refusal when the token is wrong', async () => {
    const { child, listening } = await serve(['cat']);
    const wrong = join(dir, 'wrong');
    writeFileSync(wrong, 'not-the-right-token-at-all');
    const result = await runCli(['terminal', 'attach', '--token-file', wrong, listening.attach_url]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AUTHENTICATION_FAILED');
    child.kill('SIGTERM');
    await finished(child);
  }, 20_000);
});

describe('terminal usage', () => {
  it('prints help with examples', async () => {
    for (const args of [
      ['terminal', '--help'],
      ['terminal', 'serve', '--help'],
      ['terminal', 'attach', '-h'],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: execution-plane terminal');
      expect(result.stdout).toContain('Examples:');
    }
    expect((await runCli(['--help'])).stdout).toContain('terminal serve <cmd>');
  });

  it('refuses bad flags and missing tokens with exit 2 and a clear message', async () => {
    const cases: [string[], string][] = [
      [['terminal'], 'missing the subcommand'],
      [['terminal', 'bogus'], 'unknown subcommand bogus'],
      [['terminal', 'serve', 'cat'], 'missing the token'],
      [['terminal', 'serve', '--token-file', join(dir, 'absent'), 'cat'], 'cannot read token file'],
      [['terminal', 'serve', '--token-env', 'EP_UNSET_TOKEN_VAR', 'cat'], 'EP_UNSET_TOKEN_VAR is not set'],
      [
        ['terminal', 'serve', '--token-file', tokenFile, '--port', 'x', 'cat'],
        '--port expects a whole number',
      ],
      [['terminal', 'serve', '--token-file', tokenFile, '--ssh-port', '0', 'cat'], '--authorized-keys'],
      [['terminal', 'serve', '--token-file', tokenFile], 'missing the command'],
      [['terminal', 'serve', '--bogus', 'cat'], "Unknown option '--bogus'"],
      [['terminal', 'attach', '--token-file', tokenFile], 'missing the URL'],
      [['terminal', 'attach', 'ws://127.0.0.1:1/attach'], 'missing the token'],
      [['terminal', 'attach', '--token-file', tokenFile, 'ftp://x/'], 'expected a ws://'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    const short = join(dir, 'short');
    writeFileSync(short, 'short');
    const result = await runCli(['terminal', 'serve', '--token-file', short, 'cat']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('at least 16 characters');
    expect(result.stderr).not.toContain('short\n');
  });
});
