import { expect } from 'vitest';
import { type ExecutionError, isExecutionError } from '../../../../src/core/index.js';

/** Runs `fn` and returns the `INVALID_CONTRACT` error it throws; fails on anything else. */
export function invalidContractError(fn: () => unknown): ExecutionError {
  try {
    fn();
  } catch (error) {
    if (isExecutionError(error) && error.code === 'INVALID_CONTRACT') return error;
    throw error;
  }
  throw new Error('expected an INVALID_CONTRACT error, but nothing was thrown');
}

/** Asserts `fn` throws `INVALID_CONTRACT` whose message contains every fragment (case-insensitive). */
export function expectInvalid(fn: () => unknown, ...fragments: string[]): ExecutionError {
  const error = invalidContractError(fn);
  for (const fragment of fragments) expect(error.message.toLowerCase()).toContain(fragment.toLowerCase());
  return error;
}
