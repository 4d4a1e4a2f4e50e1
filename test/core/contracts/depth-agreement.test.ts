import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { isPlainMap, MAX_CONTRACT_DEPTH } from '../../../src/core/contracts/primitives/json-value.js';
import type { AnyContract } from '../../../src/core/contracts/registry.js';

// Decode bounds a free-form map from its own field; encode counts from the contract's root.
// Whatever decode accepts, encode must write (it used to throw for maps 254–256 deep).
const nest = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { d: value };
  return value;
};

const cases = Object.entries(contractFixtures).flatMap(([name, fixture]) =>
  Object.entries(fixture as Record<string, unknown>)
    .filter(([field, value]) => isPlainMap(value) && field !== 'lineage' && acceptsDeepMap(fixture, field))
    .map(([field]) => [name, field, fixture as AnyContract] as const),
);

function acceptsDeepMap(fixture: unknown, field: string): boolean {
  try {
    decodeContract({ ...(fixture as object), [field]: { d: 1 } } as unknown as AnyContract);
    return true;
  } catch {
    return false;
  }
}

describe('nesting: encode accepts what decode accepts', () => {
  it('covers the free-form map fields of at least 11 contracts', () => {
    const tags = new Set(cases.map(([, , fixture]) => fixture.contract_version));
    expect(tags.size).toBeGreaterThanOrEqual(11);
  });

  it.each(cases)('%s.%s nested 254–256 levels decodes, encodes and round-trips', (_name, field, fixture) => {
    for (const levels of [254, 255, MAX_CONTRACT_DEPTH]) {
      const decoded = decodeContract({ ...fixture, [field]: nest(levels) } as AnyContract);
      const json = encodeContract(decoded);
      expect(encodeContract(decodeContract(json))).toBe(json);
    }
  });

  it.each(cases)('%s.%s nested past 256 levels is refused by decode', (_name, field, fixture) => {
    expect(() =>
      decodeContract({ ...fixture, [field]: nest(MAX_CONTRACT_DEPTH + 1) } as AnyContract),
    ).toThrow(/nests deeper than 256 levels/);
  });
});
