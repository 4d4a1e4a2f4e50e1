import type { IncomingMessage, ServerResponse } from 'node:http';
import { invalidOptions } from '../core/errors.js';
import { concatBytes } from '../internal/concat-bytes.js';
import { createJsonRpcConnection, type JsonRpcConnection } from './connection.js';
import type { JsonRpcConnectionOptions } from './connection-options.js';
import { jsonRpcDefaults } from './defaults.js';
import type { JsonRpcId } from './message.js';
import { ServerSessionChannel, type ServerStream } from './streamable-http-session.js';

/**
 * Options of `createStreamableHttpHandler()`.
 *
 * @example
 * const options: StreamableHttpHandlerOptions = { onSession: (rpc) => rpc.onRequest('ping', () => ({})) };
 */
export interface StreamableHttpHandlerOptions {
  /**
   * Called with each new session's connection before its first message (the `initialize`
   * request) is dispatched: register the session's handlers here. Required.
   */
  readonly onSession: (connection: JsonRpcConnection, sessionId: string) => void;
  /**
   * Options of every session's connection (`createJsonRpcConnection`).
   * @defaultValue `{ dialect: 'mcp' }`
   */
  readonly connection?: JsonRpcConnectionOptions | undefined;
  /**
   * Answer POSTs with one `application/json` body instead of an SSE stream.
   * @defaultValue false
   */
  readonly jsonResponse?: boolean | undefined;
  /**
   * Browser origins allowed to call (the `Origin` header, e.g. `'https://app.example.com'`), or
   * `'*'` for any. A request with an `Origin` not listed is answered 403 — the DNS-rebinding
   * guard the MCP spec asks servers for; requests without `Origin` (SDKs, CLIs) are served.
   * @defaultValue `[]` (no browser origin)
   */
  readonly allowedOrigins?: readonly string[] | '*' | undefined;
  /**
   * Largest POST body in bytes; a bigger one is answered 413.
   * @defaultValue 16777216 (16 MiB, `jsonRpcDefaults.maxMessageBytes`)
   */
  readonly maxBodyBytes?: number | undefined;
}

/** A `node:http` request handler serving JSON-RPC over MCP's Streamable HTTP transport. */
export interface StreamableHttpHandler {
  /** Handles one request: pass it to `http.createServer()` or call it from your router. */
  readonly handle: (request: IncomingMessage, response: ServerResponse) => void;
  /** Sessions currently open. */
  readonly sessions: number;
  /** Closes every session's connection (their open streams end). */
  close(): Promise<void>;
}

interface Session {
  readonly channel: ServerSessionChannel;
  readonly connection: JsonRpcConnection;
}

/**
 * The server side of MCP's Streamable HTTP transport on a `node:http` handler, with this
 * package's JSON-RPC engine: an `initialize` POST opens a session (`Mcp-Session-Id` in the
 * answer) whose {@link JsonRpcConnection} `onSession` receives; POSTs carrying requests are
 * answered with an SSE stream (or JSON), others with 202; GET opens the session's standalone
 * stream; DELETE ends the session. Unknown sessions get 404, a request without one 400. No
 * resumability (no event ids are sent). Uses no Node built-in at run time (types only).
 *
 * @example
 * // doc-test: no-run — serves until stopped
 * const mcp = createStreamableHttpHandler({
 *   onSession: (rpc) => rpc.onRequest('initialize', () => ({ protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'me', version: '1' } })),
 * });
 * http.createServer(mcp.handle).listen(3000);
 */
export function createStreamableHttpHandler(options: StreamableHttpHandlerOptions): StreamableHttpHandler {
  const entry = 'createStreamableHttpHandler()';
  if (typeof options?.onSession !== 'function') {
    throw invalidOptions('onSession', 'a function', typeof options?.onSession, entry);
  }
  const known = new Set(['onSession', 'connection', 'jsonResponse', 'allowedOrigins', 'maxBodyBytes']);
  for (const key of Object.keys(options)) {
    if (!known.has(key))
      throw invalidOptions(key, `one of ${[...known].join(', ')}`, 'an unknown option', entry);
  }
  const maxBodyBytes = options.maxBodyBytes ?? jsonRpcDefaults.maxMessageBytes;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw invalidOptions('maxBodyBytes', 'an integer >= 1', String(maxBodyBytes), entry);
  }
  const origins = options.allowedOrigins ?? [];
  if (origins !== '*' && (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string'))) {
    throw invalidOptions('allowedOrigins', "an array of origins or '*'", typeof origins, entry);
  }
  const originAllowed = (origin: string | undefined) =>
    origin === undefined || origins === '*' || (origins as readonly string[]).includes(origin);
  const sessions = new Map<string, Session>();

  const open = (): [string, Session] => {
    const id = crypto.randomUUID();
    const channel = new ServerSessionChannel();
    const connection = createJsonRpcConnection(channel, { dialect: 'mcp', ...options.connection });
    const session = { channel, connection };
    sessions.set(id, session);
    void connection.result.then(() => sessions.delete(id));
    options.onSession(connection, id);
    return [id, session];
  };

  const post = async (request: IncomingMessage, response: ServerResponse, sessionId: string | undefined) => {
    const text = await readBody(request, maxBodyBytes);
    if (text === undefined) return reject(response, 413, `body over ${maxBodyBytes} bytes`);
    const inbound = inspectInbound(text);
    if (!inbound) return reject(response, 400, 'the body is not JSON-RPC');
    let session = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (sessionId !== undefined && !session) return reject(response, 404, 'unknown session');
    if (!session) {
      if (!inbound.initialize) return reject(response, 400, 'no Mcp-Session-Id; initialize first');
      const [id, created] = open();
      response.setHeader('mcp-session-id', id);
      session = created;
    }
    if (inbound.requests.length === 0) {
      session.channel.receive(text, []);
      response.writeHead(202).end();
      return;
    }
    const stream = options.jsonResponse ? jsonStream(response) : sseStream(response);
    response.once('close', () => session.channel.detach(stream));
    session.channel.receive(text, inbound.requests, stream);
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const header = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    const method = request.method ?? 'GET';
    if (!originAllowed(request.headers.origin)) {
      reject(response, 403, 'origin not allowed');
      return;
    }
    if (method === 'POST') {
      post(request, response, sessionId).catch(() => {
        if (!response.headersSent) reject(response, 500, 'internal error');
        else response.end();
      });
      return;
    }
    const session = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (method !== 'GET' && method !== 'DELETE') {
      response.setHeader('allow', 'GET, POST, DELETE');
      reject(response, 405, 'method not allowed');
      return;
    }
    if (!session) {
      reject(response, sessionId === undefined ? 400 : 404, 'unknown session');
      return;
    }
    if (method === 'DELETE') {
      void session.connection.close().then(() => response.writeHead(200).end());
      return;
    }
    if (session.channel.hasStandalone) {
      reject(response, 409, 'a standalone stream is already open');
      return;
    }
    const stream = sseStream(response);
    response.once('close', () => session.channel.detach(stream));
    session.channel.attachStandalone(stream);
  };

  return {
    handle,
    get sessions() {
      return sessions.size;
    },
    async close() {
      await Promise.all([...sessions.values()].map((s) => s.connection.close()));
    },
  };
}

function reject(response: ServerResponse, status: number, message: string): void {
  response
    .writeHead(status, { 'content-type': 'application/json' })
    .end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }));
}

function sseStream(response: ServerResponse): ServerStream {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  response.flushHeaders();
  return {
    get open() {
      return !response.writableEnded && !response.destroyed;
    },
    write(text) {
      if (!this.open) return undefined;
      if (response.write(`event: message\ndata: ${text}\n\n`)) return undefined;
      return new Promise<void>((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
    },
    end() {
      if (this.open) response.end();
    },
  };
}

// JSON mode: the answers of one POST are collected and sent as one body when the last arrives.
function jsonStream(response: ServerResponse): ServerStream {
  const parts: string[] = [];
  return {
    get open() {
      return !response.writableEnded && !response.destroyed;
    },
    write(text) {
      parts.push(text);
      return undefined;
    },
    end() {
      if (!this.open) return;
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(parts.length === 1 ? parts[0] : `[${parts.join(',')}]`);
    },
  };
}

async function readBody(request: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return new TextDecoder().decode(chunks.length === 1 ? chunks[0] : concatBytes(chunks, size));
}

// The requests a body carries (id and progress token), and whether one is `initialize`.
function inspectInbound(
  text: string,
): { requests: Array<{ id: JsonRpcId; token: unknown }>; initialize: boolean } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const found = { requests: [] as Array<{ id: JsonRpcId; token: unknown }>, initialize: false };
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    const m = message as Record<string, unknown> | null;
    if (m === null || typeof m !== 'object') return undefined;
    if (typeof m.method !== 'string' || (typeof m.id !== 'string' && typeof m.id !== 'number')) continue;
    const meta = (m.params as { _meta?: { progressToken?: unknown } } | undefined)?._meta;
    found.requests.push({ id: m.id, token: meta?.progressToken });
    if (m.method === 'initialize') found.initialize = true;
  }
  return found;
}
