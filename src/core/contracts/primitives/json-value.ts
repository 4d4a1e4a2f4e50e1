import { renderValue } from './render-value.js';

/** Any JSON value: what maps and free-form fields of a contract may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, the type of every map-valued contract field. */
export type JsonMap = { [key: string]: JsonValue };

/**
 * How deep a contract value may nest. Deeper input (or a cycle) is rejected instead of
 * overflowing the stack while it is copied, scanned or encoded.
 */
export const MAX_CONTRACT_DEPTH = 256;

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
 * A deep copy of `value` that is guaranteed to be JSON: plain maps, arrays, strings, finite
 * numbers, booleans and null. `undefined` map entries are dropped (as `JSON.stringify` does);
 * anything else (functions, Dates, bigints, NaN, cycles, nesting past
 * {@link MAX_CONTRACT_DEPTH}) throws a {@link JsonValueError} naming the path. Copying means a
 * decoded contract never aliases its caller's objects.
 */
export function copyJsonValue(value: unknown, path: string, depth = 0): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // -0 has no JSON spelling of its own; normalising it keeps decode(encode(x)) equal to x.
    if (Number.isFinite(value)) return value === 0 ? 0 : value;
    throw new JsonValueError(path, `${path} must be JSON, got: ${renderValue(value)}`);
  }
  if (depth >= MAX_CONTRACT_DEPTH) {
    throw new JsonValueError(path, `${path} nests deeper than ${MAX_CONTRACT_DEPTH} levels`);
  }
  if (Array.isArray(value)) {
    const list: JsonValue[] = [];
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // A hole or undefined in a list has no JSON form that survives a round trip.
      if (item === undefined) throw new JsonValueError(path, `${path} must not hold undefined items`);
      list.push(copyJsonValue(item, path, depth + 1));
    }
    return list;
  }
  if (isPlainMap(value)) return copyJsonMap(value, path, depth);
  throw new JsonValueError(path, `${path} must be JSON, got: ${renderValue(value)}`);
}

/** {@link copyJsonValue} for a map whose type is already checked. */
export function copyJsonMap(value: Record<string, unknown>, path: string, depth = 0): JsonMap {
  const map: JsonMap = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    const copied = copyJsonValue(item, `${path}.${key}`, depth + 1);
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
