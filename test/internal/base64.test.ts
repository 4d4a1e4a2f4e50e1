import { afterEach, describe, expect, it, vi } from 'vitest';
import { fromBase64, toBase64 } from '../../src/internal/base64.js';

const NodeBuffer = Buffer;
// Every byte value, and a length past the 32 KiB slice the btoa path builds its string in.
const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
const expected = Buffer.from(bytes).toString('base64');

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('base64', () => {
  it('matches Buffer on Node, both ways', () => {
    expect(toBase64(bytes)).toBe(expected);
    expect([...fromBase64(expected)]).toEqual([...bytes]);
    expect(toBase64(new Uint8Array())).toBe('');
  });

  it('gives the same without Buffer (browsers, workers: btoa/atob)', async () => {
    vi.stubGlobal('Buffer', undefined);
    vi.resetModules();
    const fallback = await import('../../src/internal/base64.js');
    expect(fallback.toBase64(bytes)).toBe(expected);
    const decoded = fallback.fromBase64(expected);
    expect(decoded).not.toBeInstanceOf(NodeBuffer);
    expect([...decoded]).toEqual([...bytes]);
    // A view into a larger buffer encodes only its own bytes.
    expect(fallback.toBase64(bytes.subarray(1, 4))).toBe(
      NodeBuffer.from(bytes.subarray(1, 4)).toString('base64'),
    );
  });
});
