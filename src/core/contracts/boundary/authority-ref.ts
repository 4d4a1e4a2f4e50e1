import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, looseStrings, versionAsGiven } from './boundary-fields.js';

/**
 * An opaque authority reference handed to the node's authority verifier. The root never reads
 * policy meaning from it.
 */
export const AuthorityRefSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    ...looseStrings('ref', 'payload_hash', 'audience', 'issued_at', 'expires_at'),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded authority ref. */
export type AuthorityRef = z.output<typeof AuthorityRefSchema>;
