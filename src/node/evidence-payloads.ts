import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import type { Fingerprint } from '../core/kernel/fingerprint.js';
import { isCredentialName, REDACTED, type Redactor } from '../internal/redact.js';
import { fingerprintSync } from './fingerprint-sync.js';

/**
 * Payloads of the execution evidence. Raw payloads and outputs never enter evidence (a payload
 * may carry credentials, an output may be large): they are recorded as sha256 fingerprints
 * (`execution.started`'s is built by the emitter, `EvidenceEmitter.emitStarted`).
 */

/**
 * `execution.completed`: how it ended (the reference's `reply` and `status`), metrics, output
 * hash — not yet through the redaction policy (it shares the caller's error and metrics).
 */
export function completedPayload(result: ExecutionResult): Record<string, unknown> {
  return {
    reply: result.status === 'succeeded' ? 'ok' : 'error',
    status: result.status,
    error: result.error,
    metrics: metricsOf(result),
    output_fingerprint: outputFingerprint(result),
  };
}

/**
 * What `redactor.record(completedPayload(result))` gives, built in one pass for the common end —
 * no error, flat metrics, no listed secret (so the fixed keys and words stay as they are) — or
 * `undefined` for anything else. `fingerprint` is the emitter's shared redacted copy.
 */
export function redactedCompletedPayload(
  result: ExecutionResult,
  redactor: Redactor,
  fingerprint: (value: Fingerprint) => JsonMap,
): JsonMap | undefined {
  if (result.error !== null || redactor.hasSecrets) return undefined;
  const metrics = redactedFlat(metricsOf(result), redactor);
  if (metrics === undefined) return undefined;
  const output = outputFingerprint(result);
  return {
    reply: result.status === 'succeeded' ? 'ok' : 'error',
    status: redactor.text(result.status),
    error: null,
    metrics,
    output_fingerprint: output === null ? null : fingerprint(output),
  };
}

const outputFingerprint = (result: ExecutionResult): Fingerprint | null =>
  result.output === null ? null : fingerprintSync(result.output);

// `redactor.record` of a map of strings, numbers, booleans and nulls (`null` stays `null`): its
// copy, keys and strings through the policy, credential-named values withheld; `undefined` when
// the map holds anything else.
function redactedFlat(value: unknown, redactor: Redactor): JsonMap | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const copy: JsonMap = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) return undefined;
    const item = (value as Record<string, unknown>)[key];
    const type = typeof item;
    if (
      (type === 'object' && item !== null) ||
      type === 'function' ||
      type === 'symbol' ||
      type === 'bigint'
    ) {
      return undefined;
    }
    copy[redactor.text(key)] = (
      isCredentialName(key) && item !== null && type !== 'number' && type !== 'boolean'
        ? REDACTED
        : type === 'string'
          ? redactor.text(item as string)
          : item
    ) as JsonMap[string];
  }
  return copy;
}

// The outcome's metrics ride on the result's final `execution.completed` event.
function metricsOf(result: ExecutionResult): unknown {
  const last = result.events[result.events.length - 1] as
    | { event_type?: unknown; payload?: { outcome?: { metrics?: unknown } } }
    | undefined;
  return last?.event_type === 'execution.completed' ? (last.payload?.outcome?.metrics ?? null) : null;
}
