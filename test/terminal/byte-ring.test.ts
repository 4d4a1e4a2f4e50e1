import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteRing } from '../../src/terminal/byte-ring.js';

describe('ByteRing', () => {
  it('drops whole chunks from the front past capacity and counts the bytes', () => {
    const ring = new ByteRing(10);
    ring.push('abcd');
    ring.push('éé'); // 4 bytes
    ring.push('xyz');
    expect(ring.bytes).toBe(7);
    expect(ring.droppedBytes).toBe(4);
    expect(ring.snapshot()).toBe('ééxyz');
    expect(ring.shift()).toBe('éé');
    expect(ring.bytes).toBe(3);
  });

  it('never holds more than its capacity and keeps the newest text in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 40 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 200 }),
        (chunks, cap) => {
          const ring = new ByteRing(cap);
          for (const chunk of chunks) ring.push(chunk);
          const held = ring.snapshot();
          expect(Buffer.byteLength(held)).toBeLessThanOrEqual(cap);
          expect(chunks.join('').endsWith(held)).toBe(true);
          expect(ring.bytes + ring.droppedBytes).toBe(Buffer.byteLength(chunks.join('')));
        },
      ),
      { numRuns: 200 },
    );
  });
});
