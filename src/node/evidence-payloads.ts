import type { ExecutionRequest } from '../core/contracts/boundary/execution-request.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import { fingerprintSync } from './fingerprint-sync.js';

/**
 * Payloads of the execution evidence. Raw payloads and outputs never enter evidence (a payload
 * may carry credentials, an output may be large): they are recorded as sha256 fingerprints.
 */

/** `execution.started`: what was dispatched, where, and how. */
export function startedPayload(
  request: ExecutionRequest,
  mode: 'execute' | 'stream',
): Record<string, unknown> {
  return {
    execution_ref: request.execution_ref,
    mode,
    lane_id: request.lane_id,
    operation: request.operation,
    target_id: request.target_descriptor?.target_id ?? null,
    provenance: request.provenance,
    payload_fingerprint: fingerprintSync(request.payload),
    timeout_ms: request.metadata.timeout_ms ?? null,
  };
}

/** `execution.completed`: how it ended (the reference's `reply` and `status`), metrics, output hash. */
export function completedPayload(result: ExecutionResult): Record<string, unknown> {
  return {
    reply: result.status === 'succeeded' ? 'ok' : 'error',
    status: result.status,
    error: result.error,
    metrics: metricsOf(result),
    output_fingerprint: result.output === null ? null : fingerprintSync(result.output),
  };
}

// The outcome's metrics ride on the result's final `execution.completed` event.
function metricsOf(result: ExecutionResult): unknown {
  const last = result.events[result.events.length - 1] as
    | { event_type?: unknown; payload?: { outcome?: { metrics?: unknown } } }
    | undefined;
  return last?.event_type === 'execution.completed' ? (last.payload?.outcome?.metrics ?? null) : null;
}
