import { describe, expect, it } from 'vitest';
import { AdmissionRequestSchema } from '../../../../src/core/contracts/boundary/admission-request.js';
import { decodeBoundary } from '../../../../src/core/contracts/boundary/boundary-codec.js';
import { isContractVersionCompatible } from '../../../../src/core/contracts/boundary/contract-version.js';
import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { JsonFloat, parseExactJson } from '../../../../src/core/contracts/primitives/exact-json.js';
import { compareUtf8 } from '../../../../src/core/contracts/primitives/utf8-order.js';

describe('parseExactJson', () => {
  it('reads what JSON.parse reads, with integers past 2^53 exact and integral floats marked', () => {
    const text =
      ' {"a":[1,-2.5,1e2,"x\\u00e9\\ud83d\\ude00\\n",true,null,{}],"b":18446744073709551616,"c":-0} ';
    expect(parseExactJson(text)).toEqual({
      a: [1, -2.5, new JsonFloat(100), 'xé😀\n', true, null, {}],
      b: 18446744073709551616n,
      c: -0,
    });
  });

  it('keeps a "__proto__" key as an own property', () => {
    const parsed = parseExactJson('{"__proto__":{"x":1}}') as Record<string, unknown>;
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it.each([
    '"\\ud800"',
    '"a\\udc00"',
    '1e400',
    '[1,]',
    '{"a":1,}',
    '01',
    '-',
    '"a',
    'tru',
    '1 2',
    '"\t"',
    '"\\x"',
  ])('refuses %s', (text) => expect(() => parseExactJson(text)).toThrow());
});

describe('numbers on the wire', () => {
  const budget = () => contractFixtures.workerBudget as unknown as Record<string, unknown>;
  const json = (value: Record<string, unknown>, field: string, raw: string) =>
    JSON.stringify({ ...value, [field]: 0 }).replace(`"${field}":0`, `"${field}":${raw}`);

  it('keeps an integer past 2^53 exact in an integer field and in a free-form map', () => {
    const decoded = decodeContract(
      json(budget(), 'current_load', '18446744073709551616'),
      'ExecutionPlane.WorkerBudget.v1',
    );
    expect(decoded.current_load).toBe(18446744073709551616n);
    expect(encodeContract(decoded)).toContain('"current_load":18446744073709551616');
    const decision = contractFixtures.authorityDecision as unknown as Record<string, unknown>;
    const text = json(decision, 'extensions', '{"n":18446744073709551616,"m":-9007199254740993}');
    expect(encodeContract(decodeContract(text, 'authority_decision.v1'))).toContain(
      '"extensions":{"m":-9007199254740993,"n":18446744073709551616}',
    );
  });

  it.each(['1.0', '1e2', '0.0'])('refuses %s in an integer field, as the reference does', (raw) => {
    expect(() =>
      decodeContract(json(budget(), 'current_load', raw), 'ExecutionPlane.WorkerBudget.v1'),
    ).toThrow(`current_load must be a non-negative integer, got: ${raw === '1e2' ? '100.0' : raw}`);
  });

  it('refuses a lone surrogate in JSON text and in a parsed value', () => {
    const decision = contractFixtures.authorityDecision;
    expect(() => decodeContract(JSON.stringify(decision).replace('"decision-1"', '"\\ud800"'))).toThrow(
      /lone surrogate/,
    );
    expect(() => decodeContract({ ...decision, decision_id: '\ud800' })).toThrow(/lone surrogate/);
    expect(() => decodeContract({ ...decision, extensions: { '\udc00': 1 } })).toThrow(/lone surrogate/);
  });
});

describe('compareUtf8', () => {
  it('orders by code point (UTF-8 bytes), not UTF-16 units', () => {
    expect(['😀', '！', 'a'].sort(compareUtf8)).toEqual(['a', '！', '😀']);
    expect(['😀', '！'].sort()).toEqual(['😀', '！']);
    expect(['ab', 'a', '𝒜', 'ﬀ'].sort(compareUtf8)).toEqual(['a', 'ab', 'ﬀ', '𝒜']);
  });
});

describe('a boundary contract_version read from JSON text', () => {
  it('keeps 1.0 visibly a float, so it is never compatible', () => {
    const request = decodeBoundary(AdmissionRequestSchema, '{"lane_id":"x","contract_version":1.0}');
    expect(request.contract_version).toBe('1.0');
    expect(isContractVersionCompatible(request.contract_version)).toBe(false);
    expect(
      decodeBoundary(AdmissionRequestSchema, '{"lane_id":"x","contract_version":1}').contract_version,
    ).toBe(1);
  });
});
