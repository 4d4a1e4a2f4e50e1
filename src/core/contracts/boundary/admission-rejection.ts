import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, looseStrings, versionAsGiven } from './boundary-fields.js';

/** Why a request was refused: a reason code (`lane_not_registered` …), a message and details. */
export const AdmissionRejectionSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    ...looseStrings('request_id', 'reason', 'message'),
    details: optionalMap('details'),
  }),
);

/** A decoded admission rejection. */
export type AdmissionRejection = z.output<typeof AdmissionRejectionSchema>;

/**
 * A rejection. Pass the request id whenever there is one: every rejection should say which
 * request it answers (the reference left it `null` on several paths).
 *
 * @example
 * createRejection('lane_not_registered', 'requested lane is not registered', {}, 'adm-1');
 */
export function createRejection(
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
  requestId: string | null = null,
): AdmissionRejection {
  return z.parse(AdmissionRejectionSchema, { reason, message, details, request_id: requestId });
}
