import * as z from 'zod/mini';
import { MAX_TIMER_MS } from '../core/index.js';

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

const positive = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

/** Options of {@link createNode}. */
export const NodeOptionsSchema = z.strictObject({
  /** The node's id in its descriptor. @defaultValue `node-<unix ms>` */
  nodeId: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  /**
   * Accept `direct_lower_lane_owner` provenance (a self-asserted bypass of governance for
   * standalone lane owners). `false` refuses it as `direct_provenance_refused`.
   * @defaultValue true
   */
  allowDirect: z._default(z.boolean(), true),
  maxInFlight: z._default(positive(1_000_000), DEFAULT_MAX_IN_FLIGHT),
  retainFinished: z._default(
    z.number().check(z.int(), z.minimum(0), z.maximum(1_000_000)),
    DEFAULT_RETAIN_FINISHED,
  ),
  maxResultEvents: z._default(positive(1_000_000), DEFAULT_MAX_RESULT_EVENTS),
  verifierTimeoutMs: z._default(positive(MAX_TIMER_MS), DEFAULT_VERIFIER_TIMEOUT_MS),
  sinkTimeoutMs: z._default(positive(MAX_TIMER_MS), DEFAULT_SINK_TIMEOUT_MS),
  sinkBacklog: z._default(positive(10_000_000), DEFAULT_SINK_BACKLOG),
  /** Extra facts reported in the descriptor's `metadata`. */
  metadata: z._default(z.record(z.string(), z.unknown()), {}),
});

/** What {@link createNode} accepts; every option is optional. */
export type NodeOptions = z.input<typeof NodeOptionsSchema>;

/** Node options after defaults. */
export type ResolvedNodeOptions = z.output<typeof NodeOptionsSchema>;
