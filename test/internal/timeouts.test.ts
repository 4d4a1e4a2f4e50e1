import { describe, expect, it } from 'vitest';
import { smallestTimeout } from '../../src/internal/timeouts.js';

describe('smallestTimeout', () => {
  it('takes the smallest positive finite candidate', () => {
    expect(smallestTimeout(1_500, 750, undefined)).toBe(750);
    expect(smallestTimeout(null, 900)).toBe(900);
  });

  it('ignores zero, negatives, NaN and infinity', () => {
    expect(smallestTimeout(0, -5, Number.NaN, Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it('keeps an explicit null (off) when no number is given, else undefined', () => {
    expect(smallestTimeout(undefined, null)).toBeNull();
    expect(smallestTimeout(undefined)).toBeUndefined();
    expect(smallestTimeout()).toBeUndefined();
  });
});
