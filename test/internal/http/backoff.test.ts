import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/internal/backoff.js';

// The one backoff HTTP retries and SSE reconnects use (src/internal/backoff.ts).
describe('backoffDelay, as HTTP retries and SSE reconnects use it', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000, jitter: false };

  it('doubles per retry up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });

  it('equal jitter stays within [half, whole] of the exponential delay', () => {
    const jittered = { ...policy, jitter: true };
    expect(backoffDelay(3, jittered, () => 0)).toBe(200);
    expect(backoffDelay(3, jittered, () => 0.5)).toBe(300);
    expect(backoffDelay(3, jittered, () => 0.999_999)).toBe(400);
  });
});
