import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonNegativeInteger, requiredStrings } from '../primitives/fields.js';
import { actorRefsPrecheck, hazmatScopeShape } from './hazmat-scope.js';

/**
 * `ExecutionPlane.StreamAttachRevocation.v1`: terminates a stale stream grant at a known event
 * position (an integer ≥ 0).
 */
export const StreamAttachRevocationV1Schema = z.lazy(() =>
  contractSchema(
    [actorRefsPrecheck()],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.StreamAttachRevocation.v1'),
      ...hazmatScopeShape(),
      ...requiredStrings('stream_ref', 'attach_grant_ref', 'lease_ref', 'revocation_ref', 'termination_ref'),
      last_event_position: nonNegativeInteger('last_event_position'),
    }),
  ),
);

/** A decoded `ExecutionPlane.StreamAttachRevocation.v1`. */
export type StreamAttachRevocationV1 = z.output<typeof StreamAttachRevocationV1Schema>;
