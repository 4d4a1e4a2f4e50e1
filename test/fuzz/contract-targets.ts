import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  AdmissionRequestSchema,
  type AnyContract,
  contractFixtures,
  decodeBoundary,
  decodeContract,
  EvidenceSchema,
  ExecutionRequestSchema,
  encodeBoundary,
  encodeContract,
  ProvenanceSchema,
} from '../../src/core/contracts/index.js';
import { type FuzzTarget, STRICT, type TypedErrors } from './harness.js';

const fixtures = Object.values(contractFixtures) as unknown[];

interface Mutation {
  readonly picks: number[];
  readonly value: unknown;
  readonly remove: boolean;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(null, '', -0, 1e308, 2 ** 53 + 1, Number.NaN, '\ud800', 'x'.repeat(300), [], {}),
  ),
  remove: fc.boolean(),
});

// Applies a mutation at a path chosen by `picks` (each pick indexes the keys at its level).
function mutate(value: unknown, m: Mutation): unknown {
  const root = structuredClone(value);
  let node = root as Record<string, unknown>;
  for (let i = 0; i < m.picks.length; i++) {
    if (typeof node !== 'object' || node === null) break;
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[(m.picks[i] as number) % keys.length] as string;
    const child = node[key];
    if (i === m.picks.length - 1 || typeof child !== 'object' || child === null) {
      if (m.remove) delete node[key];
      else node[key] = m.value;
      break;
    }
    node = child as Record<string, unknown>;
  }
  return root;
}

const inputArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...fixtures), fc.array(mutationArb, { maxLength: 3 }))
      .map(([f, ms]) => ms.reduce(mutate, f)),
  },
  { weight: 1, arbitrary: fc.constantFrom(...fixtures) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);

interface ContractInput {
  readonly input: unknown;
  readonly asJson: boolean;
  readonly truncate: number | undefined;
}

/** decodeContract / encodeContract: typed INVALID_CONTRACT only; what decodes re-encodes canonically and round-trips. */
export function contractCodecTarget(errors: TypedErrors): FuzzTarget<ContractInput> {
  return {
    name: 'contract codec',
    arbitrary: fc.record({
      input: inputArb,
      asJson: fc.boolean(),
      truncate: fc.option(fc.nat(), { nil: undefined }),
    }),
    check: ({ input, asJson, truncate }) => {
      let given: unknown = input;
      if (asJson) {
        const json = JSON.stringify(input) ?? 'undefined';
        given = truncate === undefined ? json : json.slice(0, truncate % (json.length + 1));
      }
      const decoded = errors.capture(() => decodeContract(given));
      if ('error' in decoded) return;
      // A decoded contract always encodes, and decodes back to itself, byte-stable.
      const encoded = encodeContract(decoded.value as AnyContract);
      const again = decodeContract(encoded);
      if (!isDeepStrictEqual(again, decoded.value)) throw new Error('decode(encode(x)) differs from x');
      if (encodeContract(again) !== encoded) throw new Error('encoding is not canonical');
    },
  };
}

const boundarySchemas = [EvidenceSchema, AdmissionRequestSchema, ExecutionRequestSchema, ProvenanceSchema];

/** decodeBoundary / encodeBoundary: typed INVALID_CONTRACT only; encode is stable under decode. */
export function boundaryCodecTarget(
  errors: TypedErrors,
): FuzzTarget<{ schema: number; input: unknown; asJson: boolean }> {
  return {
    name: 'boundary codec',
    arbitrary: fc.record({
      schema: fc.nat(boundarySchemas.length - 1),
      input: fc.oneof(
        fc.dictionary(
          fc.constantFrom(
            'contract_version',
            'evidence_id',
            'request_id',
            'payload',
            'details',
            'lane_id',
            'x',
          ),
          fc.jsonValue({ maxDepth: 2 }),
        ),
        fc.anything({ maxDepth: 2 }),
      ),
      asJson: fc.boolean(),
    }),
    check: ({ schema, input, asJson }) => {
      const s = boundarySchemas[schema] as typeof EvidenceSchema;
      const given = asJson ? (JSON.stringify(input) ?? '') : input;
      const decoded = errors.capture(() => decodeBoundary(s, given));
      if ('error' in decoded) return;
      // Encoding a decoded value may itself fail only typed (today: integers past 2^53, see report).
      const encoded = errors.capture(() => encodeBoundary(s, decoded.value));
      if ('error' in encoded || !STRICT) return;
      if (encodeBoundary(s, decodeBoundary(s, encoded.value)) !== encoded.value) {
        throw new Error('boundary encoding unstable');
      }
    },
  };
}
