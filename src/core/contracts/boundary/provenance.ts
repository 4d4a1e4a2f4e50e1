import * as z from 'zod/mini';
import { optionalMap } from '../primitives/fields.js';
import { boundaryObject, looseString, stringOr, versionAsGiven } from './boundary-fields.js';

/**
 * Where an execution came from: `node_admitted` (governed admission) or
 * `direct_lower_lane_owner` (a standalone lane owner, which skips governance — a self-asserted,
 * trust-based bypass). `kind` is an open string.
 */
export const ProvenanceSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    kind: stringOr('kind', 'node_admitted'),
    owner: looseString('owner'),
    admission_ref: looseString('admission_ref'),
    details: optionalMap('details'),
  }),
);

/** A decoded provenance. */
export type Provenance = z.output<typeof ProvenanceSchema>;

/** A provenance field, defaulting to governed (`node_admitted`) provenance. */
export function provenanceField() {
  return z._default(ProvenanceSchema, () => z.parse(ProvenanceSchema, {}));
}

/** The provenance kind of governed admission. */
export const NODE_ADMITTED = 'node_admitted';

/** The provenance kind of a direct lower-lane owner. */
export const DIRECT_LOWER_LANE_OWNER = 'direct_lower_lane_owner';

/**
 * Governed provenance (`kind: node_admitted`), optionally with an admission ref.
 *
 * @example
 * nodeAdmittedProvenance({ admission_ref: 'adm-1' }).kind; // 'node_admitted'
 */
export function nodeAdmittedProvenance(
  attrs: { readonly admission_ref?: string | null; readonly details?: Record<string, unknown> } = {},
): Provenance {
  return z.parse(ProvenanceSchema, { ...attrs, kind: NODE_ADMITTED });
}

/** Direct lower-lane-owner provenance naming its owner. */
export function directLowerLaneOwnerProvenance(
  owner: string,
  details: Record<string, unknown> = {},
): Provenance {
  return z.parse(ProvenanceSchema, { kind: DIRECT_LOWER_LANE_OWNER, owner, details });
}

/** True for direct lower-lane-owner provenance. */
export function isDirectProvenance(provenance: { readonly kind?: unknown } | null | undefined): boolean {
  return provenance?.kind === DIRECT_LOWER_LANE_OWNER;
}
