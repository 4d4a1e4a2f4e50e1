import type { Evidence } from '../core/contracts/boundary/evidence.js';
import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import type { Redactor } from '../internal/redact.js';

/**
 * Evidence payloads redacted when first read. Most sinks store or forward a record and read its
 * payload later, or never (a counter, a filter on `evidence_type`); copying every payload
 * through the redaction policy at emission was a third of a governed execution's CPU.
 */

/** A payload waiting for its first read: the node's own frozen value and the policy it goes through. */
export interface PendingPayload {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly redactor: Redactor;
}

const PENDING = Symbol('pending payload');

interface Slot {
  pending: PendingPayload | null;
  copy: JsonMap | undefined;
}

// One getter for every record, so records keep one hidden class whatever their payload.
function readPayload(this: Evidence): JsonMap {
  const slot = (this as unknown as { [PENDING]: Slot })[PENDING];
  if (slot.pending !== null) {
    slot.copy = slot.pending.redactor.record(slot.pending.payload) as JsonMap;
    slot.pending = null;
  }
  return slot.copy as JsonMap;
}

const PAYLOAD: PropertyDescriptor = { get: readPayload, enumerable: true, configurable: false };

/**
 * Makes `record.payload` an enumerable accessor that redacts `pending` on its first read and
 * returns that copy ever after, so `JSON.stringify`, spreads, `Object.keys` and deep equality
 * see the same record as an eager one. The slot is a non-enumerable symbol: invisible to them.
 */
export function deferPayload(record: Partial<Evidence>, pending: PendingPayload): void {
  // Defined on a record without `payload` yet: redefining a data property costs a slow object.
  Object.defineProperty(record, 'payload', PAYLOAD);
  Object.defineProperty(record, PENDING, { value: { pending, copy: undefined } satisfies Slot });
}

/** Freezes `value` and every object and array inside it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    // `for…in` over own keys: no array of values per object frozen.
    for (const key in value) if (Object.hasOwn(value, key)) deepFreeze(value[key]);
  }
  return value;
}
