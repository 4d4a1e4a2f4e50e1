import { ExecutionError } from '../../errors.js';
import { copyJsonValue, type JsonValue, JsonValueError, MAX_CONTRACT_DEPTH } from './json-value.js';

/**
 * Canonical JSON: map keys sorted recursively (by UTF-16 code units, the order RFC 8785 uses),
 * no whitespace, strings and numbers as `JSON.stringify` writes them, bigints as their exact
 * digits, `undefined` map entries left out. Equal values give equal bytes, so the output can be
 * hashed and compared. `maxDepth` bounds nesting from `value` itself.
 *
 * Throws `INVALID_CONTRACT` for anything that is not JSON (functions, NaN, Dates, cycles, lone
 * surrogates, nesting past `maxDepth`).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 * canonicalJson({ n: 18446744073709551616n }); // '{"n":18446744073709551616}'
 */
export function canonicalJson(value: unknown, maxDepth = MAX_CONTRACT_DEPTH): string {
  let json: JsonValue;
  try {
    json = copyJsonValue(value, 'value', 0, maxDepth);
  } catch (error) {
    if (!(error instanceof JsonValueError)) throw error;
    throw new ExecutionError('INVALID_CONTRACT', `Invalid contract value: ${error.message}`, {
      details: { reason: error.message, path: error.path },
    });
  }
  return write(json);
}

function write(value: JsonValue): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(value[key] as JsonValue)}`).join(',')}}`;
}
