import * as z from 'zod/mini';
import { isExecutionError } from '../../errors.js';
import { invalidContract } from './contract-error.js';
import { parseExactJson } from './exact-json.js';

/**
 * Parses `attrs` with a contract schema, or throws `INVALID_CONTRACT` carrying the first issue
 * (the reference's first failing check). Anything else going wrong while reading the input — a
 * throwing getter, a proxy — is reported the same way, so bad input never escapes as another error.
 */
export function parseContract<T>(schema: z.ZodMiniType<T, unknown>, attrs: unknown, contract: string): T {
  try {
    const parsed = z.safeParse(schema, attrs);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw invalidContract(contract, issue?.message ?? 'invalid input', issue?.path);
  } catch (error) {
    if (isExecutionError(error)) throw error;
    throw invalidContract(contract, 'input could not be read', [], error);
  }
}

/**
 * Parses contract JSON with {@link parseExactJson} (big integers exact, `1.0` told apart from `1`,
 * lone surrogates refused), failing as `INVALID_CONTRACT`.
 */
export function parseContractJson(text: string, contract: string): unknown {
  try {
    return parseExactJson(text);
  } catch (error) {
    throw invalidContract(contract, `not valid JSON (${(error as Error).message})`, [], error);
  }
}
