import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import {
  fail,
  isNonNegativeInteger,
  listField,
  mapField,
  nonEmptyString,
  oneOf,
  requiredStrings,
} from '../primitives/fields.js';
import { isPlainMap } from '../primitives/json-value.js';
import { lineageField, matchLineage, ROUTE_LINEAGE_KEYS } from '../primitives/lineage.js';
import { renderValue } from '../primitives/render-value.js';
import { compareUtf8 } from '../primitives/utf8-order.js';

/** Side-effect policies a simulation runs under. */
export const SIDE_EFFECT_POLICIES = ['deny_external_egress', 'deny_process_spawn'] as const;

/** What happened to the side effect: never tried, or stopped before dispatch. */
export const SIDE_EFFECT_RESULTS = ['not_attempted', 'blocked_before_dispatch'] as const;

// Keys that would mean raw input or output travelled inside a fingerprint.
const RAW_FINGERPRINT_KEYS = [
  'body',
  'raw_body',
  'payload',
  'prompt',
  'input',
  'stdin',
  'stdout',
  'stderr',
  'headers',
];

/** UTF-8 byte length of a string (the reference measures `sha256:` hashes in bytes). */
export function utf8Length(value: string): number {
  return new TextEncoder().encode(value).length;
}

function fingerprint(field: string) {
  // Checked on the input before copying: a copy would turn a `1.0` byte_size into `1`.
  return z.pipe(
    z.transform((input: unknown, ctx): unknown => {
      if (!isPlainMap(input)) return input;
      const raw = RAW_FINGERPRINT_KEYS.find((key) => Object.hasOwn(input, key));
      if (raw !== undefined) return fail(ctx, `${field} must not carry raw ${raw}`);
      const { sha256, byte_size } = input;
      const ok =
        typeof sha256 === 'string' &&
        sha256.startsWith('sha256:') &&
        utf8Length(sha256.slice(7)) === 64 &&
        isNonNegativeInteger(byte_size);
      return ok ? input : fail(ctx, `${field} must include sha256 and non-negative byte_size`);
    }),
    mapField(field),
  );
}

function supported<const T extends string>(field: string, allowed: readonly T[]) {
  return oneOf(field, allowed, (v) => `${field} is not supported: ${renderValue(v)}`);
}

/**
 * `ExecutionPlane.LowerSimulationEvidence.v1`: bounded proof that a simulated scenario produced
 * an outcome without side effects. It holds sha256 fingerprints, byte sizes and the sorted keys
 * of the raw payload — never raw input or output.
 */
export const LowerSimulationEvidenceV1Schema = z.lazy(() =>
  contractSchema(
    [
      z
        .looseObject({
          ...requiredStrings('route_id', 'outcome_family', 'family'),
          lineage: lineageField(ROUTE_LINEAGE_KEYS),
        })
        .check(
          matchLineage('route_id', 'route_id'),
          z.superRefine((attrs, ctx) => {
            if (attrs.family === attrs.outcome_family) return;
            ctx.issues.push({
              code: 'custom',
              message: `family must match outcome_family, got: ${renderValue(attrs.family)} and ${renderValue(attrs.outcome_family)}`,
              input: attrs.family,
              path: ['family'],
            });
          }),
        ),
    ],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.LowerSimulationEvidence.v1'),
      ...requiredStrings('scenario_ref', 'route_id', 'family', 'protocol'),
      side_effect_policy: supported('side_effect_policy', SIDE_EFFECT_POLICIES),
      side_effect_result: supported('side_effect_result', SIDE_EFFECT_RESULTS),
      ...requiredStrings('outcome_contract_version', 'outcome_status', 'outcome_family'),
      input_fingerprint: fingerprint('input_fingerprint'),
      output_fingerprint: fingerprint('output_fingerprint'),
      raw_payload_shape: z.pipe(
        listField('raw_payload_shape', nonEmptyString('raw_payload_shape')),
        z.transform((shape: string[]) => [...shape].sort(compareUtf8)),
      ),
      lineage: lineageField(ROUTE_LINEAGE_KEYS),
    }),
  ),
);

/** A decoded `ExecutionPlane.LowerSimulationEvidence.v1`. */
export type LowerSimulationEvidenceV1 = z.output<typeof LowerSimulationEvidenceV1Schema>;
