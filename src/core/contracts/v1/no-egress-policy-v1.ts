import * as z from 'zod/mini';
import { contractSchema, contractVersionField, forbidKeys } from '../primitives/contract-schema.js';
import { fail, listField, mapField, nonEmptyString } from '../primitives/fields.js';
import type { JsonMap } from '../primitives/json-value.js';
import { opaqueRef } from '../primitives/ref-fields.js';
import { renderValue } from '../primitives/render-value.js';
import { ownerRepo } from './owner-repo.js';
import { SEMANTIC_POLICY_KEYS } from './semantic-keys.js';

/** Surfaces a no-egress policy must deny. */
export const DENIED_SURFACES = [
  'external_egress',
  'process_spawn',
  'unregistered_provider_route',
  'raw_external_saas_write_path',
] as const;

/** The negative evidence every policy requires, sorted as stored. */
export const REQUIRED_NEGATIVE_EVIDENCE = [
  'attempted_raw_external_saas_write_path',
  'attempted_unregistered_provider_route',
] as const;

function deniedSurfaces() {
  return z.pipe(
    mapField('denied_surfaces'),
    z.transform((map: JsonMap, ctx): JsonMap => {
      const allowed = DENIED_SURFACES.find((surface) => map[surface] !== 'deny');
      return allowed === undefined ? map : fail(ctx, `denied_surfaces.${allowed} must be deny`);
    }),
  );
}

/**
 * `ExecutionPlane.NoEgressPolicy.v1`: the lower boundary denies external egress, process spawn,
 * unregistered provider routes and raw SaaS write paths, and requires negative evidence for the
 * last two. `required_negative_evidence` is stored deduplicated and sorted.
 */
export const NoEgressPolicyV1Schema = z.lazy(() =>
  contractSchema(
    [
      forbidKeys(SEMANTIC_POLICY_KEYS, 'NoEgressPolicy must not carry provider or model or budget semantics'),
      z.looseObject({ denied_surfaces: deniedSurfaces() }),
    ],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.NoEgressPolicy.v1'),
      policy_ref: opaqueRef('policy_ref'),
      owner_repo: ownerRepo(),
      mode: z.pipe(
        nonEmptyString('mode'),
        z.transform((v: string, ctx): 'deny' =>
          v === 'deny' ? v : fail(ctx, `mode must be deny, got: ${renderValue(v)}`),
        ),
      ),
      enforcement_boundary: nonEmptyString('enforcement_boundary'),
      denied_surfaces: deniedSurfaces(),
      required_negative_evidence: z.pipe(
        listField('required_negative_evidence', nonEmptyString('required_negative_evidence')),
        z.transform((values: string[], ctx): string[] => {
          const stored = [...new Set(values)].sort();
          const expected: readonly string[] = REQUIRED_NEGATIVE_EVIDENCE;
          if (stored.length === expected.length && stored.every((v, i) => v === expected[i])) return stored;
          return fail(
            ctx,
            `required_negative_evidence must be ${JSON.stringify(expected)}, got: ${renderValue(stored)}`,
          );
        }),
      ),
    }),
  ),
);

/** A decoded `ExecutionPlane.NoEgressPolicy.v1`. */
export type NoEgressPolicyV1 = z.output<typeof NoEgressPolicyV1Schema>;

/**
 * The default lower-boundary policy: `no-egress-policy://execution-plane/lower/v1`, mode
 * `deny` at `lower_runtime`, all four surfaces denied, both negative-evidence paths required.
 */
export function defaultLowerBoundaryPolicy(): NoEgressPolicyV1 {
  return {
    contract_version: 'ExecutionPlane.NoEgressPolicy.v1',
    policy_ref: 'no-egress-policy://execution-plane/lower/v1',
    owner_repo: 'execution_plane',
    mode: 'deny',
    enforcement_boundary: 'lower_runtime',
    denied_surfaces: {
      external_egress: 'deny',
      process_spawn: 'deny',
      unregistered_provider_route: 'deny',
      raw_external_saas_write_path: 'deny',
    },
    required_negative_evidence: [...REQUIRED_NEGATIVE_EVIDENCE],
  };
}
