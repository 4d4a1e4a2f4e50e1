import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../src/core/contracts/primitives/canonical-json.js';
import { isExecutionError } from '../../../../src/core/index.js';

describe('canonicalJson', () => {
  it('sorts keys recursively and keeps list order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives equal bytes for equal values built in different key orders', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: 'v' } })).toBe(
      canonicalJson({ y: { q: 'v', p: true }, x: 1 }),
    );
  });

  it('orders keys by UTF-16 code units', () => {
    expect(canonicalJson({ b: 1, B: 2, é: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"é":3}');
  });

  it('drops undefined map entries and keeps an own "__proto__" key', () => {
    const value = JSON.parse('{"__proto__":{"x":1},"a":2}');
    expect(canonicalJson({ ...value, gone: undefined })).toBe('{"__proto__":{"x":1},"a":2}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['a function', { f: () => 1 }],
    ['a lone surrogate', { s: '\ud800' }],
    ['a Date', { at: new Date(0) }],
    ['undefined in a list', [undefined]],
  ])('rejects %s as INVALID_CONTRACT', (_name, value) => {
    let caught: unknown;
    try {
      canonicalJson(value);
    } catch (error) {
      caught = error;
    }
    expect(isExecutionError(caught) && caught.code).toBe('INVALID_CONTRACT');
  });

  it('writes integers past 2^53 with their exact digits, and small bigints as numbers', () => {
    expect(canonicalJson({ n: 18446744073709551616n, m: -(2n ** 64n), s: 5n, d: 2 ** 60 })).toBe(
      '{"d":1152921504606846976,"m":-18446744073709551616,"n":18446744073709551616,"s":5}',
    );
  });

  it('rejects a cycle instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/nests deeper than 256 levels/);
  });
});
