import * as z from 'zod/mini';
import { invalidContract } from '../contracts/primitives/contract-error.js';
import { said } from '../contracts/primitives/fields.js';
import { renderValue } from '../contracts/primitives/render-value.js';

/** How a placement starts the work. */
export const STARTUP_KINDS = ['spawn', 'attach', 'bridge'] as const;
/** Whose filesystem paths mean something. */
export const PATH_SEMANTICS = ['local', 'remote', 'guest'] as const;
/** How a running execution is interrupted. */
export const INTERRUPT_KINDS = ['signal', 'stdin', 'rpc', 'none'] as const;

function flag(key: string, fallback: boolean) {
  return z._default(z.boolean(invalid(key)), fallback);
}

function vocabulary<const T extends string>(key: string, values: readonly T[], fallback: T) {
  // A fixed lookup: an unknown word is an error, never a new value (the reference's ATOM-05 rule).
  return z._default(z.enum(values as unknown as [T, ...T[]], invalid(key)), fallback);
}

function invalid(key: string) {
  return said((v) => `invalid placement capabilities: ${key} ${renderValue(v)}`);
}

/**
 * What a placement can honestly do: remote or local, how it starts, whose paths apply, and which
 * process controls (PTY, user, env, cwd, interrupt) it supports. These are facts about the
 * placement, not an isolation claim. (The reference spells the booleans `remote?`,
 * `supports_pty?` …; they are never on the wire, so the `?` is dropped here.)
 */
export const PlacementCapabilitiesSchema = z.lazy(() =>
  z.object({
    remote: flag('remote', false),
    startup_kind: vocabulary('startup_kind', STARTUP_KINDS, 'spawn'),
    path_semantics: vocabulary('path_semantics', PATH_SEMANTICS, 'local'),
    supports_run: flag('supports_run', true),
    supports_streaming_stdio: flag('supports_streaming_stdio', true),
    supports_pty: flag('supports_pty', true),
    supports_user: flag('supports_user', true),
    supports_env: flag('supports_env', true),
    supports_cwd: flag('supports_cwd', true),
    interrupt_kind: vocabulary('interrupt_kind', INTERRUPT_KINDS, 'signal'),
  }),
);

/** Validated placement capabilities. */
export type PlacementCapabilities = z.output<typeof PlacementCapabilitiesSchema>;

/**
 * Builds placement capabilities, filling defaults; throws `INVALID_CONTRACT` naming the key and
 * value for a non-boolean flag or an unknown vocabulary word.
 *
 * @example
 * createPlacementCapabilities({ startup_kind: 'bridge', supports_pty: false }).interrupt_kind; // 'signal'
 */
export function createPlacementCapabilities(input: unknown = {}): PlacementCapabilities {
  const parsed = z.safeParse(PlacementCapabilitiesSchema, input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw invalidContract(
    'placement capabilities',
    issue?.message ?? `invalid placement capabilities: ${renderValue(input)}`,
    issue?.path,
  );
}
