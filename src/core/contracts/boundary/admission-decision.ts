import * as z from 'zod/mini';
import {
  boundaryObject,
  jsonList,
  looseString,
  looseStrings,
  stringOr,
  versionAsGiven,
} from './boundary-fields.js';

/** A node's admission decision: the execution ref it minted, the target and attestation class. */
export const AdmissionDecisionSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    request_id: looseString('request_id'),
    status: stringOr('status', 'accepted'),
    ...looseStrings('execution_ref', 'target_id', 'lane_id', 'attestation_class', 'reason'),
    evidence: jsonList('evidence'),
  }),
);

/** A decoded admission decision. */
export type AdmissionDecision = z.output<typeof AdmissionDecisionSchema>;
