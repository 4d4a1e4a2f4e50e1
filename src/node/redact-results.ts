import type { AdmissionRejection } from '../core/contracts/boundary/admission-rejection.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { ExecutionEvent } from '../core/event.js';
import { type Redactor, withholdReceived } from '../internal/redact.js';
import { isSharedProvenance } from './decode-request.js';

/**
 * The node's side of the redaction policy (`src/internal/redact.ts`): what leaves the node — a
 * refusal, a result, an event — goes through here once, so callers, the wire and evidence see the
 * same withheld values.
 */

/** A refusal that echoes ids, never payloads: the received value withheld, secrets scrubbed. */
export function redactRejection(redactor: Redactor, refusal: AdmissionRejection): AdmissionRejection {
  return {
    ...refusal,
    request_id: refusal.request_id === null ? null : redactor.scrub(refusal.request_id),
    message: refusal.message === null ? null : redactor.text(withholdReceived(refusal.message)),
    details: redactor.record(refusal.details) as AdmissionRejection['details'],
  };
}

/**
 * A result for its caller: the error (a failure or a refusal) and the echoed provenance under the
 * full policy; events and output are the caller's own data, with listed secrets scrubbed.
 */
export function redactResult(redactor: Redactor, result: ExecutionResult): ExecutionResult {
  return redactOwnedResult(redactor, { ...result, events: [...result.events] });
}

/**
 * {@link redactResult} on a result only the node holds (built by it, never handed out): its fields
 * and its events list are replaced in place, so no second result and no second list is made.
 */
export function redactOwnedResult(redactor: Redactor, result: ExecutionResult): ExecutionResult {
  const error = result.error as Record<string, unknown> | null;
  result.output = redactor.scrubDeep(result.output);
  const events = result.events as unknown as ExecutionEvent[];
  for (let i = 0; i < events.length; i++) events[i] = redactEvent(redactor, events[i] as ExecutionEvent);
  result.error = (
    error === null
      ? null
      : typeof error !== 'object'
        ? redactor.scrubDeep(error) // the reference's message form: "process execution failed"
        : isRejection(error)
          ? redactRejection(redactor, error)
          : redactor.record(error)
  ) as ExecutionResult['error'];
  result.provenance = redactProvenance(redactor, result.provenance);
  return result;
}

// A provenance requests share (the default, a repeated one) is redacted once per redactor, and
// kept with it; each result gets its own copy.
const shared = new WeakMap<object, SharedRedaction>();
let lastShared: object | undefined;
let lastKept: SharedRedaction | undefined;

interface SharedRedaction {
  readonly redactor: Redactor;
  readonly redacted: ExecutionResult['provenance'];
}

function redactProvenance(redactor: Redactor, provenance: ExecutionResult['provenance']) {
  if (!isSharedProvenance(provenance)) return redactor.record(provenance) as ExecutionResult['provenance'];
  // The last answer first: one caller's results come one after another.
  let kept = provenance === lastShared ? lastKept : shared.get(provenance);
  if (kept?.redactor !== redactor) {
    kept = { redactor, redacted: redactor.record(provenance) as ExecutionResult['provenance'] };
    shared.set(provenance, kept);
  }
  lastShared = provenance;
  lastKept = kept;
  const redacted = kept.redacted;
  return { ...redacted, details: { ...redacted.details } };
}

/** An event for its caller: secrets scrubbed; the outcome's failure under the full policy. */
export function redactEvent(redactor: Redactor, event: ExecutionEvent): ExecutionEvent {
  const scrubbed = redactor.scrubDeep(event);
  if (scrubbed.event_type !== 'execution.completed') return scrubbed;
  const payload = scrubbed.payload as { outcome?: { failure?: unknown } } | null;
  const outcome = payload?.outcome;
  if (!outcome || outcome.failure === null || outcome.failure === undefined) return scrubbed;
  return {
    ...scrubbed,
    payload: { ...payload, outcome: { ...outcome, failure: redactor.record(outcome.failure) } },
  } as ExecutionEvent;
}

function isRejection(error: Record<string, unknown>): error is AdmissionRejection {
  return 'reason' in error && 'message' in error && 'request_id' in error && !('failure_class' in error);
}
