/**
 * `execution-plane/core`: the execution model every lane plugs into — the {@link Lane} contract,
 * the {@link Execution} handle, events, outcomes, the failure taxonomy and {@link ExecutionError}.
 *
 * Core depends on zod only; importing it never loads a process, socket or HTTP library.
 *
 * @module
 */

export { defineLane, type LaneSpec } from './define-lane.js';
export {
  ExecutionError,
  type ExecutionErrorCode,
  type ExecutionErrorInit,
  invalidOptions,
  isExecutionError,
} from './errors.js';
export type {
  CoreEventPayloads,
  EventPayloadMap,
  EventUnion,
  ExecutionCompletedPayload,
  ExecutionEvent,
  ExecutionEventOf,
  ExecutionStartedPayload,
} from './event.js';
export type { Execution } from './execution.js';
export { type ExecutionOptions, effectiveTimeoutMs } from './execution-options.js';
export { createFailure, type Failure, type FailureInput } from './failure.js';
export {
  type DurableTruthRelevance,
  FAILURE_CLASSES,
  type FailureClass,
  type FailureClassMetadata,
  type FailureOwner,
  failureClassMetadata,
  isFailureClass,
} from './failure-class.js';
export type { Lane, LaneCapabilities, LaneContext, LaneResult } from './lane.js';
export {
  DEFAULT_ABORT_GRACE_MS,
  DEFAULT_EVENT_QUEUE_CAPACITY,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMER_MS,
} from './limits.js';
export {
  createMemoryLane,
  type MemoryLaneEvents,
  type MemoryScript,
  MemoryScriptSchema,
  memoryLane,
} from './memory-lane.js';
export {
  type ExecutionMetrics,
  type ExecutionOutcome,
  OUTCOME_STATUSES,
  type OutcomeStatus,
} from './outcome.js';
export { outcomeError, statusOfFailure } from './outcome-error.js';
export { describeFirstIssue, parseOptions } from './parse-options.js';
export { startExecution } from './start-execution.js';
