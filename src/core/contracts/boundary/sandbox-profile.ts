import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, json, looseString, versionAsGiven } from './boundary-fields.js';

/**
 * An opaque, signed governance bundle carried as policy data. It is **not enforced** here; the
 * node copies `bundle_hash` into evidence as `policy_bundle_hash`.
 */
export const SandboxProfileSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    profile_ref: looseString('profile_ref'),
    bundle_hash: looseString('bundle_hash'),
    opaque_bundle: json('opaque_bundle', null),
    metadata: optionalMap('metadata'),
  }),
);

/** A decoded sandbox profile. */
export type SandboxProfile = z.output<typeof SandboxProfileSchema>;
