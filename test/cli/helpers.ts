import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { WebSocketServer } from 'ws';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'dist/cli/main.js');
// The bin's shebang finds `node` on PATH: put the one running the tests first (Node ≥ 22.12).
export const ENV = {
  ...process.env,
  PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
  NO_COLOR: '1',
};

/** Builds dist/ once when the CLI is missing (`npm test` builds before vitest anyway). */
export function ensureBuilt(): void {
  if (!existsSync(BIN)) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'ignore' });
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real bin to its end (bounded), feeding `input` on stdin. */
export function runCli(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = startCli(args, options.env);
  child.stdin?.end(options.input ?? '');
  return finished(child, options.timeoutMs ?? 10_000);
}

/** Starts the real bin and leaves it running. */
export function startCli(
  args: readonly string[],
  env: Record<string, string> = {},
): ChildProcess & CliOutput {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...ENV, ...env },
    cwd: ROOT,
  }) as ChildProcess & CliOutput;
  child.out = '';
  child.err = '';
  // Recorded at once: a bin that already ended before `finished()` is called has no `close` to come.
  child.closed = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  child.stdout?.on('data', (chunk: Buffer) => {
    child.out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    child.err += chunk.toString();
  });
  return child;
}

interface CliOutput {
  out: string;
  err: string;
  /** Settles with the exit code once the bin has exited and its streams closed. */
  closed: Promise<number | null>;
}

/** Waits for a started bin to exit (killing it after `timeoutMs`). */
export function finished(child: ChildProcess & CliOutput, timeoutMs = 10_000): Promise<CliResult> {
  return new Promise((resolveResult) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    void child.closed.then((code) => {
      clearTimeout(timer);
      resolveResult({ code, stdout: child.out, stderr: child.err });
    });
  });
}

/** Resolves once `predicate` holds for the child's stderr so far (polling; bounded). */
export function waitForStderr(
  child: Pick<CliOutput, 'err'>,
  predicate: (text: string) => boolean,
  timeoutMs = 8_000,
) {
  return waitForText('stderr', () => child.err, predicate, timeoutMs);
}

/** The same for stdout: another pipe, so a line there may arrive after a later stderr line. */
export function waitForStdout(
  child: Pick<CliOutput, 'out'>,
  predicate: (text: string) => boolean,
  timeoutMs = 8_000,
) {
  return waitForText('stdout', () => child.out, predicate, timeoutMs);
}

async function waitForText(
  name: string,
  read: () => string,
  predicate: (text: string) => boolean,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(read())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; ${name} so far:\n${read()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** JSON lines of a text (NDJSON output, JSON logs). */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** A local HTTP peer: JSON on GET, 2 MiB on /big, the body echoed for other methods, SSE on /events, 500 on /fail, a slow /slow. */
export async function startHttpPeer(): Promise<{ url: string; server: Server; lastEventIds: string[] }> {
  const lastEventIds: string[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/events') {
      lastEventIds.push(String(request.headers['last-event-id'] ?? ''));
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const start = Number(request.headers['last-event-id'] ?? 0);
      for (let id = start + 1; id <= start + 3; id++) response.write(`id: ${id}\ndata: {"n":${id}}\n\n`);
      response.end('data: [DONE]\n\n');
      return;
    }
    if (path === '/big') {
      const body = Buffer.alloc(2 * 1024 * 1024, 0x78);
      return void response.writeHead(200, { 'content-length': body.byteLength }).end(body);
    }
    if (path === '/fail') return void response.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
    if (path === '/slow') return void setTimeout(() => response.end('late'), 5_000);
    if (request.method !== 'GET') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => response.writeHead(200, { 'x-echo': 'yes' }).end(Buffer.concat(chunks)));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ hello: 'world' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, lastEventIds };
}

/** A WebSocket echo peer. */
export async function startEchoPeer(): Promise<{ url: string; server: WebSocketServer }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => socket.on('message', (data, binary) => socket.send(data, { binary })));
  await new Promise<void>((r) => server.once('listening', r));
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A tiny JSON-RPC peer over NDJSON stdio: `echo` returns its params, `fail` answers an error. */
export const RPC_PEER = `
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const m = JSON.parse(line);
  if (m.id === undefined) return;
  const reply = m.method === 'echo' ? { result: m.params ?? null } : { error: { code: -32601, message: 'no such method ' + m.method } };
  process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: m.id, ...reply }) + '\\n');
});
`;
