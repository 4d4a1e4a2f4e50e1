import { describe, expect, it } from 'vitest';
import {
  decodeBoundary,
  decodeContract,
  EvidenceSchema,
  encodeContract,
} from '../../../src/core/contracts/index.js';
import { isExecutionError } from '../../../src/core/index.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return 'nothing thrown';
}

const boom = () => {
  throw new Error('trap');
};

// Issue #11 defect 13: a Proxy whose getPrototypeOf trap throws let a raw Error escape.
describe('input that throws while being read is INVALID_CONTRACT', () => {
  const hostile: Array<[string, () => unknown]> = [
    ['getPrototypeOf trap', () => new Proxy({}, { getPrototypeOf: boom })],
    ['get trap', () => new Proxy({ contract_version: 'execution_route.v1' }, { get: boom })],
    ['ownKeys trap', () => new Proxy({ contract_version: 'execution_route.v1' }, { ownKeys: boom })],
    ['has trap', () => new Proxy({}, { has: boom })],
    ['getOwnPropertyDescriptor trap', () => new Proxy({ a: 1 }, { getOwnPropertyDescriptor: boom })],
    [
      'throwing getter',
      () => ({
        get contract_version() {
          return boom();
        },
      }),
    ],
    [
      'revoked proxy',
      () => {
        const p = Proxy.revocable({}, {});
        p.revoke();
        return p.proxy;
      },
    ],
    [
      'nested proxy',
      () => ({ contract_version: 'execution_route.v1', lineage: new Proxy({}, { getPrototypeOf: boom }) }),
    ],
    [
      'trap throwing a non-Error',
      () =>
        new Proxy(
          {},
          {
            getPrototypeOf: () => {
              throw 'str';
            },
          },
        ),
    ],
  ];
  for (const [name, make] of hostile) {
    it(`decodeContract: ${name}`, () => {
      const error = thrown(() => decodeContract(make()));
      expect(isExecutionError(error) && error.code).toBe('INVALID_CONTRACT');
      const tagged = thrown(() => decodeContract(make(), 'execution_route.v1'));
      expect(isExecutionError(tagged) && tagged.code).toBe('INVALID_CONTRACT');
    });
    it(`encodeContract and decodeBoundary: ${name}`, () => {
      const encoded = thrown(() => encodeContract(make() as never));
      expect(isExecutionError(encoded) && encoded.code).toBe('INVALID_CONTRACT');
      // A boundary schema reads only its own keys, so a trap it never touches may let it decode;
      // what it must never do is let the trap's raw error out.
      const boundary = thrown(() => decodeBoundary(EvidenceSchema, make()));
      expect(boundary === 'nothing thrown' || (isExecutionError(boundary) && boundary.code)).toSatisfy(
        (v) => v === true || v === 'INVALID_CONTRACT',
      );
    });
  }
});
