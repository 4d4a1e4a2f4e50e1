import { describe, expect, it } from 'vitest';
import { isIso8601 } from '../../../../src/core/contracts/primitives/iso8601.js';

describe('isIso8601', () => {
  it.each([
    '2026-04-10T12:00:00Z',
    '2026-04-10 12:00:00Z',
    '2026-04-10T12:00:00.123456+02:00',
    '2024-02-29T23:59:59-05:30',
    // As Elixir's DateTime.from_iso8601 (recorded from the reference):
    '2026-04-10T12:00:00+0100',
    '2026-04-10T12:00:00+01',
    '2026-04-10T12:00:00,5Z',
    '+2026-04-10T12:00:00Z',
    '-2026-04-10T12:00:00Z',
    '2026-04-10T12:00:00-0000',
    '2026-04-10T12:00:00-00',
  ])('accepts %s', (value) => {
    expect(isIso8601(value)).toBe(true);
  });

  it.each([
    ['a date alone', '2026-04-10'],
    ['no offset', '2026-04-10T12:00:00'],
    ['no seconds', '2026-04-10T12:00Z'],
    ['February 30', '2026-02-30T12:00:00Z'],
    ['February 29 in a common year', '2025-02-29T12:00:00Z'],
    ['hour 24', '2026-04-10T24:00:00Z'],
    ['an offset hour past 23', '2026-04-10T12:00:00+24:00'],
    ['free text', 'tomorrow'],
    ['the "unknown offset" -00:00', '2026-04-10T12:00:00-00:00'],
    ['a lower-case separator', '2026-04-10t12:00:00z'],
    ['a five-digit year', '+12026-04-10T12:00:00Z'],
    ['an empty fraction', '2026-04-10T12:00:00,Z'],
  ])('rejects %s', (_name, value) => {
    expect(isIso8601(value)).toBe(false);
  });
});
