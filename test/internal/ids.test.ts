import { describe, expect, it } from 'vitest';
import { stableId, unguessableId } from '../../src/internal/ids.js';

describe('ids', () => {
  it('unguessableId: prefix, unix ms, 32 lowercase hex digits; 2 000 draws, no repeat, every digit used', () => {
    const ids = Array.from({ length: 2_000 }, () => unguessableId('exec'));
    for (const id of ids) expect(id).toMatch(/^exec-\d{13}-[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const digits = new Set(ids.flatMap((id) => [...(id.split('-')[2] as string)]));
    expect(digits.size).toBe(16);
  });

  it('stableId: prefix, unix ms and a counter that grows', () => {
    const [a, b] = [stableId('ev'), stableId('ev')];
    expect(a).toMatch(/^ev-\d{13}-\d+$/);
    expect(Number(b.split('-')[2])).toBe(Number(a.split('-')[2]) + 1);
  });
});
