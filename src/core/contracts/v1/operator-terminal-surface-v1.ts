import * as z from 'zod/mini';
import { invalidContract } from '../primitives/contract-error.js';
import { fail } from '../primitives/fields.js';
import { copyJsonMap, isPlainMap, type JsonMap, JsonValueError } from '../primitives/json-value.js';
import { renderValue } from '../primitives/render-value.js';

/** The operator terminal's surface kinds, distinct from the workload surfaces (`local_subprocess` …). */
export const OPERATOR_TERMINAL_SURFACE_KINDS = [
  'local_terminal',
  'ssh_terminal',
  'distributed_terminal',
] as const;

/** One of {@link OPERATOR_TERMINAL_SURFACE_KINDS}. */
export type OperatorTerminalSurfaceKind = (typeof OPERATOR_TERMINAL_SURFACE_KINDS)[number];

/**
 * The keys `transport_options` may hold: the reference's string-key allowlist (`auth_methods`,
 * `daemon_starter`, `daemon_stopper`, `name`, `port`, `user_passwords`) plus this package's
 * transport facts (`host`, `transport`, `url`, `tls`, `origin_check`, `default_mode`,
 * `detach_key`). Any other key is `invalid_transport_options`.
 */
export const OPERATOR_TERMINAL_TRANSPORT_KEYS = [
  'auth_methods',
  'daemon_starter',
  'daemon_stopper',
  'name',
  'port',
  'user_passwords',
  'host',
  'transport',
  'url',
  'tls',
  'origin_check',
  'default_mode',
  'detach_key',
] as const;

function invalid(reason: string) {
  return (ctx: z.core.ParsePayload, value: unknown) =>
    fail(ctx, `invalid operator terminal surface: ${reason} ${renderValue(value)}`);
}

function jsonMap(ctx: z.core.ParsePayload, value: Record<string, unknown>, field: string): JsonMap {
  try {
    return copyJsonMap(value, field);
  } catch (error) {
    if (error instanceof JsonValueError)
      return fail(ctx, `invalid operator terminal surface: ${error.message}`);
    throw error;
  }
}

/**
 * `operator_terminal_surface.v1`: where an operator terminal is reached — a surface kind
 * (`local_terminal`, the default; `ssh_terminal`; `distributed_terminal`, which this package
 * serves over WebSocket), `transport_options` limited to {@link OPERATOR_TERMINAL_TRANSPORT_KEYS},
 * `surface_ref` (`null` or any string, `""` included), `boundary_class` (`null` or a string) and
 * `observability` (a JSON map). `contract_version`, when given, must be the tag. Errors read
 * `invalid operator terminal surface: <reason> <value>`, as the reference's `{:invalid_*, value}`.
 */
export const OperatorTerminalSurfaceV1Schema = z.lazy(() =>
  z.pipe(
    z.custom<Record<string, unknown>>(isPlainMap, {
      error: (issue) =>
        `invalid operator terminal surface: invalid_operator_terminal_surface ${renderValue(issue.input)}`,
    }),
    z.object({
      contract_version: z.transform((value: unknown, ctx): 'operator_terminal_surface.v1' =>
        value === undefined || value === null || value === 'operator_terminal_surface.v1'
          ? 'operator_terminal_surface.v1'
          : invalid('invalid_contract_version')(ctx, value),
      ),
      surface_kind: z.transform((value: unknown, ctx): OperatorTerminalSurfaceKind => {
        if (value === undefined || value === null) return 'local_terminal';
        return (OPERATOR_TERMINAL_SURFACE_KINDS as readonly unknown[]).includes(value)
          ? (value as OperatorTerminalSurfaceKind)
          : invalid('invalid_surface_kind')(ctx, value);
      }),
      transport_options: z.transform((value: unknown, ctx): JsonMap => {
        if (value === undefined || value === null) return {};
        if (!isPlainMap(value)) return invalid('invalid_transport_options')(ctx, value);
        const known = OPERATOR_TERMINAL_TRANSPORT_KEYS as readonly string[];
        if (Object.keys(value).some((key) => !known.includes(key)))
          return invalid('invalid_transport_options')(ctx, value);
        return jsonMap(ctx, value, 'transport_options');
      }),
      surface_ref: z.transform((value: unknown, ctx): string | null => {
        if (value === undefined || value === null) return null;
        return typeof value === 'string' ? value : invalid('invalid_surface_ref')(ctx, value);
      }),
      boundary_class: z.transform((value: unknown, ctx): string | null => {
        if (value === undefined || value === null) return null;
        return typeof value === 'string' && value !== ''
          ? value
          : invalid('invalid_boundary_class')(ctx, value);
      }),
      observability: z.transform((value: unknown, ctx): JsonMap => {
        if (value === undefined || value === null) return {};
        return isPlainMap(value)
          ? jsonMap(ctx, value, 'observability')
          : invalid('invalid_observability')(ctx, value);
      }),
    }),
  ),
);

/** A validated `operator_terminal_surface.v1`. */
export type OperatorTerminalSurfaceV1 = z.output<typeof OperatorTerminalSurfaceV1Schema>;

/**
 * Builds an `operator_terminal_surface.v1` (the default local surface for no input), throwing
 * `INVALID_CONTRACT` with the reference's reason.
 *
 * @example
 * createOperatorTerminalSurface({ surface_kind: 'ssh_terminal', transport_options: { port: 2222 } });
 */
export function createOperatorTerminalSurface(input: unknown = {}): OperatorTerminalSurfaceV1 {
  const parsed = z.safeParse(OperatorTerminalSurfaceV1Schema, input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalidContract(
    'operator_terminal_surface.v1',
    issue?.message ?? 'invalid operator terminal surface',
    issue?.path,
  );
}

/** True for every kind but `local_terminal` (the reference's `remote_surface?`). */
export function isRemoteTerminalSurface(surface: OperatorTerminalSurfaceV1): boolean {
  return surface.surface_kind !== 'local_terminal';
}
