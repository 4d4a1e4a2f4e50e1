import type { AnyLane } from '../core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionRequest } from '../core/contracts/boundary/execution-request.js';
import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import { encodeContract } from '../core/contracts/codec.js';
import type { LineageOverrides } from '../core/contracts/lane-support/build-lineage.js';
import { toV1 } from '../core/contracts/lane-support/to-v1.js';
import { isPlainMap } from '../core/contracts/primitives/json-value.js';
import type { ExecutionEvent } from '../core/event.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import {
  type ReadPayload,
  type ReferenceWire,
  readReferencePayload,
  referenceWireOf,
} from '../internal/reference-wire.js';

/** The admission metadata key that picks the result shape: `"reference"` or `"own"`. */
export const WIRE_SHAPE_KEY = 'wire_shape';

/** A request answered in the reference's shape: its lane's wire and the payload read from it. */
export interface ReferenceShape {
  readonly wire: ReferenceWire;
  readonly read: ReadPayload;
}

function metadataOf(request: ExecutionRequest): Record<string, unknown> {
  const metadata = request.admission_request?.metadata;
  return isPlainMap(metadata) ? metadata : {};
}

/**
 * Whether a request is answered in the reference's shape: its payload is in the reference's
 * snake_case shape (the lane's one rule), or its admission metadata says
 * `wire_shape: "reference"` (then the payload is read as the reference's whatever its keys).
 * `wire_shape: "own"` keeps this package's shape. Throws `INVALID_OPTIONS` as the lane would.
 */
export function referenceShapeOf(request: ExecutionRequest, lane: AnyLane): ReferenceShape | undefined {
  const wire = referenceWireOf(lane);
  const asked = metadataOf(request)[WIRE_SHAPE_KEY];
  if (!wire || asked === 'own') return undefined;
  const read = readReferencePayload(wire, request.payload, `${lane.id} lane payload`, asked === 'reference');
  return read ? { wire, read } : undefined;
}

/**
 * The lineage of a reference-shaped result: `metadata.lineage` (the reference's `:lineage`
 * option), with the admitted request's id as `request_id` and, failing a given one, as the
 * `idempotency_key` (else the execution ref).
 */
function lineageOf(request: ExecutionRequest): LineageOverrides {
  const given = metadataOf(request).lineage;
  const lineage = isPlainMap(given) ? (given as Partial<LineageOverrides>) : {};
  const requestId = request.admission_request?.request_id ?? undefined;
  return {
    ...(requestId ? { request_id: requestId } : {}),
    ...lineage,
    idempotency_key: lineage.idempotency_key ?? requestId ?? (request.execution_ref as string),
  };
}

/**
 * The result as the reference's lane adapters return it: status `succeeded` or `failed`,
 * `output: { events: [execution_event.v1 …], outcome: execution_outcome.v1 }` encoded with the
 * V1 codec, and `error: "<lane> execution failed"` when it failed.
 */
export function referenceResult(
  shape: ReferenceShape,
  request: ExecutionRequest,
  outcome: ExecutionOutcome,
  events: readonly ExecutionEvent[],
): ExecutionResult {
  const facts = toV1(
    { events, outcome },
    {
      lineage: lineageOf(request),
      family: shape.wire.family,
      protocol: shape.wire.protocol,
      // With no output, the reference's raw payload says what went wrong (`{ error }`).
      rawPayload: (output) =>
        (output === null || output === undefined) && outcome.failure
          ? { error: outcome.failure.reason ?? outcome.failure.code }
          : shape.wire.rawPayload(output),
    },
  );
  const ok = outcome.status === 'succeeded';
  return {
    contract_version: 1,
    execution_ref: outcome.execution_ref,
    status: ok ? 'succeeded' : 'failed',
    output: {
      events: facts.events.map((event) => JSON.parse(encodeContract(event))),
      outcome: JSON.parse(encodeContract(facts.outcome)),
    },
    events: [],
    evidence: [],
    error: ok ? null : `${outcome.lane_id} execution failed`,
    provenance: request.provenance,
  };
}
