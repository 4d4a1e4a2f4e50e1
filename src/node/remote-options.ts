import * as z from 'zod/mini';
import {
  DEFAULT_CALL_TIMEOUT_MS,
  DEFAULT_MAX_MESSAGE_BYTES,
  DEFAULT_STREAM_WINDOW,
} from './remote-protocol.js';

const positive = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

/** Options of `RemoteRuntimeClient` and `RemoteTargetClient`. */
export const RemoteClientOptionsSchema = z.strictObject({
  /** Shared token sent as `Authorization: Bearer <token>` (see `sharedTokenAuthenticator`). */
  token: z.optional(z.string().check(z.minLength(1))),
  /** Extra handshake headers (a custom authentication scheme …). Never logged. */
  headers: z._default(z.record(z.string(), z.string()), {}),
  /** Time allowed for `describe`, `admit` and `cancel`. @defaultValue {@link DEFAULT_CALL_TIMEOUT_MS} */
  callTimeoutMs: z._default(positive(2_147_483_647), DEFAULT_CALL_TIMEOUT_MS),
  /** Events the server may send ahead of the consumer, per stream. @defaultValue {@link DEFAULT_STREAM_WINDOW} */
  streamWindow: z._default(positive(1_000_000), DEFAULT_STREAM_WINDOW),
  /** Time allowed for the WebSocket handshake. @defaultValue 10 000 */
  handshakeTimeoutMs: z._default(positive(2_147_483_647), 10_000),
  /** Keepalive ping interval; a silent server counts as gone. `null` turns pings off. @defaultValue 30 000 */
  pingIntervalMs: z._default(z.nullable(positive(2_147_483_647)), 30_000),
  /** Largest message accepted from the server. @defaultValue {@link DEFAULT_MAX_MESSAGE_BYTES} */
  maxMessageBytes: z._default(positive(2 ** 31 - 1), DEFAULT_MAX_MESSAGE_BYTES),
  /** Calls in flight at once on this client. @defaultValue 10 000 */
  maxInFlight: z._default(positive(10_000_000), 10_000),
});

/** What the remote clients accept; every option is optional. */
export type RemoteClientOptions = z.input<typeof RemoteClientOptionsSchema>;

/** Remote client options after defaults. */
export type ResolvedRemoteClientOptions = z.output<typeof RemoteClientOptionsSchema>;
