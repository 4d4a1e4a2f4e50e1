import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { WebSocket } from 'ws';
import { createOperatorTerminalSurface } from '../core/contracts/v1/operator-terminal-surface-v1.js';
import { ExecutionError, isExecutionError } from '../core/errors.js';
import {
  CLOSE,
  type ClientFrame,
  closeCodeFor,
  encodeServerFrame,
  parseClientFrame,
  type ServerFrame,
} from './attach-protocol.js';
import { listen } from './listen.js';
import type { ParsedWebOptions } from './options.js';
import { attachThrough, type Terminal } from './terminal.js';
import type { TerminalTransport } from './transport.js';
import type { TerminalViewer } from './viewer.js';
import { pageAsset, renderPage } from './web-page.js';

/** Bad frames a connection may send before it is closed. */
const MAX_BAD_FRAMES = 16;
/** Milliseconds a closing transport waits for its connections to get their last output. */
const DRAIN_MS = 1_000;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/**
 * `distributed_terminal` over WebSocket: an HTTP(S) server with the browser page at `/`, its
 * assets under `/assets/`, and the attach protocol at `/attach`. Origins are checked on upgrade;
 * a connection must send a valid `attach` frame within `authTimeoutMs` or it is closed.
 */
export async function startWebTransport(
  terminal: Terminal,
  options: ParsedWebOptions,
  ref: string,
): Promise<TerminalTransport> {
  const { WebSocketServer } = await import('ws');
  const tls =
    options.tlsCertPath !== undefined && options.tlsKeyPath !== undefined
      ? { cert: await readFile(options.tlsCertPath), key: await readFile(options.tlsKeyPath) }
      : undefined;
  const scheme = tls ? 'https' : 'http';
  const serve = (req: IncomingMessage, res: ServerResponse) => void respond(req, res, options);
  const server: Server = tls ? createHttpsServer(tls, serve) : createHttpServer(serve);
  const wss = new WebSocketServer({
    server,
    path: '/attach',
    maxPayload: options.maxFrameBytes,
    verifyClient: (
      info: { origin?: string; req: IncomingMessage },
      done: (ok: boolean, code?: number, message?: string) => void,
    ) => {
      const origin = info.req.headers.origin;
      const own = `${scheme}://${info.req.headers.host ?? ''}`;
      const ok = origin === undefined || origin === own || options.allowedOrigins.includes(origin);
      done(ok, 403, 'ORIGIN_FORBIDDEN');
    },
  });
  // The server's own 'error' (EADDRINUSE …) is re-emitted here; listen() below reports it.
  wss.on('error', () => {});
  const tokenDigest = digest(options.token);
  const sockets = new Set<WebSocket>();
  const pumps = new Set<Promise<void>>();
  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    serveConnection(ws, terminal, options, tokenDigest, pumps);
  });
  const port = await listen(server, options.host, options.port);
  let closed: Promise<void> | undefined;
  return {
    port,
    surface: () =>
      createOperatorTerminalSurface({
        surface_kind: 'distributed_terminal',
        surface_ref: ref,
        transport_options: {
          transport: 'websocket',
          host: options.host,
          port,
          url: `${scheme}://${options.host}:${port}/`,
          tls: tls !== undefined,
          origin_check: true,
          default_mode: options.writable ? 'control' : 'view',
          auth_methods: ['token'],
        },
      }),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        // Connections first get their last output and the `exit` frame (bounded), then close.
        void Promise.race([
          Promise.allSettled(pumps),
          new Promise((r) => setTimeout(r, DRAIN_MS).unref()),
        ]).then(() => {
          for (const ws of sockets) ws.close(CLOSE.normal, 'terminal closed');
          wss.close();
          server.close(() => resolve());
          server.closeAllConnections?.();
          setTimeout(() => {
            for (const ws of sockets) ws.terminate();
          }, 500).unref();
        });
      });
      return closed;
    },
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, options: ParsedWebOptions): Promise<void> {
  const path = (req.url ?? '/').split(/[?#]/)[0];
  const send = (status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, {
      'content-type': type,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'",
    });
    res.end(body);
  };
  if (req.method !== 'GET' || !options.page) return send(404, 'text/plain', 'not found\n');
  if (path === '/' || path === '/index.html') return send(200, 'text/html; charset=utf-8', renderPage());
  try {
    const asset = await pageAsset(path ?? '');
    if (asset) return send(200, asset.type, asset.body);
  } catch (error) {
    return send(500, 'text/plain', `${isExecutionError(error) ? error.message : 'asset unavailable'}\n`);
  }
  send(404, 'text/plain', 'not found\n');
}

function serveConnection(
  ws: WebSocket,
  terminal: Terminal,
  options: ParsedWebOptions,
  tokenDigest: Buffer,
  pumps: Set<Promise<void>>,
): void {
  let viewer: TerminalViewer | undefined;
  let badFrames = 0;
  const send = (frame: ServerFrame) =>
    new Promise<void>((resolve) => {
      if (ws.readyState !== ws.OPEN) return resolve();
      ws.send(encodeServerFrame(frame), () => resolve());
    });
  const refuse = (error: ExecutionError, close?: number) => {
    void send({ type: 'error', code: error.code, message: error.message });
    if (close !== undefined) ws.close(close, error.code);
  };
  const authTimer = setTimeout(
    () =>
      refuse(
        new ExecutionError('AUTHENTICATION_TIMEOUT', 'no valid attach frame in time'),
        CLOSE.authTimeout,
      ),
    options.authTimeoutMs,
  );
  authTimer.unref();
  ws.on('close', () => {
    clearTimeout(authTimer);
    viewer?.detach();
  });
  ws.on('error', () => {});
  ws.on('message', (data, isBinary) => {
    let frame: ClientFrame;
    try {
      if (isBinary) throw new ExecutionError('BAD_FRAME', 'frames are JSON text, not binary');
      frame = parseClientFrame(data.toString());
    } catch (error) {
      const e = isExecutionError(error) ? error : new ExecutionError('BAD_FRAME', 'unreadable frame');
      badFrames++;
      refuse(e, viewer === undefined || badFrames > MAX_BAD_FRAMES ? CLOSE.badFrames : undefined);
      return;
    }
    if (viewer === undefined) {
      if (frame.type !== 'attach') {
        refuse(
          new ExecutionError('AUTHENTICATION_FAILED', 'the first frame must be attach'),
          CLOSE.unauthenticated,
        );
        return;
      }
      if (!timingSafeEqual(digest(frame.token), tokenDigest)) {
        refuse(new ExecutionError('AUTHENTICATION_FAILED', 'invalid token'), CLOSE.unauthenticated);
        return;
      }
      clearTimeout(authTimer);
      if (frame.mode === 'control' && !options.writable) {
        refuse(new ExecutionError('READ_ONLY', 'this terminal is read-only over the web'), CLOSE.forbidden);
        return;
      }
      try {
        viewer = attachThrough(
          terminal,
          { mode: frame.mode, replay: frame.replay, grant: frame.grant },
          'web',
        );
      } catch (error) {
        const e = isExecutionError(error) ? error : new ExecutionError('ATTACH_FORBIDDEN', String(error));
        refuse(e, closeCodeFor(e.code));
        return;
      }
      const pumping = pump(viewer, terminal, ws, send, refuse).finally(() => pumps.delete(pumping));
      pumps.add(pumping);
      return;
    }
    const active = viewer;
    const onError = (error: unknown) => {
      if (isExecutionError(error)) refuse(error);
    };
    if (frame.type === 'input') active.write(frame.data).catch(onError);
    else if (frame.type === 'resize') active.resize(frame.cols, frame.rows).catch(onError);
    else if (frame.type === 'detach') {
      active.detach();
      ws.close(CLOSE.normal, 'detached');
    } else refuse(new ExecutionError('BAD_FRAME', 'already attached'));
  });
}

// Awaiting each send is the backpressure: a slow socket leaves output in the viewer's bounded
// buffer, which drops its oldest output and is reported in a `dropped` frame.
async function pump(
  viewer: TerminalViewer,
  terminal: Terminal,
  ws: WebSocket,
  send: (frame: ServerFrame) => Promise<void>,
  refuse: (error: ExecutionError, close?: number) => void,
): Promise<void> {
  await send({
    type: 'attached',
    terminal_id: terminal.id,
    mode: viewer.mode,
    cols: terminal.cols,
    rows: terminal.rows,
  });
  let reported = 0;
  for await (const data of viewer) {
    if (viewer.droppedBytes > reported) {
      await send({
        type: 'dropped',
        bytes: viewer.droppedBytes - reported,
        total_bytes: viewer.droppedBytes,
      });
      reported = viewer.droppedBytes;
    }
    await send({ type: 'output', data });
  }
  if (ws.readyState !== ws.OPEN) return;
  if (viewer.endReason) return refuse(viewer.endReason, closeCodeFor(viewer.endReason.code));
  if (terminal.status !== 'running') {
    await send({ type: 'exit', status: terminal.status });
    ws.close(CLOSE.normal, 'terminal ended');
  }
}
