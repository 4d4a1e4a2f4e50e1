import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/internal/utf8.js';

describe('decodeUtf8', () => {
  it('keeps a leading BOM the same way for a Buffer and a plain Uint8Array', () => {
    const bytes = [0xef, 0xbb, 0xbf, 0x68, 0x69];
    expect(decodeUtf8(new Uint8Array(bytes))).toBe('\ufeffhi');
    expect(decodeUtf8(Buffer.from(bytes))).toBe('\ufeffhi');
  });
});
