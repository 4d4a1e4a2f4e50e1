/**
 * Issue #11, defect 3: a node server exhausted before authentication. The server runs in a child
 * process under `prlimit --nofile=512:512`; this process opens up to 1 000 idle or slowloris TCP
 * connections from 127.0.0.2–127.0.0.21 (bounded, all destroyed at the end) and then asks, as an
 * authenticated client from 127.0.0.1, for `node.describe` over a raw WebSocket JSON-RPC exchange.
 * The control case turns the guard's limits off and reproduces the original failure.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createNode } from '../../src/node/create-node.js';
import { RemoteRuntimeClient } from '../../src/node/remote-runtime-client.js';
import { startNodeServer } from '../../src/node/serve-node.js';
import { openMiniRpc } from '../fixtures/node/mini-rpc.js';

const TOKEN = 'guard-token';
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A hold is timed by this process's sockets while 1 000 of them close at once: its event loop (and
// the server's, in a child) may run late by hundreds of ms on a loaded 2-core runner. Past the
// deadline plus this slack, a socket was held, not merely seen late.
const HOLD_SLACK_MS = 1_000;
const dir = mkdtempSync(join(tmpdir(), 'ep-guard-'));
const children = new Set<ChildProcess>();

/**
 * Bundles the fixture server for a plain `node` child. `mini`: the lanes the node loads lazily
 * (jsonrpc, websocket) stay out of the bundle — the mini peer answers instead. `real`: they are
 * bundled, and the server speaks through the jsonrpc lane.
 */
async function bundleServer(rpc: 'mini' | 'real'): Promise<string> {
  const outfile = join(dir, `guarded-server-${rpc}.mjs`);
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/node/guarded-server.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    // Native optional peers the terminal transports load lazily stay out of the bundle.
    external: ['bufferutil', 'utf-8-validate', 'ssh2', 'cpu-features', 'node-pty'],
    plugins:
      rpc === 'mini'
        ? [
            {
              name: 'lazy-lanes-out',
              setup: (b) =>
                b.onResolve({ filter: /\/(jsonrpc|websocket)\/index\.js$/ }, (args) => ({
                  path: args.path,
                  external: true,
                })),
            },
          ]
        : [],
    // ws is CommonJS; give the bundle a `require` for Node's builtins.
    banner: {
      js: "import { createRequire as createRequireForBanner } from 'node:module'; const require = createRequireForBanner(import.meta.url);",
    },
    logLevel: 'silent',
  });
  return outfile;
}

let miniBundle: string;
beforeAll(async () => {
  miniBundle = await bundleServer('mini');
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** The server in a child process with at most 512 file descriptors. */
async function startServer(options: Record<string, unknown>, rpc: 'mini' | 'real' = 'mini') {
  const bundle = rpc === 'mini' ? miniBundle : await bundleServer('real');
  const child = spawn(
    'prlimit',
    ['--nofile=512:512', process.execPath, bundle, JSON.stringify(options), rpc],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  const url = (JSON.parse(await nextLine()) as { url: string }).url;
  return {
    url,
    port: Number(new URL(url).port),
    exited,
    /** Descriptors the server holds now, and the most it held (sampled every 20 ms). */
    async stats(): Promise<{ fds: number; peakFds: number }> {
      const line = nextLine();
      child.stdin?.write('stats\n');
      return JSON.parse(await line);
    },
    async stop() {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

/** `count` hostile connections spread over 20 loopback addresses; `slowloris` trickles a header. */
function flood(port: number, count: number, kind: 'idle' | 'slowloris') {
  const sockets: Socket[] = [];
  let connected = 0;
  let closedByServer = 0;
  let longestHoldMs = 0;
  let stopping = false;
  const timers: ReturnType<typeof setInterval>[] = [];
  for (let i = 0; i < count; i++) {
    const socket = connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${2 + (i % 20)}` });
    socket.on('error', () => {});
    let connectedAt = 0;
    socket.once('connect', () => {
      connectedAt = performance.now();
      connected++;
      if (kind === 'slowloris') {
        socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
        timers.push(setInterval(() => socket.write(`x-slow-${Date.now()}: 1\r\n`), 300));
      }
    });
    socket.once('close', () => {
      if (stopping) return;
      closedByServer++;
      if (connectedAt > 0) longestHoldMs = Math.max(longestHoldMs, performance.now() - connectedAt);
    });
    sockets.push(socket);
  }
  return {
    get connected() {
      return connected;
    },
    get closedByServer() {
      return closedByServer;
    },
    /** The longest a connected socket stayed open before the server closed it. */
    get longestHoldMs() {
      return longestHoldMs;
    },
    /** Resolves once the server has closed every socket (or after `ms`). */
    async allClosed(ms: number) {
      const deadline = performance.now() + ms;
      while (closedByServer < count && performance.now() < deadline) await settle(50);
      return closedByServer;
    },
    get open() {
      return sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
    },
    destroy() {
      stopping = true;
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** An authenticated `node.describe` over a raw WebSocket, as the documented protocol frames it. */
function describeRaw(url: string, timeoutMs = 4_000): Promise<{ node_id?: unknown }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      headers: { authorization: `Bearer ${TOKEN}` },
      handshakeTimeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('describe timed out'));
    }, timeoutMs);
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.on('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'node.describe' })));
    ws.on('message', (data) => {
      clearTimeout(timer);
      ws.close();
      resolve((JSON.parse(String(data)) as { result: { node_id?: unknown } }).result);
    });
  });
}

describe('serveNode before authentication (issue #11 defect 3)', () => {
  it('control: without the guard, 600 idle sockets under a 512-descriptor limit lock the authenticated client out', async () => {
    const server = await startServer({
      maxPendingConnections: 100_000,
      maxPendingPerAddress: 100_000,
      handshakeTimeoutMs: 60_000,
    });
    const attack = flood(server.port, 600, 'idle');
    try {
      await settle(1_000);
      await expect(describeRaw(server.url, 2_000)).rejects.toThrow();
      // The server did not crash: it is out of descriptors, still running.
      expect((await server.stats()).peakFds).toBeGreaterThan(500);
    } finally {
      attack.destroy();
      await server.stop();
    }
  }, 10_000);

  it('1 000 idle sockets leave the authenticated client served; none is held past the handshake deadline', async () => {
    const server = await startServer({ handshakeTimeoutMs: 1_500 });
    const attack = flood(server.port, 1_000, 'idle');
    try {
      await settle(500);
      const started = performance.now();
      await expect(describeRaw(server.url)).resolves.toMatchObject({ node_id: 'guarded' });
      const describeMs = performance.now() - started;
      // Late SYN retransmissions (the kernel backlog overflows) arrive up to ~3 s in; each is
      // then held at most the 1.5 s deadline.
      expect(await attack.allClosed(5_000)).toBe(1_000);
      expect(attack.longestHoldMs).toBeLessThan(1_500 + HOLD_SLACK_MS);
      const { peakFds } = await server.stats();
      // 128 pending at most, plus the server's own descriptors and sockets being torn down.
      expect(peakFds).toBeLessThan(300);
      console.info(
        `idle flood: describe in ${describeMs.toFixed(0)} ms, longest hold ${attack.longestHoldMs.toFixed(0)} ms, server peak ${peakFds} fds`,
      );
    } finally {
      attack.destroy();
      await server.stop();
    }
  }, 10_000);

  it('1 000 slowloris sockets (a header line every 300 ms) leave the authenticated client served and are cut at the deadline', async () => {
    const server = await startServer({ handshakeTimeoutMs: 1_500 });
    const attack = flood(server.port, 1_000, 'slowloris');
    try {
      await settle(500);
      await expect(describeRaw(server.url)).resolves.toMatchObject({ node_id: 'guarded' });
      expect(await attack.allClosed(5_000)).toBe(1_000);
      expect(attack.longestHoldMs).toBeLessThan(1_500 + HOLD_SLACK_MS);
      const { peakFds } = await server.stats();
      expect(peakFds).toBeLessThan(300);
      console.info(
        `slowloris flood: longest hold ${attack.longestHoldMs.toFixed(0)} ms, server peak ${peakFds} fds`,
      );
      // Another client after the flood is still served.
      await expect(describeRaw(server.url)).resolves.toMatchObject({ node_id: 'guarded' });
    } finally {
      attack.destroy();
      await server.stop();
    }
  }, 10_000);

  it('one address holds at most maxPendingPerAddress unauthenticated connections', async () => {
    const server = await startServer({ maxPendingPerAddress: 4, handshakeTimeoutMs: 3_000 });
    const sockets: Socket[] = [];
    try {
      for (let i = 0; i < 10; i++) {
        const socket = connect({ host: '127.0.0.1', port: server.port, localAddress: '127.0.0.9' });
        socket.on('error', () => {});
        sockets.push(socket);
      }
      await settle(500);
      expect(sockets.filter((s) => !s.destroyed && s.readyState === 'open').length).toBe(4);
      // Another address is not affected.
      await expect(describeRaw(server.url)).resolves.toMatchObject({ node_id: 'guarded' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await server.stop();
    }
  }, 10_000);

  it('through the real transport: 1 000 idle sockets leave a RemoteRuntimeClient served', async () => {
    // Needs the jsonrpc and websocket lanes (server and client side).
    const server = await startServer({ handshakeTimeoutMs: 1_500 }, 'real');
    const attack = flood(server.port, 1_000, 'idle');
    const client = new RemoteRuntimeClient(server.url, { token: TOKEN, callTimeoutMs: 3_000 });
    try {
      await settle(500);
      await expect(client.describe()).resolves.toMatchObject({ node_id: 'guarded' });
    } finally {
      await client.close();
      attack.destroy();
      await server.stop();
    }
  }, 10_000);

  it('the handshake deadline covers a slow authenticate: the socket is destroyed at the deadline', async () => {
    const node = createNode();
    const server = await startNodeServer(
      node,
      {
        authenticate: () => new Promise<boolean>(() => {}),
        authenticateTimeoutMs: 60_000,
        handshakeTimeoutMs: 500,
      },
      async () => openMiniRpc,
    );
    try {
      const started = performance.now();
      const ws = new WebSocket(server.url, { headers: { authorization: 'Bearer x' } });
      await new Promise<void>((resolve) => ws.once('error', () => resolve()).once('close', () => resolve()));
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(450);
      expect(elapsed).toBeLessThan(1_500);
    } finally {
      await server.close();
      await node.close();
    }
  });
});
