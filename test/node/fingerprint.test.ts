import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/core/kernel/fingerprint.js';
import { fingerprintSync } from '../../src/node/fingerprint-sync.js';

describe('fingerprintSync', () => {
  it("equals core's fingerprint() for JSON values, multi-byte text included", async () => {
    for (const value of [{}, { b: 1, a: [true, null] }, 'héllo ✓', 42, [{ z: 'ü' }]]) {
      expect(fingerprintSync(value)).toEqual(await fingerprint(value));
    }
  });

  it('is null for what is not JSON', () => {
    expect(fingerprintSync({ f: () => 1 })).toBeNull();
    expect(fingerprintSync(10n)).toBeNull();
  });
});
