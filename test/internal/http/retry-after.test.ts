import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../src/internal/http/retry-after.js';

const from = (headers: Record<string, string>) => (name: string) => headers[name];
const NOW = Date.parse('2026-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads whole seconds', () => {
    expect(parseRetryAfter(from({ 'retry-after': '3' }), NOW)).toBe(3_000);
    expect(parseRetryAfter(from({ 'retry-after': ' 0 ' }), NOW)).toBe(0);
  });

  it('reads an HTTP-date relative to now, never negative', () => {
    expect(parseRetryAfter(from({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), NOW)).toBe(5_000);
    expect(parseRetryAfter(from({ 'retry-after': 'Wed, 31 Dec 2025 23:59:00 GMT' }), NOW)).toBe(0);
  });

  it('prefers retry-after-ms (fractional milliseconds, rounded up)', () => {
    expect(parseRetryAfter(from({ 'retry-after-ms': '12.2', 'retry-after': '9' }), NOW)).toBe(13);
  });

  it('ignores missing and invalid values', () => {
    expect(parseRetryAfter(from({}), NOW)).toBeUndefined();
    expect(parseRetryAfter(from({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(from({ 'retry-after-ms': '-5' }), NOW)).toBeUndefined();
    expect(parseRetryAfter(from({ 'retry-after-ms': 'x', 'retry-after': '2' }), NOW)).toBe(2_000);
  });
});
