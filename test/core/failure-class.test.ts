import { describe, expect, it } from 'vitest';
import {
  createFailure,
  FAILURE_CLASSES,
  failureClassMetadata,
  isFailureClass,
} from '../../src/core/index.js';

describe('failure taxonomy', () => {
  it('freezes the reference order of the 13 classes', () => {
    expect(FAILURE_CLASSES).toEqual([
      'policy_denied',
      'route_unresolved',
      'placement_unavailable',
      'launch_failed',
      'transport_failed',
      'protocol_framing_failed',
      'semantic_runtime_failed',
      'approval_expired',
      'lease_expired',
      'attach_mismatch',
      'remote_disconnect',
      'cancellation',
      'timeout',
    ]);
  });

  it('derives owner, retryable and relevance as the reference does', () => {
    expect(failureClassMetadata('timeout')).toEqual({
      primary_owner: 'execution_plane',
      retryable: true,
      durable_truth_relevance: 'raw_fact_only',
    });
    expect(failureClassMetadata('route_unresolved')).toMatchObject({
      primary_owner: 'spine',
      retryable: true,
    });
    expect(failureClassMetadata('semantic_runtime_failed')).toMatchObject({
      primary_owner: 'family_kit',
      retryable: false,
    });
    expect(failureClassMetadata('remote_disconnect').durable_truth_relevance).toBe('raw_fact_only');
    const retryable = FAILURE_CLASSES.filter((c) => failureClassMetadata(c).retryable);
    expect(retryable).toEqual([
      'route_unresolved',
      'placement_unavailable',
      'launch_failed',
      'transport_failed',
      'lease_expired',
      'remote_disconnect',
      'timeout',
    ]);
  });

  it('recognises only the 13 names', () => {
    expect(isFailureClass('timeout')).toBe(true);
    expect(isFailureClass('Timeout')).toBe(false);
    expect(isFailureClass('toString')).toBe(false);
    expect(isFailureClass(undefined)).toBe(false);
  });

  it('builds failures with derived fields that input cannot override', () => {
    const failure = createFailure({ failure_class: 'policy_denied', reason: 'denied' });
    expect(failure).toEqual({
      failure_class: 'policy_denied',
      code: 'EXECUTION_FAILED',
      primary_owner: 'spine',
      retryable: false,
      durable_truth_relevance: 'durable_truth',
      reason: 'denied',
      details: {},
    });
  });
});
