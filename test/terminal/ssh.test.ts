import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pty from 'node-pty';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTerminal, type SshTransportOptions, type Terminal } from '../../src/terminal/index.js';
import { Screen } from './screen.js';

const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const opened: Terminal[] = [];
const clients: pty.IPty[] = [];
let dir: string;
let clientKey: string;
let strangerKey: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ep-ssh-term-'));
  clientKey = join(dir, 'id_ed25519');
  strangerKey = join(dir, 'stranger');
  for (const key of [clientKey, strangerKey])
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key], { stdio: 'ignore' });
  writeFileSync(join(dir, 'authorized_keys'), `# operators\n${readFileSync(`${clientKey}.pub`, 'utf8')}`);
});

afterEach(async () => {
  for (const c of clients.splice(0)) {
    try {
      c.kill();
    } catch {}
  }
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 100 })));
});

async function serve(ssh: Partial<SshTransportOptions> = {}, id?: string): Promise<Terminal> {
  const terminal = openTerminal(process.execPath, [consoleFixture], {
    ...(id ? { id } : {}),
    ssh: {
      hostKeyPath: join(dir, 'host_key'),
      generateHostKey: true,
      authorizedKeysPath: join(dir, 'authorized_keys'),
      ...ssh,
    },
  });
  opened.push(terminal);
  await terminal.ready();
  return terminal;
}

/** The system OpenSSH client on a PTY (as a person would run it), its screen and exit. */
function ssh(port: number, args: string[] = ['-i', clientKey], size = { cols: 80, rows: 24 }) {
  const client = pty.spawn(
    'ssh',
    [
      '-p',
      String(port),
      '-tt',
      '-o',
      `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'ConnectTimeout=5',
      '-F',
      '/dev/null',
      ...args,
      'operator@127.0.0.1',
    ],
    { name: 'xterm-256color', ...size, env: { ...process.env, LC_ALL: 'C' } },
  );
  clients.push(client);
  const screen = new Screen(size.cols, size.rows);
  let raw = '';
  let writes = Promise.resolve();
  client.onData((data) => {
    raw += data;
    writes = writes.then(() => screen.write(data));
  });
  const exited = new Promise<number>((resolve) => client.onExit(({ exitCode }) => resolve(exitCode)));
  const until = async (needle: string | RegExp, ms = 8_000) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      await writes;
      const text = screen.text();
      if (typeof needle === 'string' ? text.includes(needle) || raw.includes(needle) : needle.test(raw))
        return text;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`ssh never showed ${String(needle)}; raw output: ${JSON.stringify(raw.slice(-500))}`);
  };
  return { client, screen, until, exited, raw: () => raw };
}

describe('ssh_terminal with the system OpenSSH client', () => {
  it('authenticates a key from authorized_keys; types, resizes and detaches; port() is the bound port', async () => {
    const terminal = await serve({}, 'ssh-ops');
    const port = terminal.port() as number;
    expect(port).toBeGreaterThan(0);
    expect(terminal.info().surfaces).toEqual([
      expect.objectContaining({
        surface_kind: 'ssh_terminal',
        transport_options: expect.objectContaining({ port, auth_methods: ['publickey'] }),
      }),
    ]);
    const session = ssh(port);
    await session.until('console ready');
    session.client.write('over ssh\r');
    expect(await session.until('echo: over ssh')).toContain('echo: over ssh');
    session.client.resize(100, 30);
    await session.until('resized 100x30');
    expect(terminal.info()).toMatchObject({ cols: 100, rows: 30, viewers: 1, controllers: 1 });
    session.client.write('\r~.');
    await session.exited;
    await new Promise((r) => setTimeout(r, 100));
    expect(terminal.info()).toMatchObject({ status: 'running', viewers: 0 });
  }, 15_000);

  it('generates the host key on first use (0600) and keeps it: the pinned key matches on the next start', async () => {
    const hostKeyPath = join(dir, 'pinned_key');
    const first = await serve({ hostKeyPath });
    expect(statSync(hostKeyPath).mode & 0o777).toBe(0o600);
    const a = ssh(first.port() as number);
    await a.until('console ready');
    await first.close();
    const second = await serve({ hostKeyPath, port: first.port() as number });
    const b = ssh(second.port() as number, ['-i', clientKey, '-o', 'StrictHostKeyChecking=yes']);
    await b.until('console ready');
  }, 15_000);

  it('refuses unknown keys, accepts a configured password, and refuses a wrong one', async () => {
    const terminal = await serve({ passwords: { operator: 'correct horse' } });
    const port = terminal.port() as number;
    const stranger = ssh(port, ['-i', strangerKey, '-o', 'PreferredAuthentications=publickey']);
    expect(await stranger.exited).toBe(255);
    expect(stranger.raw()).toMatch(/Permission denied/);
    const withPassword = ssh(port, [
      '-o',
      'PreferredAuthentications=password',
      '-o',
      'PubkeyAuthentication=no',
    ]);
    await withPassword.until(/password:/i);
    withPassword.client.write('correct horse\r');
    await withPassword.until('console ready');
    const wrong = ssh(port, [
      '-o',
      'PreferredAuthentications=password',
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'NumberOfPasswordPrompts=1',
    ]);
    await wrong.until(/password:/i);
    wrong.client.write('battery staple\r');
    expect(await wrong.exited).toBe(255);
    expect(terminal.info().viewers).toBe(1);
  }, 15_000);

  it('closes idle unauthenticated connections within the auth timeout', async () => {
    const terminal = await serve({ authTimeoutMs: 400 });
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = tcpConnect(terminal.port() as number, '127.0.0.1');
      socket.on('data', () => {}); // the server's banner; we never answer
      socket.on('close', () => resolve(Date.now() - started));
      socket.on('error', reject);
    });
    expect(closedAfter).toBeLessThan(3_000);
  });

  it('ends the SSH session when the program quits, and refuses attach past the controller limit', async () => {
    const terminal = await serve();
    const first = ssh(terminal.port() as number);
    await first.until('console ready');
    const second = ssh(terminal.port() as number);
    await second.until('CONTROLLER_TAKEN');
    expect(await second.exited).toBe(1);
    first.client.write('quit\r');
    expect(await first.exited).toBe(0);
    expect((await terminal.result).status).toBe('succeeded');
  }, 15_000);

  it('refuses options without an auth method before listening', () => {
    expect(() => openTerminal('cat', { ssh: { hostKeyPath: join(dir, 'x') } })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });
});

describe('ssh_terminal against a hostile client (the ssh2 client library)', () => {
  it('ignores absurd window sizes and refuses input floods with a typed notice; others are unaffected', async () => {
    const { Client } = await import('ssh2');
    const terminal = openTerminal(process.execPath, [consoleFixture], {
      inputBytesPerSecond: 2_000,
      maxControllers: 2,
      ssh: { hostKeyPath: join(dir, 'host_key'), generateHostKey: true, passwords: { op: 'pw' } },
    });
    opened.push(terminal);
    await terminal.ready();
    const bystander = terminal.attach();
    const conn = new Client();
    const stderr: string[] = [];
    let stdout = '';
    const channel = await new Promise<import('ssh2').ClientChannel>((resolve, reject) => {
      conn.on('ready', () =>
        conn.shell({ cols: 80, rows: 24, term: 'xterm' }, (error, stream) =>
          error ? reject(error) : resolve(stream),
        ),
      );
      conn.on('error', reject);
      conn.connect({ host: '127.0.0.1', port: terminal.port() as number, username: 'op', password: 'pw' });
    });
    channel.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    channel.stderr.on('data', (d: Buffer) => stderr.push(d.toString()));
    try {
      channel.setWindow(0, 0, 0, 0);
      channel.setWindow(1e9, 1e9, 0, 0);
      channel.write('z'.repeat(50_000));
      const deadline = Date.now() + 5_000;
      while (!stderr.join('').includes('INPUT_RATE_EXCEEDED') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(stderr.join('')).toContain('INPUT_RATE_EXCEEDED');
      expect(terminal.info()).toMatchObject({ cols: 80, rows: 24, status: 'running' });
      await terminal.write('owner\r');
      let seen = '';
      for await (const text of bystander) {
        seen += text;
        if (seen.includes('echo: owner')) break;
      }
      expect(stdout).toContain('console ready');
    } finally {
      conn.end();
    }
  }, 15_000);
});
