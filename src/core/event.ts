import type { ExecutionOutcome } from './outcome.js';

/**
 * One event of an execution, in the boundary `ExecutionEvent` shape (integer `contract_version`,
 * snake_case fields) plus a monotonic `seq`. `event_id` is `<execution_ref>:<seq>`, so ids are
 * unique without a random source per event.
 */
export interface ExecutionEvent<T extends string = string, P = unknown> {
  readonly contract_version: 1;
  readonly event_id: string;
  readonly execution_ref: string;
  /** 0 for `execution.started`, then +1 per event; a gap means events were dropped. */
  readonly seq: number;
  readonly event_type: T;
  readonly payload: P;
  readonly emitted_at: string;
}

/** Payload of `execution.started`. */
export interface ExecutionStartedPayload {
  readonly lane_id: string;
  /** Effective timeout, `null` when the execution has none. */
  readonly timeout_ms: number | null;
  /** ISO-8601 instant the execution times out, `null` when it has no timeout. */
  readonly deadline_at: string | null;
}

/** Payload of `execution.completed`: the outcome, exactly as `execution.result` resolves it. */
export interface ExecutionCompletedPayload<O = unknown> {
  readonly outcome: ExecutionOutcome<O>;
}

/** A map from event type to payload type. Lanes declare theirs (`{ 'process.output': … }`). */
export type EventPayloadMap = object;

/** The lane-neutral events every execution emits. */
export interface CoreEventPayloads<O = unknown> {
  'execution.started': ExecutionStartedPayload;
  'execution.completed': ExecutionCompletedPayload<O>;
}

/** The discriminated union of events described by a payload map. */
export type EventUnion<M extends EventPayloadMap> = {
  [K in keyof M & string]: ExecutionEvent<K, M[K]>;
}[keyof M & string];

/** Every event an execution with lane events `E` and output `O` can yield. */
export type ExecutionEventOf<O, E extends EventPayloadMap> = EventUnion<CoreEventPayloads<O> & E>;
