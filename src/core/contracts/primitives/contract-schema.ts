import * as z from 'zod/mini';
import { fail, nonEmptyString, optionalString, said } from './fields.js';
import { isPlainMap } from './json-value.js';
import { renderValue } from './render-value.js';

/** The first check of every contract: the input is a map of attrs. */
export function attrsMap() {
  return z.custom<Record<string, unknown>>(
    isPlainMap,
    said((v) => `expected a map of attrs, got: ${renderValue(v)}`),
  );
}

/**
 * Chains validation stages so the reference's order holds: each stage runs only when the ones
 * before it passed, so the first failing check decides the message. Checks the reference runs
 * before `contract_version` (lineage, actor refs, forbidden keys …) go in `prechecks`, which see
 * the attrs and pass them on; `full` then validates every field in order and shapes the value.
 */
export function contractSchema<F extends z.ZodMiniType>(
  prechecks: ReadonlyArray<z.ZodMiniType>,
  full: F,
): z.ZodMiniType<z.output<F>, unknown> {
  let schema: z.ZodMiniType = full;
  for (let i = prechecks.length - 1; i >= 0; i--) schema = z.pipe(prechecks[i] as z.ZodMiniType, schema);
  return z.pipe(attrsMap(), schema as z.ZodMiniType<unknown, Record<string, unknown>>) as z.ZodMiniType<
    z.output<F>,
    unknown
  >;
}

/** `contract_version`: missing or `null` means `tag`; anything else must equal it. */
export function contractVersionField<const T extends string>(tag: T) {
  return z.pipe(
    optionalString('contract_version'),
    z.transform((value: string | null, ctx): T => {
      if (value === null || value === tag) return tag;
      return fail(ctx, `expected contract_version ${JSON.stringify(tag)}, got: ${renderValue(value)}`);
    }),
  );
}

/** A precheck: fails with `message` when any of `keys` is present in the attrs, whatever its value. */
export function forbidKeys(keys: readonly string[], message: string) {
  return z.custom<Record<string, unknown>>(
    (attrs) => !keys.some((key) => Object.hasOwn(attrs as object, key)),
    message,
  );
}

/** A precheck: `field` is a non-empty string, read early because a later check depends on it. */
export function readFirst(fields: readonly string[]) {
  return z.looseObject(Object.fromEntries(fields.map((f) => [f, nonEmptyString(f)])));
}
