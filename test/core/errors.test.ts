import { describe, expect, it } from 'vitest';
import { invalidOptions } from '../../src/core/errors.js';
import { ExecutionError, isExecutionError } from '../../src/core/index.js';

describe('ExecutionError', () => {
  it('keeps code, failure class, details and cause', () => {
    const cause = new Error('socket hang up');
    const error = new ExecutionError('EXECUTION_FAILED', 'boom', {
      failureClass: 'transport_failed',
      details: { attempt: 2 },
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ExecutionError');
    expect(error.code).toBe('EXECUTION_FAILED');
    expect(error.failureClass).toBe('transport_failed');
    expect(error.details).toEqual({ attempt: 2 });
    expect(error.cause).toBe(cause);
  });

  it('is recognised across bundled copies through its Symbol.for brand', () => {
    // A structurally separate copy, as a second bundle of the package would define it.
    const foreign = Object.create(
      Object.defineProperty({}, Symbol.for('execution-plane.error'), { get: () => true }),
    ) as object;
    expect(isExecutionError(foreign)).toBe(true);
    expect(foreign instanceof ExecutionError).toBe(true);
    expect(isExecutionError(new Error('plain'))).toBe(false);
    expect(new Error('plain') instanceof ExecutionError).toBe(false);
    expect(isExecutionError(null)).toBe(false);
  });

  it('keeps ordinary instanceof semantics for subclasses', () => {
    class HttpStatusError extends ExecutionError {}
    const sub = new HttpStatusError('HTTP_STATUS', 'teapot');
    expect(sub instanceof HttpStatusError).toBe(true);
    expect(sub instanceof ExecutionError).toBe(true);
    expect(new ExecutionError('TIMEOUT', 'y') instanceof HttpStatusError).toBe(false);
  });

  it('formats INVALID_OPTIONS naming the option and the value', () => {
    const error = invalidOptions('timeoutMs', 'a positive integer', '-1 (number)', 'run()');
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toBe(
      'Invalid option `timeoutMs` for run(): expected a positive integer, got -1 (number)',
    );
    expect(error.details).toMatchObject({ option: 'timeoutMs' });
  });
});
