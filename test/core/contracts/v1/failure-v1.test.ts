import { describe, expect, it } from 'vitest';
import { createFailureV1, toFailureV1 } from '../../../../src/core/contracts/v1/failure-v1.js';
import { createFailure, FAILURE_CLASSES } from '../../../../src/core/index.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

describe('FailureV1', () => {
  it('keeps the 13 classes frozen in the reference order', () => {
    expect(FAILURE_CLASSES).toHaveLength(13);
    expect(FAILURE_CLASSES[0]).toBe('policy_denied');
    expect(FAILURE_CLASSES[12]).toBe('timeout');
  });

  it('derives owner, `retryable?` and relevance from the class, ignoring input values', () => {
    const failure = createFailureV1({
      failure_class: 'launch_failed',
      reason: 'spawn failed',
      primary_owner: 'spine',
      'retryable?': false,
    });
    expect(failure).toEqual({
      failure_class: 'launch_failed',
      primary_owner: 'execution_plane',
      'retryable?': true,
      durable_truth_relevance: 'durable_truth',
      reason: 'spawn failed',
      details: {},
    });
  });

  it('converts an execution-model failure to the wire key `retryable?`', () => {
    const wire = toFailureV1(createFailure({ failure_class: 'timeout', reason: 'timed out after 5 ms' }));
    expect(wire).toMatchObject({ 'retryable?': true, durable_truth_relevance: 'raw_fact_only' });
    expect(wire).not.toHaveProperty('retryable');
  });

  it('rejects an unknown or missing class', () => {
    expectInvalid(() => createFailureV1({ failure_class: 'exploded' }), 'unknown failure_class: "exploded"');
    expectInvalid(() => createFailureV1({}), 'unknown failure_class: null');
    expectInvalid(
      () => createFailureV1({ failure_class: 'timeout', reason: '' }),
      'reason must be a non-empty string',
    );
  });
});
