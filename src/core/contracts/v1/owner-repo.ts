import * as z from 'zod/mini';
import { fail, nonEmptyString } from '../primitives/fields.js';
import { renderValue } from '../primitives/render-value.js';

/** The only repository allowed to own the lower-boundary contracts. */
export const OWNER_REPO = 'execution_plane';

/** `owner_repo`, which must be exactly `execution_plane`. */
export function ownerRepo() {
  return z.pipe(
    nonEmptyString('owner_repo'),
    z.transform((v: string, ctx): typeof OWNER_REPO =>
      v === OWNER_REPO ? OWNER_REPO : fail(ctx, `owner_repo must be ${OWNER_REPO}, got: ${renderValue(v)}`),
    ),
  );
}
