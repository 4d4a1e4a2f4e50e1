/**
 * `execution-plane/core`: the execution model every lane plugs into — the {@link Lane} contract
 * and {@link startExecution}, the {@link Execution} handle and {@link Session}, events, outcomes,
 * the failure taxonomy and {@link ExecutionError} with its codes. The wire contracts, the kernel
 * and placements have their own entry points: `execution-plane/core/contracts`,
 * `execution-plane/core/kernel` and `execution-plane/core/placements` (their code is most of
 * core's, so a consumer of the execution model never bundles it).
 *
 * Core depends on zod only; importing it never loads a process, socket or HTTP library.
 *
 * @module
 */

import '../internal/runtime-guard.js';

export { defineLane, type LaneSpec } from './define-lane.js';
export type {
  CoreErrorCode,
  ErrorCode,
  HttpErrorCode,
  JsonRpcErrorCode,
  NodeErrorCode,
  ProcessErrorCode,
  SseErrorCode,
  TerminalErrorCode,
  WebSocketErrorCode,
} from './error-codes.js';
export { ExecutionError, type ExecutionErrorInit, isExecutionError } from './errors.js';
export type {
  CoreEventPayloads,
  EventPayloadMap,
  ExecutionCompletedPayload,
  ExecutionEvent,
  ExecutionEventOf,
  ExecutionStartedPayload,
} from './event.js';
export type { Execution } from './execution.js';
export type { ExecutionOptions } from './execution-options.js';
// Failures and errors.
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
export { coreDefaults } from './limits.js';
export { createMemoryLane, type MemoryScript, memoryLane } from './memory-lane.js';
export {
  type ExecutionMetrics,
  type ExecutionOutcome,
  OUTCOME_STATUSES,
  type OutcomeStatus,
  type SucceededOutcome,
  type UnsucceededOutcome,
} from './outcome.js';
export { parseOptions } from './parse-options.js';
export type { Session } from './session.js';
// The execution model.
export { startExecution } from './start-execution.js';
