import type * as z from 'zod/mini';
import { isExecutionError } from '../errors.js';
import { canonicalJson } from './primitives/canonical-json.js';
import { invalidContract } from './primitives/contract-error.js';
import { isPlainMap, MAX_ENCODE_DEPTH } from './primitives/json-value.js';
import { parseContract, parseContractJson } from './primitives/parse-contract.js';
import { renderValue } from './primitives/render-value.js';
import {
  type AnyContract,
  CONTRACT_SCHEMAS,
  type ContractTypes,
  type DecodableTag,
  isDecodableTag,
} from './registry.js';

/**
 * Decodes a contract from a JSON string or a parsed object: dispatches on its string
 * `contract_version` tag (or on `tag` when given, in which case the input may omit it), validates
 * in the reference's order, and returns the typed value with defaults filled in.
 *
 * Bad input of any kind — malformed JSON, a non-object, an unknown tag, a failing field — throws
 * an `ExecutionError` with code `INVALID_CONTRACT` whose message names the first failing field;
 * nothing else is ever thrown.
 *
 * @example
 * const route = decodeContract(json, 'execution_route.v1');
 * route.lineage.trace_id; // string
 */
export function decodeContract(input: unknown): AnyContract;
export function decodeContract<T extends DecodableTag>(input: unknown, tag: T): ContractTypes[T];
export function decodeContract(input: unknown, tag?: DecodableTag): AnyContract {
  try {
    return decodeUnguarded(input, tag);
  } catch (error) {
    throw asContractError(error, tag ?? 'contract');
  }
}

/**
 * Anything but an `INVALID_CONTRACT` becomes one: input that cannot even be read (a Proxy whose
 * traps throw, a getter that throws) must not let a raw error escape. The input is not rendered
 * (reading it is what failed); the original error is the `cause`.
 */
function asContractError(error: unknown, contract: string): unknown {
  if (isExecutionError(error) && error.code === 'INVALID_CONTRACT') return error;
  const kind = error instanceof Error ? error.name : typeof error;
  return invalidContract(
    contract,
    `the input could not be read (${kind} thrown while reading it)`,
    [],
    error,
  );
}

function decodeUnguarded(input: unknown, tag?: DecodableTag): AnyContract {
  if (tag !== undefined && !isDecodableTag(tag)) {
    throw invalidContract('contract', `unknown contract_version ${renderValue(tag)}`, ['contract_version']);
  }
  const attrs = typeof input === 'string' ? parseContractJson(input, tag ?? 'contract') : input;
  const resolved = tag ?? tagOf(attrs);
  return parseContract(CONTRACT_SCHEMAS[resolved] as z.ZodMiniType<AnyContract, unknown>, attrs, resolved);
}

/**
 * Encodes a contract as canonical JSON (keys sorted recursively), after validating it through
 * its tag's schema: a hand-built value gets its defaults, an invalid one throws
 * `INVALID_CONTRACT`. Equal contracts encode to equal bytes, and
 * `decodeContract(encodeContract(x))` deep-equals `x`.
 *
 * @example
 * encodeContract(contractFixtures.executionRoute); // '{"contract_version":"execution_route.v1",...}'
 */
export function encodeContract(value: AnyContract): string {
  // decodeContract bounds each free-form value from its own field, so the writer counts from the
  // root with room for the contract's own levels: both accept the same values.
  return canonicalJson(decodeContract(value), MAX_ENCODE_DEPTH);
}

function tagOf(attrs: unknown): DecodableTag {
  if (!isPlainMap(attrs))
    throw invalidContract('contract', `expected a map of attrs, got: ${renderValue(attrs)}`);
  const tag = attrs.contract_version;
  if (isDecodableTag(tag)) return tag;
  if (typeof tag === 'number') {
    throw invalidContract(
      'contract',
      `contract_version ${tag} is a boundary value version; decode it with decodeBoundary(schema, input)`,
      ['contract_version'],
    );
  }
  throw invalidContract('contract', `unknown contract_version ${renderValue(tag)}`, ['contract_version']);
}
