import * as z from 'zod/mini';
import { byteSize, count, durationMs } from '../internal/option-schemas.js';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_STREAM_WINDOW,
} from './remote-protocol.js';

/** WebSocket handshake allowance of a remote client. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** Keepalive ping interval of a remote client. */
export const DEFAULT_PING_INTERVAL_MS = 30_000;

/** Calls a remote client keeps in flight at once. */
export const DEFAULT_CLIENT_MAX_IN_FLIGHT = 10_000;

/**
 * Options of `new RemoteRuntimeClient(url, options?)` and `new RemoteTargetClient(url, options?)`.
 * Every field is optional; an unknown key is a compile-time error and, at run time,
 * `INVALID_OPTIONS` naming the key and the nearest known one.
 */
export interface RemoteClientOptions {
  /**
   * Shared token sent as `Authorization: Bearer <token>` (what `sharedTokenAuthenticator` checks).
   * Never logged.
   * @defaultValue none
   */
  readonly token?: string | undefined;
  /**
   * Extra handshake headers (a custom authentication scheme …). Never logged.
   * @defaultValue `{}`
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Milliseconds allowed for `describe`, `admit` and `cancel` (executions are bounded by their own
   * timeout); past it the call rejects with `TIMEOUT`.
   * @defaultValue 30_000
   */
  readonly callTimeoutMs?: number | undefined;
  /**
   * Events the server may send ahead of the consumer, per stream (a count from 1).
   * @defaultValue 256
   */
  readonly streamWindow?: number | undefined;
  /**
   * Milliseconds allowed for the WebSocket handshake.
   * @defaultValue 10_000
   */
  readonly handshakeTimeoutMs?: number | undefined;
  /**
   * Milliseconds between keepalive pings; a silent server counts as gone. `null` turns pings off.
   * @defaultValue 30_000
   */
  readonly pingIntervalMs?: number | null | undefined;
  /**
   * Largest message accepted from the server, in bytes.
   * @defaultValue 16 MiB (16_777_216)
   */
  readonly maxMessageBytes?: number | undefined;
  /**
   * Calls in flight at once on this client (a count from 1).
   * @defaultValue 10_000
   */
  readonly maxInFlight?: number | undefined;
}

/** The options funnel of the remote clients. */
export const RemoteClientOptionsSchema = z.strictObject({
  token: z.optional(z.string().check(z.minLength(1))),
  headers: z._default(z.record(z.string(), z.string()), {}),
  callTimeoutMs: z._default(durationMs(), DEFAULT_CALL_TIMEOUT_MS),
  streamWindow: z._default(count(1_000_000, 1), DEFAULT_STREAM_WINDOW),
  handshakeTimeoutMs: z._default(durationMs(), DEFAULT_HANDSHAKE_TIMEOUT_MS),
  pingIntervalMs: z._default(z.nullable(durationMs()), DEFAULT_PING_INTERVAL_MS),
  maxMessageBytes: z._default(byteSize(2 ** 31 - 1), DEFAULT_MAX_MESSAGE_BYTES),
  maxInFlight: z._default(count(10_000_000, 1), DEFAULT_CLIENT_MAX_IN_FLIGHT),
});

/** Remote client options after defaults. */
export type ResolvedRemoteClientOptions = z.output<typeof RemoteClientOptionsSchema>;
