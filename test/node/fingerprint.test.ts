import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/kernel/fingerprint.js';
import { fingerprintSync } from '../../src/node/fingerprint-sync.js';

describe('fingerprintSync', () => {
  it("equals core's fingerprint() for JSON values, multi-byte text included", async () => {
    // Big integers are JSON here (kept exact, as the reference keeps them).
    const hidden = Object.defineProperty({}, 'hidden', { value: 1, enumerable: false });
    const empties = [{}, Object.create(null), hidden, { [Symbol('s')]: 1 }];
    for (const value of [
      ...empties,
      { b: 1, a: [true, null] },
      'héllo ✓',
      42,
      [{ z: 'ü' }],
      18446744073709551616n,
    ]) {
      expect(fingerprintSync(value)).toEqual(await fingerprint(value));
    }
  });

  it('is null for what is not JSON', () => {
    expect(fingerprintSync({ f: () => 1 })).toBeNull();
  });
});
