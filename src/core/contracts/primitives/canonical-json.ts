import { ExecutionError } from '../../errors.js';
import { copyJsonValue, isPlainMap, JsonValueError } from './json-value.js';

/**
 * Canonical JSON: map keys sorted recursively (by UTF-16 code units, the order RFC 8785 uses),
 * no whitespace, scalars as `JSON.stringify` writes them, `undefined` map entries left out. Equal
 * values give equal bytes, so the output can be hashed and compared.
 *
 * Throws `INVALID_CONTRACT` for anything that is not JSON (functions, bigints, NaN, Dates, cycles).
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }); // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  let json: unknown;
  try {
    json = copyJsonValue(value, 'value');
  } catch (error) {
    if (!(error instanceof JsonValueError)) throw error;
    throw new ExecutionError('INVALID_CONTRACT', `Invalid contract value: ${error.message}`, {
      details: { reason: error.message, path: error.path },
    });
  }
  // fromEntries defines own properties, so a "__proto__" key survives the re-ordering.
  return JSON.stringify(json, (_key, item: unknown) =>
    isPlainMap(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}
