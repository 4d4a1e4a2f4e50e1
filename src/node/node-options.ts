import * as z from 'zod/mini';
import { count, durationMs } from '../internal/option-schemas.js';
import { MIN_SECRET_CHARS } from '../internal/redact.js';

/** Executions (execute and stream) a node runs at once; one more is refused as `capacity_exceeded`. */
export const DEFAULT_MAX_IN_FLIGHT = 10_000;

/** Finished executions a node remembers (for `cancel` and evidence context); the oldest go first. */
export const DEFAULT_RETAIN_FINISHED = 1_000;

/** Events kept in an `execute` result; past it the middle is dropped (a `seq` gap shows where). */
export const DEFAULT_MAX_RESULT_EVENTS = 1_000;

/** How long an authority or target verifier may take before its answer counts as a refusal. */
export const DEFAULT_VERIFIER_TIMEOUT_MS = 5_000;

/** How long the node waits on one sink's `emit` before counting it failed and moving on. */
export const DEFAULT_SINK_TIMEOUT_MS = 1_000;

/** Records queued for one slow sink; past it new records for that sink are dropped and counted. */
export const DEFAULT_SINK_BACKLOG = 10_000;

/** How long `close()` lets executions in flight finish before cancelling them (0: cancel at once). */
export const DEFAULT_CLOSE_GRACE_MS = 0;

/**
 * Options of `createNode(options?)`. Every field is optional; an unknown key is a compile-time
 * error and, at run time, `INVALID_OPTIONS` naming the key and the nearest known one.
 */
export interface NodeOptions {
  /**
   * The node's id in its descriptor (1 to 256 characters).
   * @defaultValue `node-<unix ms>`
   */
  readonly nodeId?: string | undefined;
  /**
   * Accept `direct_lower_lane_owner` provenance (a self-asserted bypass of governance for
   * standalone lane owners). `false` refuses it as `direct_provenance_refused`.
   * @defaultValue true
   */
  readonly allowDirect?: boolean | undefined;
  /**
   * Executions (execute and stream) running at once, a count from 1; one more is refused as
   * `capacity_exceeded`.
   * @defaultValue 10_000
   */
  readonly maxInFlight?: number | undefined;
  /**
   * Finished executions remembered for `cancel` and evidence context, a count (0 keeps none); the
   * oldest are forgotten first.
   * @defaultValue 1_000
   */
  readonly retainFinished?: number | undefined;
  /**
   * Events kept in an `execute` result, a count from 1: the first ones and the final
   * `execution.completed` (a `seq` gap shows what was left out).
   * @defaultValue 1_000
   */
  readonly maxResultEvents?: number | undefined;
  /**
   * Milliseconds an authority or target verifier may take; past it the answer is a refusal.
   * @defaultValue 5_000
   */
  readonly verifierTimeoutMs?: number | undefined;
  /**
   * Milliseconds the node waits on one sink's `emit` promise before counting it timed out.
   * @defaultValue 1_000
   */
  readonly sinkTimeoutMs?: number | undefined;
  /**
   * Evidence records queued for one busy sink, a count from 1; past it that sink's new records
   * are dropped and counted.
   * @defaultValue 10_000
   */
  readonly sinkBacklog?: number | undefined;
  /**
   * Extra facts reported in the descriptor's `metadata` (beside `allow_direct`).
   * @defaultValue `{}`
   */
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Values to scrub wherever the node copies them — evidence, refusals, failures, error messages,
   * echoed provenance, and the events and outputs it hands back — replaced by `[redacted]`. Each
   * at least 4 characters. Values under credential-looking names (auth, token, key, secret,
   * password, cookie, session, signature, credential …) are withheld from evidence, refusals and
   * failures without being listed; list here what hides under ordinary names (an argv value, an
   * env value, a URL path).
   * @defaultValue `[]`
   */
  readonly secrets?: readonly string[] | undefined;
  /**
   * Milliseconds `close()` lets executions in flight finish (a drain: new work is refused as
   * `node_closed` at once) before it cancels those still running. 0 cancels them at once.
   * @defaultValue 0
   */
  readonly closeGraceMs?: number | undefined;
}

/** The options funnel of `createNode`: validation and defaults in one place. */
export const NodeOptionsSchema = z.strictObject({
  nodeId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  allowDirect: z._default(z.boolean(), true),
  maxInFlight: z._default(count(1_000_000, 1), DEFAULT_MAX_IN_FLIGHT),
  retainFinished: z._default(count(1_000_000), DEFAULT_RETAIN_FINISHED),
  maxResultEvents: z._default(count(1_000_000, 1), DEFAULT_MAX_RESULT_EVENTS),
  verifierTimeoutMs: z._default(durationMs(), DEFAULT_VERIFIER_TIMEOUT_MS),
  sinkTimeoutMs: z._default(durationMs(), DEFAULT_SINK_TIMEOUT_MS),
  sinkBacklog: z._default(count(10_000_000, 1), DEFAULT_SINK_BACKLOG),
  metadata: z._default(z.record(z.string(), z.unknown()), {}),
  secrets: z._default(z.readonly(z.array(z.string().check(z.minLength(MIN_SECRET_CHARS)))), []),
  closeGraceMs: z._default(durationMs(0), DEFAULT_CLOSE_GRACE_MS),
});

/** Node options after defaults. */
export type ResolvedNodeOptions = z.output<typeof NodeOptionsSchema>;
