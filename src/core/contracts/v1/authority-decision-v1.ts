import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { optionalMap, requiredStrings } from '../primitives/fields.js';

/**
 * `authority_decision.v1`, authored by the Brain: the policy decision an execution runs under.
 * Immutable; a new decision supersedes it. Every field but `extensions` is a required non-empty
 * string, validated in the order below.
 */
export const AuthorityDecisionV1Schema = z.lazy(() =>
  contractSchema(
    [],
    z.object({
      contract_version: contractVersionField('authority_decision.v1'),
      ...requiredStrings(
        'decision_id',
        'tenant_id',
        'request_id',
        'policy_version',
        'boundary_class',
        'trust_profile',
        'approval_profile',
        'egress_profile',
        'workspace_profile',
        'resource_profile',
        'decision_hash',
      ),
      extensions: optionalMap('extensions'),
    }),
  ),
);

/** A decoded `authority_decision.v1`. */
export type AuthorityDecisionV1 = z.output<typeof AuthorityDecisionV1Schema>;
