import * as z from 'zod/mini';
import { stableId } from '../../../internal/ids.js';
import { attrsMap } from '../primitives/contract-schema.js';
import { JsonFloat } from '../primitives/exact-json.js';
import { anyString, fail, nonEmptyString, optionalList, said } from '../primitives/fields.js';
import { copyJsonValue, type JsonValue, JsonValueError } from '../primitives/json-value.js';
import { renderValue } from '../primitives/render-value.js';

/**
 * Field schemas of the boundary values: lenient like the reference (every field has a default,
 * unknown keys are dropped) but typed (a field declared a string holds a string or `null`).
 */

/** A boundary value: a map of attrs, then its fields. */
export function boundaryObject<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.pipe(attrsMap(), z.object(shape));
}

/** `contract_version` as given (the node checks it), 1 when missing. */
export function versionAsGiven() {
  return z.transform((value: unknown, ctx): number | string => {
    if (value === undefined) return 1;
    // `1.0` from JSON text stays visibly a float ("1.0"), so it is never compatible: the
    // reference's `ContractVersion.compatible?/1` refuses a float too.
    if (value instanceof JsonFloat) return renderValue(value);
    if (typeof value === 'number' || typeof value === 'string') return value;
    // An integer past 2^53 is kept as its exact digits, never compatible (the reference's mismatch).
    if (typeof value === 'bigint') return value.toString();
    return fail(ctx, `contract_version must be a number or a string, got: ${renderValue(value)}`);
  });
}

/** `contract_version` reset to 1 whatever the input, as the reference's custom constructors do. */
export function versionForced() {
  return z.transform((): 1 => 1);
}

/** A string or `null` (missing means `null`). */
export function looseString(field: string) {
  return z._default(z.nullable(anyString(field)), null);
}

/** One {@link looseString} per field, in the given order (spread into a shape). */
export function looseStrings<const K extends string>(...fields: K[]) {
  return Object.fromEntries(fields.map((field) => [field, looseString(field)])) as {
    [P in K]: ReturnType<typeof looseString>;
  };
}

/** A string with a default when missing or `null`. */
export function stringOr(field: string, fallback: string) {
  return z.pipe(
    z._default(z.nullable(anyString(field)), null),
    z.transform((value: string | null) => value ?? fallback),
  );
}

/** A list of strings, `[]` when missing or `null` (no number or boolean is stringified). */
export function stringList(field: string) {
  return optionalList(field, anyString(`${field} item`));
}

/** A list of JSON values, `[]` when missing or `null`. */
export function jsonList(field: string) {
  return optionalList(field, json(field, null));
}

/** Any JSON value; `fallback` when missing. */
export function json(field: string, fallback: JsonValue) {
  return z.transform((input: unknown, ctx): JsonValue => {
    if (input === undefined) return structuredClone(fallback);
    try {
      return copyJsonValue(input, field);
    } catch (error) {
      if (error instanceof JsonValueError) return fail(ctx, error.message);
      throw error;
    }
  });
}

/** A boolean, `fallback` when missing or `null`. */
export function flag(field: string, fallback: boolean) {
  return z.pipe(
    z._default(
      z.nullable(z.boolean(said((v) => `${field} must be a boolean, got: ${renderValue(v)}`))),
      null,
    ),
    z.transform((value: boolean | null) => value ?? fallback),
  );
}

/** A nested boundary value, or `null`. */
export function nestedOrNull<S extends z.ZodMiniType>(schema: S) {
  return z._default(z.nullable(schema), null);
}

/** A boundary id that is minted as `<prefix>-<ms>-<n>` when missing. */
export function mintedId(field: string, prefix: string) {
  return z.pipe(
    z._default(z.nullable(nonEmptyString(field)), null),
    z.transform((id: string | null) => id ?? stableId(prefix)),
  );
}
