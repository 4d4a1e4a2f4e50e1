import * as z from 'zod/mini';
import { boundaryObject, mintedId, versionForced } from './boundary-fields.js';

/** A reference to one execution; `ref` is minted as `exec-<ms>-<n>` when missing. */
export const ExecutionRefSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionForced(),
    ref: mintedId('ref', 'exec'),
  }),
);

/** A decoded execution ref. */
export type ExecutionRef = z.output<typeof ExecutionRefSchema>;

/**
 * An execution ref for `ref`, or a fresh one.
 *
 * @example
 * createExecutionRef().ref; // 'exec-1714000000000-1'
 */
export function createExecutionRef(ref?: string): ExecutionRef {
  return z.parse(ExecutionRefSchema, ref === undefined ? {} : { ref });
}
