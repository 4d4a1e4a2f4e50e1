import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Connection, ParsedKey, ServerChannel } from 'ssh2';
import { createOperatorTerminalSurface } from '../core/contracts/v1/operator-terminal-surface-v1.js';
import { ExecutionError, isExecutionError } from '../core/errors.js';
import { listen } from './listen.js';
import type { ParsedSshOptions } from './options.js';
import { attachThrough, type Terminal } from './terminal.js';
import type { TerminalTransport } from './transport.js';
import type { TerminalViewer } from './viewer.js';

type Ssh2 = typeof import('ssh2');

/** TCP connections (authenticated or not) one SSH transport holds at once. */
const MAX_CONNECTIONS = 256;
/** Milliseconds a closing transport waits for its sessions to send their last output and exit. */
const DRAIN_MS = 1_000;

async function loadSsh2(): Promise<Ssh2> {
  try {
    const mod = (await import('ssh2' as string)) as Ssh2 & { default?: Ssh2 };
    return mod.default ?? mod;
  } catch (error) {
    throw new ExecutionError(
      'PEER_DEPENDENCY_MISSING',
      'ssh_terminal needs the optional peer: npm install ssh2',
      {
        failureClass: 'launch_failed',
        cause: error,
      },
    );
  }
}

async function loadHostKey(ssh2: Ssh2, options: ParsedSshOptions): Promise<Buffer> {
  try {
    return await readFile(options.hostKeyPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !options.generateHostKey) {
      throw new ExecutionError('LISTEN_FAILED', `cannot read the SSH host key ${options.hostKeyPath}`, {
        cause: error,
      });
    }
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    await writeFile(options.hostKeyPath, pair.private, { mode: 0o600, flag: 'wx' });
    await writeFile(`${options.hostKeyPath}.pub`, `${pair.public}\n`, { mode: 0o644 });
    return Buffer.from(pair.private);
  }
}

/** The keys of an OpenSSH authorized_keys file (option prefixes and comments skipped). */
async function loadAuthorizedKeys(ssh2: Ssh2, path: string | undefined): Promise<ParsedKey[]> {
  if (path === undefined) return [];
  const text = await readFile(path, 'utf8');
  const keys: ParsedKey[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const at = line.search(/(?:^|\s)(?:ssh-|ecdsa-|sk-)/);
    const parsed = ssh2.utils.parseKey(line.slice(at === -1 ? 0 : at).trim());
    for (const key of Array.isArray(parsed) ? parsed : [parsed]) if (!(key instanceof Error)) keys.push(key);
  }
  return keys;
}

function sameSecret(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * `ssh_terminal`: an SSH server whose sessions attach to the terminal — a PTY request sets the
 * size, `window-change` resizes, the shell channel carries keystrokes and output. A connection
 * that has not authenticated within `authTimeoutMs` is closed.
 */
export async function startSshTransport(
  terminal: Terminal,
  options: ParsedSshOptions,
  ref: string,
): Promise<TerminalTransport> {
  const ssh2 = await loadSsh2();
  const hostKey = await loadHostKey(ssh2, options);
  const authorized = await loadAuthorizedKeys(ssh2, options.authorizedKeysPath);
  const methods = [
    ...(options.authorizedKeysPath === undefined ? [] : ['publickey' as const]),
    ...(options.passwords === undefined ? [] : ['password' as const]),
  ];
  const clients = new Set<Connection>();
  const pumps = new Set<Promise<void>>();
  const authenticatedPeers = new Set<string>();
  const ssh = new ssh2.Server({ hostKeys: [hostKey] }, (client, info) => {
    clients.add(client);
    const peer = `${info.ip}:${info.port}`;
    client.on('error', () => {});
    client.on('close', () => {
      clients.delete(client);
      authenticatedPeers.delete(peer);
    });
    client.on('authentication', (ctx) => {
      if (ctx.method === 'publickey') {
        const key = authorized.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
        if (
          key &&
          (!ctx.signature || !ctx.blob || key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true)
        ) {
          return ctx.accept();
        }
      } else if (ctx.method === 'password') {
        const expected = options.passwords?.[ctx.username];
        if (expected !== undefined && sameSecret(ctx.password, expected)) return ctx.accept();
      }
      ctx.reject(methods);
    });
    client.on('ready', () => {
      authenticatedPeers.add(peer);
      client.on('session', (accept) => serveSession(accept(), terminal, options, pumps));
    });
  });
  ssh.on('error', () => {});
  // Our own TCP server hands sockets to ssh2, so a connection that never even completes the SSH
  // handshake is closed too, not only one that never authenticates.
  const server = createServer((socket) => {
    socket.on('error', () => {});
    const timer = setTimeout(() => {
      if (!authenticatedPeers.has(`${socket.remoteAddress}:${socket.remotePort}`)) socket.destroy();
    }, options.authTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    ssh.injectSocket(socket);
  });
  server.maxConnections = MAX_CONNECTIONS;
  const port = await listen(server, options.host, options.port);
  let closed: Promise<void> | undefined;
  return {
    port,
    surface: () =>
      createOperatorTerminalSurface({
        surface_kind: 'ssh_terminal',
        surface_ref: ref,
        transport_options: { host: options.host, port, auth_methods: methods, default_mode: options.mode },
      }),
    close: () => {
      closed ??= (async () => {
        // Sessions first send the exit status and end their channel (bounded), then we hang up.
        await Promise.race([Promise.allSettled(pumps), new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
        for (const client of clients) client.end();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closed;
    },
  };
}

type Session = import('ssh2').Session;

function serveSession(
  session: Session,
  terminal: Terminal,
  options: ParsedSshOptions,
  pumps: Set<Promise<void>>,
): void {
  let size: { cols: number; rows: number } | undefined;
  let viewer: TerminalViewer | undefined;
  const resize = (cols: number, rows: number) => {
    if (viewer?.mode === 'control') viewer.resize(cols, rows).catch(() => {});
  };
  session.on('pty', (accept, _reject, info) => {
    size = { cols: info.cols, rows: info.rows };
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    accept?.();
    resize(info.cols, info.rows);
  });
  session.on('env', (accept) => accept?.());
  session.on('exec', (_accept, reject) => reject?.());
  session.on('subsystem', (_accept, reject) => reject?.());
  session.on('shell', (accept) => {
    const stream = accept();
    try {
      viewer = attachThrough(terminal, { mode: options.mode }, 'ssh');
    } catch (error) {
      const e = isExecutionError(error) ? error : new ExecutionError('ATTACH_FORBIDDEN', String(error));
      stream.stderr.write(`${e.code}: ${e.message}\r\n`);
      stream.exit(1);
      stream.end();
      return;
    }
    if (size) resize(size.cols, size.rows);
    const active = viewer;
    let lastNotice = 0;
    stream.on('data', (data: Buffer) => {
      active.write(data.toString('utf8')).catch((error: unknown) => {
        const now = Date.now();
        if (isExecutionError(error) && now - lastNotice > 1000) {
          lastNotice = now;
          stream.stderr.write(`\r\n[${error.code}: ${error.message}]\r\n`);
        }
      });
    });
    stream.on('close', () => active.detach());
    stream.on('error', () => active.detach());
    const pumping = pumpToChannel(active, terminal, stream).finally(() => pumps.delete(pumping));
    pumps.add(pumping);
  });
}

// Waiting for 'drain' is the backpressure: a slow client leaves output in the viewer's bounded
// buffer, which drops its oldest output and tells the client how much.
async function pumpToChannel(
  viewer: TerminalViewer,
  terminal: Terminal,
  stream: ServerChannel,
): Promise<void> {
  let reported = 0;
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      if (stream.destroyed || !stream.writable) return resolve();
      if (stream.write(text)) resolve();
      else stream.once('drain', resolve);
    });
  for await (const text of viewer) {
    if (viewer.droppedBytes > reported) {
      await write(
        `\r\n[${viewer.droppedBytes - reported} bytes of output dropped: this viewer was too slow]\r\n`,
      );
      reported = viewer.droppedBytes;
    }
    await write(text);
  }
  if (stream.destroyed) return;
  if (viewer.endReason)
    stream.stderr.write(`\r\n[${viewer.endReason.code}: ${viewer.endReason.message}]\r\n`);
  // The client closes its side once it has the exit status; only then may the connection go.
  const acknowledged = new Promise<void>((resolve) => stream.once('close', () => resolve()));
  stream.exit(viewer.endReason ? 1 : terminal.status === 'succeeded' ? 0 : 1);
  stream.end();
  await acknowledged;
}
