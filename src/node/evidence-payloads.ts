import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import { fingerprintSync } from './fingerprint-sync.js';

/**
 * Payloads of the execution evidence. Raw payloads and outputs never enter evidence (a payload
 * may carry credentials, an output may be large): they are recorded as sha256 fingerprints
 * (`execution.started`'s is built by the emitter, `EvidenceEmitter.emitStarted`).
 */

/**
 * `execution.completed`: how it ended (the reference's `reply` and `status`), metrics, output
 * hash. `owned` when the payload is a snapshot nothing else holds (no error, flat metrics copied):
 * it may then be redacted later; otherwise it shares the caller's objects and is redacted now.
 */
export function completedPayload(result: ExecutionResult): {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly owned: boolean;
} {
  const metrics = metricsOf(result);
  const snapshot = result.error === null ? flatCopy(metrics) : undefined;
  const payload = {
    reply: result.status === 'succeeded' ? 'ok' : 'error',
    status: result.status,
    error: result.error,
    metrics: snapshot ?? metrics,
    output_fingerprint: result.output === null ? null : fingerprintSync(result.output),
  };
  return {
    payload: snapshot === undefined ? payload : Object.freeze(payload),
    owned: snapshot !== undefined,
  };
}

// A frozen copy of a map of strings, numbers, booleans and nulls (`null` stays `null`);
// `undefined` when it holds anything else.
function flatCopy(value: unknown): Readonly<Record<string, unknown>> | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return undefined;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null) return undefined;
    if (typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint') return undefined;
    copy[key] = item;
  }
  return Object.freeze(copy);
}

// The outcome's metrics ride on the result's final `execution.completed` event.
function metricsOf(result: ExecutionResult): unknown {
  const last = result.events[result.events.length - 1] as
    | { event_type?: unknown; payload?: { outcome?: { metrics?: unknown } } }
    | undefined;
  return last?.event_type === 'execution.completed' ? (last.payload?.outcome?.metrics ?? null) : null;
}
