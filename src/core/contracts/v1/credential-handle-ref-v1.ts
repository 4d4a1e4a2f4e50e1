import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonEmptyString, optionalString } from '../primitives/fields.js';
import { opaqueRef, optionalTimestamp } from '../primitives/ref-fields.js';

/**
 * `credential_handle_ref.v1`: a reference to a credential, never the credential. `handle_ref`
 * must be an opaque handle ref (`scheme://…` or `urn:…`).
 */
export const CredentialHandleRefV1Schema = z.lazy(() =>
  contractSchema(
    [z.looseObject({ expires_at: optionalString('expires_at') })],
    z.object({
      contract_version: contractVersionField('credential_handle_ref.v1'),
      handle_ref: opaqueRef('handle_ref'),
      kind: nonEmptyString('kind'),
      audience: nonEmptyString('audience'),
      expires_at: optionalTimestamp('expires_at'),
      rotation_policy: optionalString('rotation_policy'),
    }),
  ),
);

/** A decoded `credential_handle_ref.v1`. */
export type CredentialHandleRefV1 = z.output<typeof CredentialHandleRefV1Schema>;
