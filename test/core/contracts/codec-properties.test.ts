import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContract, encodeContract } from '../../../src/core/contracts/codec.js';
import {
  type ContractFixtureName,
  contractFixtures,
} from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import { isIso8601 } from '../../../src/core/contracts/primitives/iso8601.js';
import { isOpaqueHandleRef } from '../../../src/core/contracts/primitives/opaque-ref.js';
import { CONTRACT_VERSIONS } from '../../../src/core/contracts/primitives/version-tags.js';
import type { AnyContract } from '../../../src/core/contracts/registry.js';
import { isExecutionError } from '../../../src/core/index.js';
import { VALID_CONTRACTS } from './helpers/arbitraries.js';
import { invalidContractError } from './helpers/expect-invalid.js';

const RUNS = { numRuns: 60 };
const TAGS = Object.values(CONTRACT_VERSIONS);
const FIXTURES = Object.keys(Object.getOwnPropertyDescriptors(contractFixtures)) as ContractFixtureName[];

// Reverses key order at every level: equal values, different construction.
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((key) => [key, reversed((value as Record<string, unknown>)[key])]),
  );
}

/** Decoding may succeed or fail, but a failure is always INVALID_CONTRACT. */
function onlyInvalidContract(decode: () => unknown): void {
  try {
    decode();
  } catch (error) {
    expect(isExecutionError(error) && error.code).toBe('INVALID_CONTRACT');
  }
}

describe('codec properties', () => {
  it.each(Object.keys(VALID_CONTRACTS))(
    '%s: decode(encode(x)) equals x and encoding is deterministic',
    (name) => {
      fc.assert(
        fc.property(VALID_CONTRACTS[name] as fc.Arbitrary<object>, (attrs) => {
          const value = decodeContract(attrs);
          const encoded = encodeContract(value);
          expect(decodeContract(encoded)).toEqual(value);
          expect(encodeContract(decodeContract(encoded))).toBe(encoded);
          expect(encodeContract(reversed(value) as AnyContract)).toBe(encoded);
        }),
        RUNS,
      );
    },
  );

  it('turns any input whatsoever into a value or INVALID_CONTRACT, with or without a tag', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(...TAGS), (input, tag) => {
        onlyInvalidContract(() => decodeContract(input));
        onlyInvalidContract(() => decodeContract(input, tag));
      }),
      { numRuns: 300 },
    );
  });

  it('turns arbitrary text into INVALID_CONTRACT', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        invalidContractError(() => decodeContract(text));
      }),
      { numRuns: 200 },
    );
  });

  it('survives any single field of any fixture being replaced or removed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FIXTURES),
        fc.nat(),
        fc.option(fc.anything()),
        (name, index, replacement) => {
          const fixture = contractFixtures[name] as Record<string, unknown>;
          const keys = Object.keys(fixture);
          const key = keys[index % keys.length] as string;
          const broken = { ...fixture };
          if (replacement === null) delete broken[key];
          else broken[key] = replacement;
          onlyInvalidContract(() => decodeContract(broken, fixture.contract_version as 'execution_route.v1'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rejects a wrong type in any required string field of a route, naming the field', () => {
    const wrong = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(''),
      fc.array(fc.string()),
      fc.object(),
    );
    const fields = ['route_id', 'family', 'protocol', 'transport_family', 'placement_family'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), wrong, (field, value) => {
        const error = invalidContractError(() =>
          decodeContract({ ...contractFixtures.executionRoute, [field]: value }),
        );
        expect(error.message).toContain(`${field} must be a non-empty string`);
      }),
      RUNS,
    );
  });

  it('rejects raw secrets in credential fields without echoing them', () => {
    const secret = fc
      .string({ minLength: 6, maxLength: 40 })
      .filter((s) => !isOpaqueHandleRef(s) && s.trim().length > 5);
    fc.assert(
      fc.property(secret, (raw) => {
        const envelope = {
          ...contractFixtures.executionIntentEnvelope,
          credential_handle_refs: ['cred://ok', raw],
        };
        const a = invalidContractError(() => decodeContract(envelope));
        expect(a.message).toContain('credential_handle_ref must be an opaque handle ref');
        expect(a.message).not.toContain(raw);
        const b = invalidContractError(() =>
          decodeContract({ ...contractFixtures.credentialHandleRef, handle_ref: raw }),
        );
        expect(b.message).not.toContain(raw);
      }),
      RUNS,
    );
  });

  it('rejects timestamps that are not ISO-8601 with an offset', () => {
    const bad = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 19)),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(
        bad.filter((s) => !isIso8601(s)),
        (value) => {
          const error = invalidContractError(() =>
            decodeContract({ ...contractFixtures.executionEvent, timestamp: value }),
          );
          expect(error.message).toContain('timestamp must be ISO8601');
        },
      ),
      RUNS,
    );
  });
});
