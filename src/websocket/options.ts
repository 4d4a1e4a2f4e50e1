import * as z from 'zod/mini';
import type { ExecutionOptions } from '../core/execution-options.js';
import { byteSize, count, durationMs } from '../internal/option-schemas.js';
import { secretsOption } from '../internal/redact-lane.js';
import { websocketDefaults as D } from './defaults.js';

/** The reconnect policy of {@link ConnectOptions.reconnect}; every field is optional. */
export interface ReconnectOptions {
  /**
   * Consecutive failed attempts before the session fails with the last attempt's failure.
   * @defaultValue 5
   */
  readonly maxAttempts?: number | undefined;
  /**
   * Milliseconds before the first attempt (then growing by `factor`, with equal jitter).
   * @defaultValue 500
   */
  readonly initialDelayMs?: number | undefined;
  /**
   * Upper bound of any delay, in milliseconds.
   * @defaultValue 30000
   */
  readonly maxDelayMs?: number | undefined;
  /**
   * Growth of the delay per attempt (1–10).
   * @defaultValue 2
   */
  readonly factor?: number | undefined;
  /**
   * A connection open at least this many milliseconds resets the attempt budget.
   * @defaultValue 5000
   */
  readonly stableAfterMs?: number | undefined;
}

/**
 * Options of `connect(url, options?)`: the WebSocket options and the execution options in one
 * object. Unknown keys are refused (`INVALID_OPTIONS` naming the nearest known key). Defaults are
 * also in {@link websocketDefaults}.
 */
export interface ConnectOptions extends ExecutionOptions {
  /**
   * Headers of the HTTP upgrade request (`authorization`, `cookie` …); never echoed in events.
   * @defaultValue `{}`
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Subprotocols offered in `Sec-WebSocket-Protocol`, as RFC 6455 tokens; at most 64. The one the
   * server picked is in `websocket.open`'s `protocol`.
   * @defaultValue `[]`
   */
  readonly subprotocols?: readonly string[] | undefined;
  /**
   * Milliseconds for TCP connect + TLS + the HTTP upgrade of each attempt; past it the attempt
   * fails `HANDSHAKE_TIMEOUT` (`timeout`).
   * @defaultValue 10000
   */
  readonly handshakeTimeoutMs?: number | undefined;
  /**
   * Largest inbound message in bytes; a bigger one closes with 1009 and fails `MESSAGE_TOO_LARGE`.
   * @defaultValue 16777216 (16 MiB)
   */
  readonly maxPayloadBytes?: number | undefined;
  /**
   * Offer permessage-deflate (`true`, or `{ threshold }`: the smallest message in bytes worth
   * compressing).
   * @defaultValue false
   */
  readonly perMessageDeflate?: boolean | { readonly threshold?: number | undefined } | undefined;
  /**
   * Milliseconds between keepalive pings; `null` turns keepalive off.
   * @defaultValue 30000
   */
  readonly pingIntervalMs?: number | null | undefined;
  /**
   * Milliseconds a ping may go unanswered before the peer counts as gone (`KEEPALIVE_TIMEOUT`,
   * `remote_disconnect`); also the limit of `session.ping()`.
   * @defaultValue 10000
   */
  readonly pongTimeoutMs?: number | undefined;
  /**
   * Emit `websocket.ping` / `websocket.pong` events for control frames.
   * @defaultValue false
   */
  readonly pingEvents?: boolean | undefined;
  /**
   * `send()` waits while more than this many bytes are queued on the socket.
   * @defaultValue 1048576 (1 MiB)
   */
  readonly sendHighWaterBytes?: number | undefined;
  /**
   * Bytes a session may hold for sending: ws' own `bufferedAmount` (frames handed to the socket,
   * not yet written) plus every send still waiting. A `send()` that would go past it rejects at
   * once with `LIMIT_EXCEEDED` and the message is not kept, so un-awaited sends to a stalled peer
   * stay bounded in memory. A message larger than this can never be sent.
   * @defaultValue 16777216 (16 MiB)
   */
  readonly maxQueuedSendBytes?: number | undefined;
  /**
   * Sends allowed to wait at once (for the handshake, a reconnect or the high-water mark); one
   * more rejects with `LIMIT_EXCEEDED`.
   * @defaultValue 1024
   */
  readonly maxWaitingSends?: number | undefined;
  /**
   * Bytes of received messages held for the consumer — emitted as `websocket.message`, not yet
   * taken by iterating the session (only the newest `eventQueueCapacity` count). Past it the
   * session stops reading from the socket (TCP flow control slows the peer) until the consumer
   * takes messages: nothing is dropped, and memory stays bounded by this plus one message
   * (`maxPayloadBytes`) even when nobody iterates.
   * @defaultValue 16777216 (16 MiB)
   */
  readonly maxUnreadBytes?: number | undefined;
  /**
   * Milliseconds `close()` waits for the peer's close frame before terminating the socket.
   * @defaultValue 5000
   */
  readonly closeTimeoutMs?: number | undefined;
  /**
   * Close codes (1000–4999) that end the session `succeeded` when the peer sends them.
   * @defaultValue `[1000, 1001, 1005]`
   */
  readonly normalCloseCodes?: readonly number[] | undefined;
  /**
   * Reconnect after a drop (`remote_disconnect` / `transport_failed`, never a refused first
   * connection): `true` for the default policy, or a {@link ReconnectOptions} policy.
   * @defaultValue false
   */
  readonly reconnect?: boolean | ReconnectOptions | undefined;
  /**
   * How binary messages are delivered in `websocket.message`: `'bytes'` (a `Uint8Array`) or
   * `'base64'` (a JSON-safe string).
   * @defaultValue `'bytes'`
   */
  readonly binaryEncoding?: 'bytes' | 'base64' | undefined;
  /**
   * Values to scrub (`[redacted]`) wherever they would appear — the URL's path and query, the
   * chosen subprotocol, text messages in `websocket.message`, close reasons, failures, errors —
   * each at least 4 characters. Header values under credential-looking names (`authorization`,
   * `cookie`, `x-api-key` …) and credential-named query parameters are scrubbed without being
   * listed. Binary messages are delivered as they came.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
}

// RFC 6455 token characters; a subprotocol with spaces or commas would corrupt the header.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

// A field value as Node's http module accepts it (HTAB, visible ASCII, obs-text); no CR/LF/NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
// C0 controls, space and DEL: the URL parser silently drops some of them; none belongs in a URL.
function hasControlOrSpace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Header names must be RFC 9110 tokens and values free of control characters (CR, LF, NUL …), so
 * a bad header is `INVALID_OPTIONS` before any I/O instead of a throw from inside the socket. The
 * message names the header and the offending character, never the value (it may be a credential).
 */
const HeadersSchema = z.record(z.string(), z.string()).check(
  z.superRefine((headers, ctx) => {
    for (const [name, value] of Object.entries(headers)) {
      const problem = !TOKEN.test(name)
        ? `header names as RFC 9110 tokens (header ${JSON.stringify(name.slice(0, 40))} is not)`
        : !FIELD_VALUE.test(value)
          ? `header values without control characters (the value of \`${name}\` has ${describeChar(value)})`
          : undefined;
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem, input: headers });
        return;
      }
    }
  }),
);

function describeChar(value: string): string {
  const bad = value.split('').find((c) => !FIELD_VALUE.test(c)) ?? '';
  return `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `ws:` / `wss:` URLs only; userinfo is refused so credentials never sit in a URL we log. */
export const WebSocketUrlSchema = z.string().check(
  z.refine((value) => {
    if (hasControlOrSpace(value)) return false;
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'ws:' || url.protocol === 'wss:') && url.username === '' && url.password === ''
      );
    } catch {
      return false;
    }
  }, 'a ws: or wss: URL without credentials, spaces or control characters'),
);

const ReconnectSchema = z.strictObject({
  maxAttempts: z._default(count(1_000, 1), D.reconnect.maxAttempts),
  initialDelayMs: z._default(durationMs(), D.reconnect.initialDelayMs),
  maxDelayMs: z._default(durationMs(), D.reconnect.maxDelayMs),
  factor: z._default(z.number().check(z.minimum(1), z.maximum(10)), D.reconnect.factor),
  stableAfterMs: z._default(durationMs(), D.reconnect.stableAfterMs),
});

/** The options of a session, defaults applied; `reconnect` resolved to a policy or `null`. */
export const WebSocketOptionsSchema = z.strictObject({
  headers: z._default(HeadersSchema, {}),
  subprotocols: z._default(
    z
      .array(
        z
          .string()
          .check(z.refine((value) => TOKEN.test(value), 'an RFC 6455 token (no spaces, commas or controls)')),
      )
      .check(z.maxLength(64)),
    [],
  ),
  handshakeTimeoutMs: z._default(durationMs(), D.handshakeTimeoutMs),
  maxPayloadBytes: z._default(byteSize(2 ** 31 - 1), D.maxPayloadBytes),
  perMessageDeflate: z._default(
    z.union([z.boolean(), z.strictObject({ threshold: z.optional(count(2 ** 31 - 1)) })]),
    false,
  ),
  pingIntervalMs: z._default(z.nullable(durationMs()), D.pingIntervalMs),
  pongTimeoutMs: z._default(durationMs(), D.pongTimeoutMs),
  pingEvents: z._default(z.boolean(), false),
  sendHighWaterBytes: z._default(byteSize(2 ** 31 - 1), D.sendHighWaterBytes),
  maxWaitingSends: z._default(count(1_000_000, 1), D.maxWaitingSends),
  maxQueuedSendBytes: z._default(byteSize(), D.maxQueuedSendBytes),
  closeTimeoutMs: z._default(durationMs(), D.closeTimeoutMs),
  normalCloseCodes: z._default(z.array(count(4999, 1000)), [...D.normalCloseCodes]),
  reconnect: z.pipe(
    z._default(z.union([z.boolean(), ReconnectSchema]), false),
    z.transform((value): ReconnectPolicy | null =>
      value === false ? null : value === true ? { ...D.reconnect } : value,
    ),
  ),
  binaryEncoding: z._default(z.enum(['bytes', 'base64']), 'bytes'),
  secrets: secretsOption(),
});

/** Reconnect policy after defaults are applied. */
export type ReconnectPolicy = Required<{ readonly [K in keyof ReconnectOptions]: number }>;

/** Session options after validation, with defaults applied. */
export type ResolvedWebSocketOptions = z.output<typeof WebSocketOptionsSchema>;

/** What a session runtime needs: the URL and the resolved options (the node lane's input extends it). */
export const SessionPlanSchema = z.extend(WebSocketOptionsSchema, { url: WebSocketUrlSchema });

/** See {@link SessionPlanSchema}. */
export type SessionPlan = z.output<typeof SessionPlanSchema>;

/**
 * The plan of a `connect()` session: the URL, its resolved options and `maxUnreadBytes`, which
 * only a session has (its iterator reports what the consumer took; the node lane's does not).
 */
export const ConnectPlanSchema = z.extend(SessionPlanSchema, {
  maxUnreadBytes: z._default(byteSize(), D.maxUnreadBytes),
});

/** See {@link ConnectPlanSchema}. */
export type ConnectPlan = z.output<typeof ConnectPlanSchema>;
