import type WebSocket from 'ws';
import { ExecutionError } from '../core/errors.js';
import { unsupportedRuntime } from '../internal/unsupported-runtime.js';
import { guardHandshake } from './handshake-guard.js';
import type * as NodeOpenSocket from './open-socket.js';
import { WebSocketShim } from './web-socket-shim.js';

/**
 * The portable build's `openSocket` (swapped in for `open-socket.ts` by tsup.config.ts): the
 * runtime's own `globalThis.WebSocket` behind {@link WebSocketShim}, so the session code is the
 * same as on Node. A WHATWG WebSocket cannot send handshake headers and says nothing about why a
 * handshake failed (no status, no errno), so headers fail `UNSUPPORTED_RUNTIME` before any I/O
 * and every refused or unreachable peer is `CONNECT_FAILED`.
 */
export const openSocket: typeof NodeOpenSocket.openSocket = (url, options, signal, attach) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const Native = (globalThis as { WebSocket?: typeof globalThis.WebSocket }).WebSocket;
    if (typeof Native !== 'function') {
      return reject(unsupportedRuntime('execution-plane/websocket', 'this runtime has no global WebSocket'));
    }
    if (Object.keys(options.headers).length > 0) {
      return reject(
        unsupportedRuntime(
          'WebSocket handshake headers',
          'a WHATWG WebSocket cannot send them: put the credential in the URL or a subprotocol',
        ),
      );
    }
    let socket: globalThis.WebSocket;
    try {
      socket = new Native(url, [...options.subprotocols]);
    } catch (cause) {
      return reject(connectFailed(`WebSocket refused the URL: ${(cause as Error).message}`, cause));
    }
    const shim = new WebSocketShim(socket, {
      maxPayloadBytes: options.maxPayloadBytes,
      // As much as one message in flight: what ws' paused TCP socket would still let in.
      maxHeldBytes: options.maxPayloadBytes,
    });
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      cleanup();
      shim.removeAllListeners();
      shim.close();
      reject(error);
    };
    const disarm = guardHandshake(options.handshakeTimeoutMs, signal, fail);
    const cleanup = () => {
      disarm();
      socket.removeEventListener('open', onOpen);
      socket.removeEventListener('close', onEarlyClose);
    };
    const onOpen = () => {
      if (settled) return;
      settled = true;
      cleanup();
      shim.removeAllListeners();
      const ws = shim as unknown as WebSocket;
      attach(ws);
      resolve(ws);
    };
    // Before the open, an error is always followed by a close; the close carries the code.
    const onEarlyClose = (event: CloseEvent) =>
      fail(connectFailed(`WebSocket connection failed (close code ${event.code})`, undefined, event.code));
    socket.addEventListener('open', onOpen);
    socket.addEventListener('close', onEarlyClose);
  });

function connectFailed(message: string, cause?: unknown, closeCode?: number): ExecutionError {
  return new ExecutionError('CONNECT_FAILED', message, {
    failureClass: 'transport_failed',
    details: closeCode === undefined ? {} : { close_code: closeCode },
    ...(cause === undefined ? {} : { cause }),
  });
}
