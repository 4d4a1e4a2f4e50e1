import type * as z from 'zod/mini';
import { isExecutionError } from '../../errors.js';
import { canonicalJson } from '../primitives/canonical-json.js';
import { invalidContract } from '../primitives/contract-error.js';
import { MAX_ENCODE_DEPTH } from '../primitives/json-value.js';
import { parseContract, parseContractJson } from '../primitives/parse-contract.js';

/**
 * Decodes a boundary value (integer `contract_version`) from a JSON string or a parsed object
 * through its schema: missing fields get the reference's defaults, unknown keys are dropped, a
 * field of the wrong type throws `INVALID_CONTRACT` naming it.
 *
 * @example
 * const request = decodeBoundary(AdmissionRequestSchema, json);
 */
export function decodeBoundary<T>(schema: z.ZodMiniType<T, unknown>, input: unknown): T {
  try {
    const attrs = typeof input === 'string' ? parseContractJson(input, 'boundary value') : input;
    return parseContract(schema, attrs, 'boundary value');
  } catch (error) {
    // Input that cannot be read (a Proxy whose traps throw) is INVALID_CONTRACT too, never raw.
    if (isExecutionError(error) && error.code === 'INVALID_CONTRACT') throw error;
    const kind = error instanceof Error ? error.name : typeof error;
    throw invalidContract('boundary value', `the input could not be read (${kind} thrown)`, [], error);
  }
}

/**
 * Encodes a boundary value as canonical JSON after decoding it through `schema` (so defaults are
 * filled and the result always decodes back to the same value).
 *
 * @example
 * encodeBoundary(EvidenceSchema, evidence); // '{"attestation_class":null,...}'
 */
export function encodeBoundary<T>(schema: z.ZodMiniType<T, unknown>, value: unknown): string {
  return canonicalJson(decodeBoundary(schema, value), MAX_ENCODE_DEPTH);
}
