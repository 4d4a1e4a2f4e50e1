import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonEmptyString, optionalList, optionalMap, requiredStrings } from '../primitives/fields.js';

/**
 * `boundary_session_descriptor.v1`: the Spine's durable truth about a boundary session. Status
 * and attach state are free-form; the ref lists hold non-empty strings.
 */
export const BoundarySessionDescriptorV1Schema = z.lazy(() =>
  contractSchema(
    [],
    z.object({
      contract_version: contractVersionField('boundary_session_descriptor.v1'),
      ...requiredStrings(
        'boundary_session_id',
        'decision_id',
        'session_status',
        'attach_state',
        'workspace_ref',
      ),
      artifact_refs: optionalList('artifact_refs', nonEmptyString('artifact_ref')),
      lease_refs: optionalList('lease_refs', nonEmptyString('lease_ref')),
      approval_refs: optionalList('approval_refs', nonEmptyString('approval_ref')),
      policy_echo: optionalMap('policy_echo'),
      extensions: optionalMap('extensions'),
    }),
  ),
);

/** A decoded `boundary_session_descriptor.v1`. */
export type BoundarySessionDescriptorV1 = z.output<typeof BoundarySessionDescriptorV1Schema>;
