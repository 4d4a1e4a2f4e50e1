import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { mapField, nonEmptyString, requiredStrings } from '../primitives/fields.js';
import { timestamp } from '../primitives/ref-fields.js';
import { actorRefsPrecheck, hazmatScopeShape } from './hazmat-scope.js';

/**
 * `ExecutionPlane.AttachGrant.v1`: a lease-bound, revocable grant to attach to a hazmat stream.
 * Immutable; expiry means a new grant. The legacy narrow shape (`boundary_session_id`,
 * `attach_mode` …) is rejected by the actor check that runs first.
 */
export const AttachGrantV1Schema = z.lazy(() =>
  contractSchema(
    [actorRefsPrecheck()],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.AttachGrant.v1'),
      ...hazmatScopeShape(),
      ...requiredStrings('attach_grant_ref', 'lease_ref', 'hazmat_resource_ref'),
      grant_scope: mapField('grant_scope'),
      expires_at: timestamp('expires_at'),
      revocation_ref: nonEmptyString('revocation_ref'),
    }),
  ),
);

/** A decoded `ExecutionPlane.AttachGrant.v1`. */
export type AttachGrantV1 = z.output<typeof AttachGrantV1Schema>;
