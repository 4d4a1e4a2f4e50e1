import * as z from 'zod/mini';
import { fail, nonEmptyString } from './fields.js';
import { isIso8601 } from './iso8601.js';
import { isOpaqueHandleRef } from './opaque-ref.js';

/**
 * An opaque handle ref (`scheme://…` or `urn:…`). The rejected value is withheld from the message:
 * a value that fails here is most likely a raw secret.
 */
export function opaqueRef(field: string) {
  return z.pipe(
    nonEmptyString(field),
    z.transform((value: string, ctx): string =>
      isOpaqueHandleRef(value)
        ? value
        : fail(
            ctx,
            `${field} must be an opaque handle ref, got: a ${value.length}-character string (withheld)`,
          ),
    ),
  );
}

/** An optional opaque handle ref; missing or `null` stays `null`. */
export function optionalOpaqueRef(field: string) {
  return z._default(z.nullable(opaqueRef(field)), null);
}

/** An ISO-8601 timestamp with offset, kept exactly as written (`<field> must be ISO8601, got: …`). */
export function timestamp(field: string) {
  return z.pipe(
    nonEmptyString(field),
    z.transform((value: string, ctx): string =>
      isIso8601(value) ? value : fail(ctx, `${field} must be ISO8601, got: ${JSON.stringify(value)}`),
    ),
  );
}

/** An optional ISO-8601 timestamp; missing or `null` stays `null`. */
export function optionalTimestamp(field: string) {
  return z._default(z.nullable(timestamp(field)), null);
}
