import * as z from 'zod/mini';
import { boundaryObject, stringList, versionForced } from './boundary-fields.js';

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The attestation classes a request accepts, and their preference order. `priority_order`
 * defaults to `classes`; both are deduplicated (first occurrence kept).
 */
export const AcceptableAttestationSchema = z.lazy(() =>
  z.pipe(
    boundaryObject({
      contract_version: versionForced(),
      classes: stringList('classes'),
      priority_order: z._default(z.nullable(stringList('priority_order')), null),
    }),
    z.transform((value) => ({
      contract_version: value.contract_version,
      classes: unique(value.classes),
      priority_order: unique(value.priority_order ?? value.classes),
    })),
  ),
);

/** A decoded acceptable-attestation set. */
export type AcceptableAttestation = z.output<typeof AcceptableAttestationSchema>;

/**
 * The accepted classes a target attests, in preference order: `priority_order` first; when that
 * yields nothing, `classes`. The first element is the class a node selects.
 *
 * @example
 * intersectAttestation({ classes: ['a', 'b'], priority_order: ['b', 'a'] }, ['a', 'b']); // ['b', 'a']
 */
export function intersectAttestation(
  acceptable: Pick<AcceptableAttestation, 'classes' | 'priority_order'>,
  attested: readonly string[],
): string[] {
  const byPriority = acceptable.priority_order.filter((c) => attested.includes(c));
  return byPriority.length > 0 ? byPriority : acceptable.classes.filter((c) => attested.includes(c));
}

/** True when nothing is acceptable (such a governed request can never match a target). */
export function isAttestationEmpty(acceptable: Pick<AcceptableAttestation, 'classes'>): boolean {
  return acceptable.classes.length === 0;
}
