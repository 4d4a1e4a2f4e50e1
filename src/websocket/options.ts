import * as z from 'zod/mini';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_HANDSHAKE_TIMEOUT_MS,
  DEFAULT_MAX_PAYLOAD_BYTES,
  DEFAULT_MAX_WAITING_SENDS,
  DEFAULT_NORMAL_CLOSE_CODES,
  DEFAULT_PING_INTERVAL_MS,
  DEFAULT_PONG_TIMEOUT_MS,
  DEFAULT_RECONNECT,
  DEFAULT_SEND_HIGH_WATER_BYTES,
} from './defaults.js';

const MAX_MS = 2_147_483_647;
const positiveMs = () => z.number().check(z.int(), z.minimum(1), z.maximum(MAX_MS));
const positiveInt = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

// RFC 6455 token characters; a subprotocol with spaces or commas would corrupt the header.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** `ws:` / `wss:` URLs only; userinfo is refused so credentials never sit in a URL we log. */
export const WebSocketUrlSchema = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'ws:' || url.protocol === 'wss:') && url.username === '' && url.password === ''
      );
    } catch {
      return false;
    }
  }, 'a ws: or wss: URL without credentials'),
);

const ReconnectSchema = z.strictObject({
  maxAttempts: z._default(positiveInt(1_000), DEFAULT_RECONNECT.maxAttempts),
  initialDelayMs: z._default(positiveMs(), DEFAULT_RECONNECT.initialDelayMs),
  maxDelayMs: z._default(positiveMs(), DEFAULT_RECONNECT.maxDelayMs),
  factor: z._default(z.number().check(z.minimum(1), z.maximum(10)), DEFAULT_RECONNECT.factor),
  stableAfterMs: z._default(positiveMs(), DEFAULT_RECONNECT.stableAfterMs),
});

/** Options of a WebSocket session (everything but the URL and the execution options). */
export const WebSocketOptionsSchema = z.strictObject({
  headers: z._default(z.record(z.string(), z.string()), {}),
  subprotocols: z._default(z.array(z.string().check(z.regex(TOKEN))).check(z.maxLength(64)), []),
  handshakeTimeoutMs: z._default(positiveMs(), DEFAULT_HANDSHAKE_TIMEOUT_MS),
  maxPayloadBytes: z._default(positiveInt(2 ** 31 - 1), DEFAULT_MAX_PAYLOAD_BYTES),
  perMessageDeflate: z._default(
    z.union([
      z.boolean(),
      z.strictObject({ threshold: z.optional(z.number().check(z.int(), z.minimum(0))) }),
    ]),
    false,
  ),
  pingIntervalMs: z._default(z.nullable(positiveMs()), DEFAULT_PING_INTERVAL_MS),
  pongTimeoutMs: z._default(positiveMs(), DEFAULT_PONG_TIMEOUT_MS),
  pingEvents: z._default(z.boolean(), false),
  sendHighWaterBytes: z._default(positiveInt(2 ** 31 - 1), DEFAULT_SEND_HIGH_WATER_BYTES),
  maxWaitingSends: z._default(positiveInt(1_000_000), DEFAULT_MAX_WAITING_SENDS),
  closeTimeoutMs: z._default(positiveMs(), DEFAULT_CLOSE_TIMEOUT_MS),
  normalCloseCodes: z._default(z.array(z.number().check(z.int(), z.minimum(1000), z.maximum(4999))), [
    ...DEFAULT_NORMAL_CLOSE_CODES,
  ]),
  reconnect: z._default(z.union([z.boolean(), ReconnectSchema]), false),
  binaryEncoding: z._default(z.enum(['bytes', 'base64']), 'bytes'),
});

/**
 * What a caller may pass as WebSocket options (`connect()`'s second argument minus the execution
 * options). Every field is optional; defaults are the `DEFAULT_*` constants.
 */
export type WebSocketOptions = z.input<typeof WebSocketOptionsSchema>;

/** Reconnect policy after defaults are applied. */
export type ReconnectPolicy = z.output<typeof ReconnectSchema>;

/** {@link WebSocketOptions} after validation, with `reconnect` resolved to a policy or `null`. */
export interface ResolvedWebSocketOptions extends Omit<z.output<typeof WebSocketOptionsSchema>, 'reconnect'> {
  readonly reconnect: ReconnectPolicy | null;
}

/** Resolves the `reconnect` union: `true` means the default policy, `false` none. */
export function resolveReconnect(value: z.output<typeof WebSocketOptionsSchema>['reconnect']) {
  if (value === false) return null;
  if (value === true) return { ...DEFAULT_RECONNECT };
  return value;
}
