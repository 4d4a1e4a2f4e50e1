import { JsonFloat } from './exact-json.js';
import { renderValue } from './render-value.js';

/**
 * Any JSON value: what maps and free-form fields of a contract may hold. An integer beyond
 * ±2^53 is a `bigint`, so it survives decode and encode exactly, as it does in the reference.
 */
export type JsonValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object, the type of every map-valued contract field. */
export type JsonMap = { [key: string]: JsonValue };

/**
 * How deep a contract value may nest. Deeper input (or a cycle) is rejected instead of
 * overflowing the stack while it is copied, scanned or encoded.
 */
export const MAX_CONTRACT_DEPTH = 256;

/**
 * How deep an encoder lets a whole contract nest: {@link MAX_CONTRACT_DEPTH} counted from a
 * free-form field, plus the contract's own levels above that field (at most 4 today: route →
 * resolved_target → lower_simulation → raw_payload), with room to spare. Decode counts from the
 * field, encode from the root; this keeps them agreeing.
 */
export const MAX_ENCODE_DEPTH = MAX_CONTRACT_DEPTH + 16;

/** Thrown by {@link copyJsonValue}; the field helpers turn it into a contract issue. */
export class JsonValueError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.path = path;
  }
}

/** True for a plain object (a JSON map), false for arrays, null, class instances and Dates. */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of `value` that is guaranteed to be JSON: plain maps, arrays, well-formed strings,
 * finite numbers, bigints, booleans and null. Integers within ±2^53 are numbers and beyond it
 * bigints, whichever way they came in; a {@link JsonFloat} becomes its number. `undefined` map entries are dropped (as `JSON.stringify` does);
 * anything else (functions, Dates, NaN, lone surrogates, cycles, nesting past `maxDepth`) throws
 * a {@link JsonValueError} naming the path. Copying means a decoded contract never aliases its
 * caller's objects.
 */
export function copyJsonValue(
  value: unknown,
  path: string,
  depth = 0,
  maxDepth = MAX_CONTRACT_DEPTH,
): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return wellFormed(value, path);
  if (value instanceof JsonFloat) value = value.value;
  if (typeof value === 'number') {
    // -0 has no JSON spelling of its own; normalising it keeps decode(encode(x)) equal to x.
    if (!Number.isFinite(value))
      throw new JsonValueError(path, `${path} must be JSON, got: ${renderValue(value)}`);
    // An integer past ±2^53 is read back from JSON as a bigint; making it one now keeps
    // decode(encode(x)) equal to decode(x).
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value);
    return value === 0 ? 0 : value;
  }
  if (typeof value === 'bigint') return exactInteger(value);
  if (depth >= maxDepth) {
    throw new JsonValueError(path, `${path} nests deeper than ${MAX_CONTRACT_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    const list: JsonValue[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // A hole or undefined in a list has no JSON form that survives a round trip.
      if (item === undefined) throw new JsonValueError(path, `${path} must not hold undefined items`);
      list.push(copyJsonValue(item, path, depth + 1, maxDepth));
    }
    return list;
  }
  if (isPlainMap(value)) return copyJsonMap(value, path, depth, maxDepth);
  throw new JsonValueError(path, `${path} must be JSON, got: ${renderValue(value)}`);
}

/** {@link copyJsonValue} for a map whose type is already checked. */
export function copyJsonMap(
  value: Record<string, unknown>,
  path: string,
  depth = 0,
  maxDepth = MAX_CONTRACT_DEPTH,
): JsonMap {
  const map: JsonMap = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    wellFormed(key, path);
    const copied = copyJsonValue(item, `${path}.${key}`, depth + 1, maxDepth);
    // A JSON "__proto__" key is an own property; plain assignment would set the prototype instead.
    if (key === '__proto__') {
      Object.defineProperty(map, key, {
        value: copied,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else map[key] = copied;
  }
  return map;
}

/** A bigint as the wire keeps it: a number when it fits a double exactly, else the bigint. */
export function exactInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

// The reference's JSON layer refuses a lone surrogate; no JSON text can carry one to it.
function wellFormed(value: string, path: string): string {
  if (value.isWellFormed()) return value;
  throw new JsonValueError(path, `${path} must be well-formed Unicode, got: a string with a lone surrogate`);
}
