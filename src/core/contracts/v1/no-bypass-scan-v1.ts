import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { fail, listField, nonEmptyString, optionalList, requiredStrings } from '../primitives/fields.js';
import { copyJsonMap, isPlainMap, type JsonMap } from '../primitives/json-value.js';
import { renderValue } from '../primitives/render-value.js';
import { actorRefsPrecheck, hazmatScopeShape } from './hazmat-scope.js';

/** The statuses of a {@link NoBypassScanV1Schema} scan. */
export const SCAN_STATUSES = ['clear', 'blocked'] as const;

const VIOLATION_KEYS = ['path', 'line', 'forbidden_module', 'required_facade'] as const;

// A violation names where a caller imports a forbidden module and which facade it must use.
function violation() {
  return z.transform((input: unknown, ctx): JsonMap => {
    if (!isPlainMap(input)) return fail(ctx, `violation must be a map, got: ${renderValue(input)}`);
    for (const key of VIOLATION_KEYS) {
      const value = input[key];
      if (key === 'line') {
        if (!Number.isSafeInteger(value) || (value as number) <= 0)
          return fail(ctx, 'violation.line is required');
      } else if (value === undefined) {
        return fail(ctx, `violation.${key} is required`);
      } else if (typeof value !== 'string' || value === '') {
        return fail(ctx, `violation.${key} must be a non-empty string, got: ${renderValue(value)}`);
      }
    }
    return copyJsonMap(input, 'violation');
  });
}

function scanFields() {
  return {
    scan_status: nonEmptyString('scan_status'),
    checked_paths: listField('checked_paths', nonEmptyString('checked_path')),
    violations: optionalList('violations', violation()),
  };
}

/**
 * `ExecutionPlane.NoBypassScan.v1`: a scan proving callers reach hazmat modules only through
 * their facade. It fails closed: `clear` must carry no violation and `blocked` at least one.
 * Order: actor refs, `scan_status` presence, `checked_paths`, `violations`, the status
 * vocabulary, the clear/blocked rule, then `contract_version` and the scope.
 */
export const NoBypassScanV1Schema = z.lazy(() =>
  contractSchema(
    [
      actorRefsPrecheck(),
      z.looseObject(scanFields()).check(
        z.superRefine((attrs, ctx) => {
          const push = (message: string) =>
            ctx.issues.push({ code: 'custom', message, input: attrs.scan_status, path: ['scan_status'] });
          if (!(SCAN_STATUSES as readonly string[]).includes(attrs.scan_status)) {
            push(`scan_status is not supported: ${renderValue(attrs.scan_status)}`);
          } else if (attrs.scan_status === 'clear' && attrs.violations.length > 0) {
            push('clear no-bypass scan must not carry violations');
          } else if (attrs.scan_status === 'blocked' && attrs.violations.length === 0) {
            push('blocked no-bypass scan must carry at least one violation');
          }
        }),
      ),
    ],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.NoBypassScan.v1'),
      ...hazmatScopeShape(),
      ...requiredStrings('scan_ref', 'caller_repo', 'forbidden_module', 'required_facade', 'violation_ref'),
      ...scanFields(),
      scan_status: nonEmptyString('scan_status') as z.ZodMiniType<(typeof SCAN_STATUSES)[number], unknown>,
    }),
  ),
);

/** A decoded `ExecutionPlane.NoBypassScan.v1`. */
export type NoBypassScanV1 = z.output<typeof NoBypassScanV1Schema>;
