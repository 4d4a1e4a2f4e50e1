import * as z from 'zod/mini';
import {
  copyJsonMap,
  copyJsonValue,
  exactInteger,
  isPlainMap,
  type JsonMap,
  type JsonValue,
  JsonValueError,
} from './json-value.js';
import { renderValue } from './render-value.js';

/** Field schemas carrying the reference's error texts. Call them inside `z.lazy` (see `contract-schema.ts`). */

type Said = { error: (issue: { readonly input?: unknown }) => string };

/** zod error params whose message is built from the offending input. */
export function said(build: (input: unknown) => string): Said {
  return { error: (issue) => build(issue.input) };
}

/** Records a contract issue from inside a transform and returns zod's "no value" marker. */
export function fail(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}

/** `<field> must be a non-empty string, got: …` — booleans and numbers are rejected, not stringified. */
export function nonEmptyString(field: string) {
  return z.transform((value: unknown, ctx): string =>
    typeof value === 'string' && value !== ''
      ? wellFormed(ctx, field, value)
      : fail(ctx, `${field} must be a non-empty string, got: ${renderValue(value)}`),
  );
}

// A lone surrogate cannot reach the reference (its JSON layer refuses it), so none leaves here.
function wellFormed(ctx: z.core.ParsePayload, field: string, value: string): string {
  return value.isWellFormed()
    ? value
    : fail(ctx, `${field} must be well-formed Unicode, got: a string with a lone surrogate`);
}

/** One {@link nonEmptyString} per field, in the given order (spread into a shape). */
export function requiredStrings<const K extends string>(...fields: K[]) {
  return Object.fromEntries(fields.map((field) => [field, nonEmptyString(field)])) as {
    [P in K]: ReturnType<typeof nonEmptyString>;
  };
}

/** An optional non-empty string; missing or `null` becomes `null` (kept as `null` on the wire). */
export function optionalString(field: string) {
  return z.transform((value: unknown, ctx): string | null =>
    value === undefined || value === null
      ? null
      : typeof value === 'string' && value !== ''
        ? wellFormed(ctx, field, value)
        : fail(ctx, `${field} must be a non-empty string, got: ${renderValue(value)}`),
  );
}

/** Any string, the empty one included (`argv` items). */
export function anyString(field: string) {
  return z.transform((value: unknown, ctx): string =>
    typeof value === 'string'
      ? wellFormed(ctx, field, value)
      : fail(ctx, `${field} must be a string, got: ${renderValue(value)}`),
  );
}

/** A boolean (never the strings "true"/"false"); missing or `null` gives `fallback`. */
export function booleanField(field: string, fallback: boolean) {
  return orElse(z.boolean(said((v) => `${field} must be a boolean, got: ${renderValue(v)}`)), () => fallback);
}

/**
 * An integer ≥ 0, as exact as the wire: beyond 2^53 it is a `bigint`. A float literal such as
 * `1.0` or `1e2` (parsed from JSON text) is refused, as the reference refuses floats.
 */
export function nonNegativeInteger(field: string) {
  return z.transform((value: unknown, ctx): number | bigint => {
    if (!isNonNegativeInteger(value)) {
      return fail(ctx, `${field} must be a non-negative integer, got: ${renderValue(value)}`);
    }
    return typeof value === 'bigint' ? exactInteger(value) : value === 0 ? 0 : value;
  });
}

/** An integer ≥ 0 as the reference sees one: a safe-integer number or a bigint, never `1.0`. */
export function isNonNegativeInteger(value: unknown): value is number | bigint {
  return (
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) ||
    (typeof value === 'bigint' && value >= 0n)
  );
}

/** A required JSON map (`<field> must be a map, got: …`), deep-copied. */
export function mapField(field: string) {
  return z.transform((input: unknown, ctx): JsonMap => {
    if (!isPlainMap(input)) return fail(ctx, `${field} must be a map, got: ${renderValue(input)}`);
    return copyOrFail(ctx, () => copyJsonMap(input, field));
  });
}

/** An optional JSON map; missing or `null` becomes `{}`. */
export function optionalMap(field: string) {
  return z.transform((input: unknown, ctx): JsonMap => {
    if (input === undefined || input === null) return {};
    if (!isPlainMap(input)) return fail(ctx, `${field} must be a map, got: ${renderValue(input)}`);
    return copyOrFail(ctx, () => copyJsonMap(input, field));
  });
}

/** Any JSON value (a body, stdin); missing becomes `null`. */
export function jsonField(field: string) {
  return z.transform((input: unknown, ctx): JsonValue => {
    if (input === undefined) return null;
    return copyOrFail(ctx, () => copyJsonValue(input, field));
  });
}

/** A required list whose items pass `item` (`<field> must be a list, got: …`). */
export function listField<T extends z.ZodMiniType>(field: string, item: T) {
  return z.array(
    item,
    said((v) => `${field} must be a list, got: ${renderValue(v)}`),
  );
}

/** An optional list; missing or `null` becomes `[]`. */
export function optionalList<T extends z.ZodMiniType>(field: string, item: T) {
  return orElse(listField(field, item), (): z.output<T>[] => []);
}

/** `schema`, with missing or `null` input replaced by `fallback()` (the reference's `nil → default`). */
export function orElse<S extends z.ZodMiniType, F>(
  schema: S,
  fallback: () => F,
): z.ZodMiniType<NonNullable<z.output<S>> | F, z.input<S> | null | undefined> {
  const inner: z.ZodMiniType = z._default(z.nullable(schema), null);
  // The value is already validated by `schema`; only `null` is replaced.
  return z.pipe(
    inner,
    z.transform((value: unknown) => (value === null ? fallback() : value)),
  ) as z.ZodMiniType<NonNullable<z.output<S>> | F, z.input<S> | null | undefined>;
}

/** A value from a fixed vocabulary, checked after the non-empty-string check. */
export function oneOf<const T extends string>(
  field: string,
  allowed: readonly T[],
  message: (value: string) => string,
) {
  return z.pipe(
    nonEmptyString(field),
    z.transform((value: string, ctx): T => {
      if ((allowed as readonly string[]).includes(value)) return value as T;
      return fail(ctx, message(value));
    }),
  );
}

function copyOrFail<T>(ctx: z.core.ParsePayload, copy: () => T): T {
  try {
    return copy();
  } catch (error) {
    if (error instanceof JsonValueError) return fail(ctx, error.message);
    throw error;
  }
}
