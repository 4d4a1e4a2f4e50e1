import * as z from 'zod/mini';
import { invalidContract } from '../contracts/primitives/contract-error.js';
import { fail } from '../contracts/primitives/fields.js';
import { copyJsonMap, isPlainMap, type JsonMap, JsonValueError } from '../contracts/primitives/json-value.js';
import { renderValue } from '../contracts/primitives/render-value.js';
import { DEFAULT_SURFACE_KIND, isSurfaceKind, type SurfaceKind } from './surface-kinds.js';

/**
 * Launch keys removed from `transport_options`: a placement says where work runs, never what
 * runs. (`clear_env` is dropped as well as the reference's `clear_env?`.)
 */
export const LAUNCH_KEYS = ['command', 'args', 'cwd', 'env', 'clear_env?', 'clear_env', 'user'] as const;

function invalid(reason: string) {
  return (ctx: z.core.ParsePayload, value: unknown) =>
    fail(ctx, `invalid execution surface: ${reason} ${renderValue(value)}`);
}

function optionalId(field: string) {
  return z.transform((value: unknown, ctx): string | null => {
    if (value === undefined || value === null) return null;
    return typeof value === 'string' && value !== '' ? value : invalid(`invalid_${field}`)(ctx, value);
  });
}

function jsonMap(ctx: z.core.ParsePayload, value: Record<string, unknown>, field: string): JsonMap {
  try {
    return copyJsonMap(value, field);
  } catch (error) {
    if (error instanceof JsonValueError) return fail(ctx, `invalid execution surface: ${error.message}`);
    throw error;
  }
}

/**
 * `execution_surface.v1`: the validated placement surface — a surface kind (default
 * `local_subprocess`), transport options with launch keys stripped, optional target, lease and
 * surface refs, an optional boundary class, and observability metadata. Errors read
 * `invalid execution surface: <reason> <value>` (`invalid_surface_kind "x"` …).
 */
export const ExecutionSurfaceSchema = z.lazy(() =>
  z.pipe(
    z.custom<Record<string, unknown>>(isPlainMap, {
      error: (issue) => `invalid execution surface: invalid_execution_surface ${renderValue(issue.input)}`,
    }),
    z.object({
      contract_version: z.transform((value: unknown, ctx): 'execution_surface.v1' =>
        value === undefined || value === null || value === 'execution_surface.v1'
          ? 'execution_surface.v1'
          : invalid('invalid_contract_version')(ctx, value),
      ),
      surface_kind: z.transform((value: unknown, ctx): SurfaceKind => {
        if (value === undefined || value === null) return DEFAULT_SURFACE_KIND;
        return isSurfaceKind(value) ? value : invalid('invalid_surface_kind')(ctx, value);
      }),
      transport_options: z.transform((value: unknown, ctx): JsonMap => {
        if (value === undefined || value === null) return {};
        if (!isPlainMap(value)) return invalid('invalid_transport_options')(ctx, value);
        const kept = jsonMap(ctx, value, 'transport_options');
        for (const key of LAUNCH_KEYS) delete kept[key];
        return kept;
      }),
      target_id: optionalId('target_id'),
      lease_ref: optionalId('lease_ref'),
      surface_ref: optionalId('surface_ref'),
      boundary_class: optionalId('boundary_class'),
      observability: z.transform((value: unknown, ctx): JsonMap => {
        if (value === undefined) return {};
        return isPlainMap(value)
          ? jsonMap(ctx, value, 'observability')
          : invalid('invalid_observability')(ctx, value);
      }),
    }),
  ),
);

/** A validated `execution_surface.v1`. */
export type ExecutionSurface = z.output<typeof ExecutionSurfaceSchema>;

/**
 * Builds an execution surface, throwing `INVALID_CONTRACT` with the reference's reason.
 *
 * @example
 * createExecutionSurface({ surface_kind: 'ssh_exec', transport_options: { destination: 'h', command: 'cat' } });
 * // transport_options: { destination: 'h' } — the launch key is stripped
 */
export function createExecutionSurface(input: unknown = {}): ExecutionSurface {
  const parsed = z.safeParse(ExecutionSurfaceSchema, input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalidContract('execution_surface.v1', issue?.message ?? 'invalid execution surface', issue?.path);
}
