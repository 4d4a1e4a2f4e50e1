import * as z from 'zod/mini';
import { nonEmptyString, optionalMap } from '../primitives/fields.js';
import { AcceptableAttestationSchema } from './acceptable-attestation.js';
import { AuthorityRefSchema } from './authority-ref.js';
import {
  boundaryObject,
  jsonList,
  looseString,
  mintedId,
  nestedOrNull,
  versionAsGiven,
} from './boundary-fields.js';
import { PlacementSurfaceSchema } from './placement-surface.js';
import { provenanceField } from './provenance.js';
import { SandboxProfileSchema } from './sandbox-profile.js';

/**
 * A request for admission to a node: the lane, the payload for it, the authority ref, sandbox
 * profile, acceptable attestation classes, placement, constraints and provenance.
 * `request_id` is minted (`adm-…`) when missing; `lane_id` is required; `contract_version` is
 * kept as given, because the node rejects a mismatch as `contract_version_mismatch`.
 */
export const AdmissionRequestSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    request_id: mintedId('request_id', 'adm'),
    lane_id: nonEmptyString('lane_id'),
    operation: looseString('operation'),
    payload: optionalMap('payload'),
    authority_ref: nestedOrNull(AuthorityRefSchema),
    sandbox_profile: nestedOrNull(SandboxProfileSchema),
    acceptable_attestation: z._default(AcceptableAttestationSchema, () =>
      z.parse(AcceptableAttestationSchema, {}),
    ),
    placement: nestedOrNull(PlacementSurfaceSchema),
    constraints: jsonList('constraints'),
    provenance: provenanceField(),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded admission request. */
export type AdmissionRequest = z.output<typeof AdmissionRequestSchema>;
