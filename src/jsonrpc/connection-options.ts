import * as z from 'zod/mini';
import type { ExecutionOptions } from '../core/execution-options.js';
import { count, durationMs } from '../internal/option-schemas.js';
import { secretsOption } from '../internal/redact-lane.js';
import type { JsonRpcChannel } from './channel.js';
import { jsonRpcDefaults as D } from './defaults.js';

/**
 * Options of `createJsonRpcConnection(channel, options?)`: the connection's options and the
 * execution options in one object. Unknown keys are refused (`INVALID_OPTIONS` naming the
 * nearest known key). The connection itself has no timeout unless given one (`timeoutMs`,
 * `deadline`); its requests do (`requestTimeoutMs`).
 */
export interface JsonRpcConnectionOptions extends ExecutionOptions {
  /**
   * Milliseconds a request waits for its response (idle time, see `resetTimeoutOnProgress`);
   * `null` waits forever. A request's own `timeoutMs` wins.
   * @defaultValue 60000
   */
  readonly requestTimeoutMs?: number | null | undefined;
  /**
   * Hard cap in milliseconds on a request's total time, progress or not; `null` for none.
   * @defaultValue null
   */
  readonly maxTotalTimeoutMs?: number | null | undefined;
  /**
   * Restart a request's timeout on every progress report the peer sends for it.
   * @defaultValue false
   */
  readonly resetTimeoutOnProgress?: boolean | undefined;
  /**
   * Our requests awaiting a response at once; one more rejects with `LIMIT_EXCEEDED`.
   * @defaultValue 1024
   */
  readonly maxInFlight?: number | undefined;
  /**
   * Peer requests handled at once; one more is answered with error -32000 (server busy).
   * @defaultValue 256
   */
  readonly maxInboundRequests?: number | undefined;
  /**
   * Largest batch, in either direction (a bigger inbound batch is answered -32600).
   * @defaultValue 1000
   */
  readonly maxBatchSize?: number | undefined;
  /**
   * Id of our first request; later ones count up by one.
   * @defaultValue 0
   */
  readonly requestIdStart?: number | undefined;
  /**
   * Cancellation and progress conventions: `'lsp'` (`$/cancelRequest`, `$/progress`,
   * `workDoneToken`) or `'mcp'` (`notifications/cancelled`, `notifications/progress`,
   * `_meta.progressToken`).
   * @defaultValue `'lsp'`
   */
  readonly dialect?: 'lsp' | 'mcp' | undefined;
  /**
   * Values to scrub (`[redacted]`) from what the connection reports — events (peer
   * notifications, diagnostics), the outcome, failures, and the message and `data` of a peer's
   * error response (a peer that echoes a param into its error) — each at least 4 characters.
   * Params sent and results returned are the caller's data and stay as they are.
   * @defaultValue none
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * What `batch()` does once the peer is known not to take batches (it answered one with a
   * single error, or not at all within `batchProbeMs`): `'fail'` rejects at once with
   * `BATCH_UNSUPPORTED`; `'split'` sends the calls one by one and resolves as a batch would.
   * @defaultValue `'fail'`
   */
  readonly batchUnsupported?: 'fail' | 'split' | undefined;
  /**
   * Milliseconds the first batch waits for any answer before the peer is taken not to support
   * batches (later batches are not probed once one was answered); `null` waits for the
   * request timeout as any request does, and only an error answer marks batches unsupported.
   * @defaultValue 2000
   */
  readonly batchProbeMs?: number | null | undefined;
}

const isChannel = (value: unknown): value is JsonRpcChannel =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as JsonRpcChannel).start === 'function' &&
  typeof (value as JsonRpcChannel).send === 'function' &&
  typeof (value as JsonRpcChannel).close === 'function';

/** The connection options after defaults. */
export const ConnectionOptionsSchema = z.strictObject({
  requestTimeoutMs: z._default(z.nullable(durationMs()), D.requestTimeoutMs),
  maxTotalTimeoutMs: z._default(z.nullable(durationMs()), null),
  resetTimeoutOnProgress: z._default(z.boolean(), false),
  maxInFlight: z._default(count(10_000_000, 1), D.maxInFlight),
  maxInboundRequests: z._default(count(1_000_000, 1), D.maxInboundRequests),
  maxBatchSize: z._default(count(1_000_000, 1), D.maxBatchSize),
  requestIdStart: z._default(count(Number.MAX_SAFE_INTEGER), 0),
  dialect: z._default(z.enum(['lsp', 'mcp']), 'lsp'),
  secrets: secretsOption(),
  batchUnsupported: z._default(z.enum(['fail', 'split']), 'fail'),
  batchProbeMs: z._default(z.nullable(durationMs()), D.batchProbeMs),
});

/** Connection options after defaults. */
export type ResolvedConnectionOptions = z.output<typeof ConnectionOptionsSchema>;

/** The plan of a connection: its channel and its options, validated once. */
export const ConnectionPlanSchema = z.extend(ConnectionOptionsSchema, {
  channel: z.custom<JsonRpcChannel>(isChannel, 'a JsonRpcChannel ({ start, send, close })'),
});

/** See {@link ConnectionPlanSchema}. */
export type ConnectionPlan = z.output<typeof ConnectionPlanSchema>;
