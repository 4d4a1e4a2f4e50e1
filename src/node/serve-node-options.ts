import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod/mini';
import { byteSize, count, durationMs } from '../internal/option-schemas.js';
import type { Authenticate } from './authenticate.js';
import {
  DEFAULT_AUTHENTICATE_TIMEOUT_MS,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_MAX_CALLS_PER_CONNECTION,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_MAX_PENDING_CONNECTIONS,
  DEFAULT_MAX_PENDING_PER_ADDRESS,
} from './remote-protocol.js';

/**
 * Options of `serveNode(node, options)`. `authenticate` is required; an unknown key is a
 * compile-time error and, at run time, `INVALID_OPTIONS` naming the key and the nearest known one.
 */
export interface ServeNodeOptions {
  /**
   * Decides whether a connection may talk to the node (see `sharedTokenAuthenticator`). Anything
   * but `true` — a throw, a rejection, no answer within `authenticateTimeoutMs` — refuses the
   * upgrade with HTTP 401.
   * @defaultValue required, no default
   */
  readonly authenticate: Authenticate;
  /**
   * TCP port (0 to 65 535); 0 picks a free one (read it from `server.port`).
   * @defaultValue 0
   */
  readonly port?: number | undefined;
  /**
   * Interface to listen on.
   * @defaultValue `'127.0.0.1'` (loopback only)
   */
  readonly host?: string | undefined;
  /**
   * The only path upgrades are accepted on (others get HTTP 404).
   * @defaultValue `'/'`
   */
  readonly path?: string | undefined;
  /**
   * Also serve the node as a target (`execution.*`): peers dispatch requests they admitted to this
   * node's lanes, without admission here. Enable it only for peers you trust as you trust yourself.
   * @defaultValue false
   */
  readonly target?: boolean | undefined;
  /**
   * Connections accepted at once (a count from 1); one more is refused with HTTP 503.
   * @defaultValue 64
   */
  readonly maxConnections?: number | undefined;
  /**
   * Calls one connection may have running at once (a count from 1); past it the call is answered
   * with JSON-RPC "server busy".
   * @defaultValue 10_000
   */
  readonly maxCallsPerConnection?: number | undefined;
  /**
   * Largest message accepted from a client, in bytes; a bigger one closes the connection (1009).
   * @defaultValue 16 MiB (16_777_216)
   */
  readonly maxMessageBytes?: number | undefined;
  /**
   * Milliseconds `authenticate` may take before the upgrade is refused with HTTP 401 (and never
   * past the handshake deadline, `handshakeTimeoutMs`).
   * @defaultValue 5_000
   */
  readonly authenticateTimeoutMs?: number | undefined;
  /**
   * Milliseconds from TCP accept to an accepted WebSocket — request headers, upgrade and
   * `authenticate` together. A connection still unauthenticated then is destroyed at the TCP
   * level (idle and slow-header peers included).
   * @defaultValue 5_000
   */
  readonly handshakeTimeoutMs?: number | undefined;
  /**
   * Unauthenticated connections held at once, from all addresses (a count from 1). At the limit a
   * new connection evicts the oldest unauthenticated one of the address holding the most, so a
   * flood cannot lock out a client that authenticates promptly.
   * @defaultValue 128
   */
  readonly maxPendingConnections?: number | undefined;
  /**
   * Unauthenticated connections held at once from one remote address (a count from 1); one more
   * from that address is closed at accept.
   * @defaultValue 16
   */
  readonly maxPendingPerAddress?: number | undefined;
  /**
   * Principals (names `authenticate` returns) that may cancel any execution, not only their own.
   * Every other principal reaches only the executions it started: another's ref is answered
   * `unknown_execution_ref`, exactly like a ref that never existed.
   * @defaultValue `[]` (nobody)
   */
  readonly operators?: readonly string[] | undefined;
  /**
   * Expose this process's operator terminals (`execution-plane/terminal`) to authenticated
   * clients: list, info, stop, attach, input, resize, detach; with `{ open: true }` clients may
   * also open program terminals. Grants (`requireGrant`) still apply to every attach.
   * @defaultValue false
   */
  readonly terminals?: boolean | { readonly open?: boolean | undefined } | undefined;
  /**
   * Serve over TLS (`wss://`) with this PEM certificate (chain) and private key. The TLS
   * handshake must finish within `handshakeTimeoutMs`; the pending-connection caps count from it.
   * @defaultValue none (plain `ws://`)
   */
  readonly tls?: { readonly cert: string | Uint8Array; readonly key: string | Uint8Array } | undefined;
  /**
   * Answers plain HTTP requests (not WebSocket upgrades) on the same port — health, readiness or
   * metrics endpoints. Called with node:http's request and response; it must end the response.
   * @defaultValue none: every plain HTTP request is answered 426 (Upgrade Required)
   */
  readonly onRequest?: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
}

const pem = z.union([
  z.string().check(z.minLength(1)),
  z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'PEM bytes'),
]);

/** The options funnel of `serveNode`. */
export const ServeNodeOptionsSchema = z.strictObject({
  authenticate: z.custom<Authenticate>((value) => typeof value === 'function', 'a function'),
  port: z._default(count(65_535), 0),
  host: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  path: z._default(z.string().check(z.regex(/^\/[^\s?#]*$/)), '/'),
  target: z._default(z.boolean(), false),
  maxConnections: z._default(count(100_000, 1), DEFAULT_MAX_CONNECTIONS),
  maxCallsPerConnection: z._default(count(1_000_000, 1), DEFAULT_MAX_CALLS_PER_CONNECTION),
  maxMessageBytes: z._default(byteSize(2 ** 31 - 1), DEFAULT_MAX_MESSAGE_BYTES),
  authenticateTimeoutMs: z._default(durationMs(), DEFAULT_AUTHENTICATE_TIMEOUT_MS),
  handshakeTimeoutMs: z._default(durationMs(), DEFAULT_HANDSHAKE_TIMEOUT_MS),
  maxPendingConnections: z._default(count(100_000, 1), DEFAULT_MAX_PENDING_CONNECTIONS),
  maxPendingPerAddress: z._default(count(100_000, 1), DEFAULT_MAX_PENDING_PER_ADDRESS),
  operators: z._default(z.readonly(z.array(z.string().check(z.minLength(1), z.maxLength(256)))), []),
  terminals: z._default(z.union([z.boolean(), z.strictObject({ open: z.optional(z.boolean()) })]), false),
  tls: z.optional(z.strictObject({ cert: pem, key: pem })),
  onRequest: z.optional(
    z.custom<(request: IncomingMessage, response: ServerResponse) => void>(
      (value) => typeof value === 'function',
      'a function',
    ),
  ),
});
