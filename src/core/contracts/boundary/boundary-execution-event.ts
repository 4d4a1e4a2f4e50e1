import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, jsonList, looseString, mintedId, versionAsGiven } from './boundary-fields.js';

/**
 * A node/lane stream event (the integer-versioned `ExecutionEvent`, not `execution_event.v1`).
 * `event_id` is minted (`event-…`) when missing.
 */
export const BoundaryExecutionEventSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    event_id: mintedId('event_id', 'event'),
    execution_ref: looseString('execution_ref'),
    event_type: looseString('event_type'),
    payload: optionalMap('payload'),
    emitted_at: looseString('emitted_at'),
    evidence: jsonList('evidence'),
  }),
);

/** A decoded boundary execution event. */
export type BoundaryExecutionEvent = z.output<typeof BoundaryExecutionEventSchema>;
