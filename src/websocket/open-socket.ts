import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { ExecutionError } from '../core/errors.js';
import { websocketDefaults } from './defaults.js';
import { guardHandshake } from './handshake-guard.js';
import type { ResolvedWebSocketOptions } from './options.js';
import { registerSocket } from './write-batch.js';

/** Statuses worth retrying: the server (or a proxy) is overloaded or failing, not refusing us. */
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * One connection attempt: TCP, TLS and the HTTP upgrade, bounded by `handshakeTimeoutMs` and the
 * abort signal. `attach` runs synchronously inside ws's `open` event, before any frame can be
 * delivered, so the caller's listeners never miss an early message. Rejects with a typed
 * ExecutionError and never leaves the socket behind.
 */
export function openSocket(
  url: string,
  options: ResolvedWebSocketOptions,
  signal: AbortSignal,
  attach: (ws: WebSocket) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const clientOptions: WebSocket.ClientOptions & { closeTimeout: number } = {
      headers: options.headers,
      maxPayload: options.maxPayloadBytes,
      perMessageDeflate: options.perMessageDeflate,
      // ws terminates the socket itself when the peer leaves our close frame unanswered.
      closeTimeout: options.closeTimeoutMs,
      followRedirects: false,
    };
    const ws = new WebSocket(url, options.subprotocols, clientOptions);
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      ws.removeAllListeners();
      // A late 'error' from the torn-down socket must not become an uncaught exception.
      ws.on('error', () => {});
      ws.terminate();
      reject(error);
    };
    const cleanup = guardHandshake(options.handshakeTimeoutMs, signal, fail);

    ws.once('open', () => {
      if (settled) return;
      settled = true;
      cleanup();
      ws.removeAllListeners('unexpected-response');
      ws.removeAllListeners('error');
      attach(ws);
      resolve(ws);
    });
    ws.once('upgrade', (response: IncomingMessage) => registerSocket(ws, response.socket));
    ws.on('unexpected-response', (_request, response) => {
      readPreview(response).then((preview) => fail(handshakeStatusError(response, preview)));
    });
    ws.on('error', (error: NodeJS.ErrnoException) => fail(connectError(error)));
  });
}

interface Preview {
  readonly text: string;
  readonly truncated: boolean;
}

// The body explains most refusals (401 with a JSON error); keep a bounded prefix of it.
function readPreview(response: IncomingMessage): Promise<Preview> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const done = () => {
      response.removeAllListeners('data');
      response.destroy();
      resolve({ text: Buffer.concat(chunks).toString('utf8'), truncated });
    };
    response.on('data', (chunk: Buffer) => {
      const room = websocketDefaults.handshakeBodyPreviewBytes - size;
      if (chunk.length >= room) {
        truncated = chunk.length > room || response.readableLength > 0;
        chunks.push(chunk.subarray(0, room));
        size += room;
        return done();
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    response.once('end', done);
    response.once('error', done);
  });
}

function handshakeStatusError(response: IncomingMessage, preview: Preview): ExecutionError {
  const status = response.statusCode ?? 0;
  return new ExecutionError(
    'HANDSHAKE_FAILED',
    `WebSocket handshake refused with HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`,
    {
      failureClass: RETRYABLE_STATUS.has(status) ? 'transport_failed' : 'semantic_runtime_failed',
      details: {
        status,
        status_text: response.statusMessage ?? '',
        content_type: response.headers['content-type'] ?? null,
        body_preview: preview.text,
        body_truncated: preview.truncated,
      },
    },
  );
}

// System errors (ECONNREFUSED, ENOTFOUND, TLS) carry a code; ws's own handshake checks do not.
function connectError(error: NodeJS.ErrnoException): ExecutionError {
  if (error.code && !error.code.startsWith('WS_ERR_')) {
    return new ExecutionError('CONNECT_FAILED', `WebSocket connection failed: ${error.message}`, {
      failureClass: 'transport_failed',
      details: { errno: error.code },
      cause: error,
    });
  }
  return new ExecutionError('HANDSHAKE_INVALID', `WebSocket handshake invalid: ${error.message}`, {
    failureClass: 'protocol_framing_failed',
    details: error.code ? { ws_code: error.code } : {},
    cause: error,
  });
}
