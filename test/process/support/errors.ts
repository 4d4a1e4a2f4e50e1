import { type ExecutionError, isExecutionError } from '../../../src/core/index.js';

/** The ExecutionError `fn` throws synchronously; fails the test if it throws nothing or something else. */
export function thrown(fn: () => unknown): ExecutionError {
  try {
    fn();
  } catch (error) {
    if (isExecutionError(error)) return error;
    throw new Error(`not an ExecutionError: ${String(error)}`);
  }
  throw new Error('did not throw');
}

/** The code of the ExecutionError `fn` throws. */
export function codeOf(fn: () => unknown): string {
  return thrown(fn).code;
}
