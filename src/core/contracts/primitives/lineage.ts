import * as z from 'zod/mini';
import { fail } from './fields.js';
import { copyJsonMap, isPlainMap, type JsonMap, JsonValueError } from './json-value.js';
import { renderValue } from './render-value.js';
import { reportTraceIdBackfill } from './trace-backfill.js';
import { compareUtf8 } from './utf8-order.js';

/** The nine canonical lineage keys, in the reference's order. */
export const LINEAGE_KEYS = [
  'tenant_id',
  'trace_id',
  'request_id',
  'decision_id',
  'boundary_session_id',
  'attempt_ref',
  'route_id',
  'event_id',
  'idempotency_key',
] as const;

/** One of {@link LINEAGE_KEYS}. */
export type LineageKey = (typeof LINEAGE_KEYS)[number];

/** Lineage: the canonical keys that are present, plus optional `extensions`. */
export type Lineage = { readonly [K in LineageKey]?: string } & { readonly extensions?: JsonMap };

/** Lineage with `K` guaranteed present. */
export type LineageWith<K extends LineageKey> = Lineage & { readonly [P in K]: string };

/** Keys routes, outcomes and simulation evidence require: every canonical key but `event_id`. */
export const ROUTE_LINEAGE_KEYS: readonly Exclude<LineageKey, 'event_id'>[] =
  /* @__PURE__ */ LINEAGE_KEYS.filter((key): key is Exclude<LineageKey, 'event_id'> => key !== 'event_id');

/** The lineage of a route, an outcome or simulation evidence. */
export type RouteLineage = LineageWith<Exclude<LineageKey, 'event_id'>>;

/** The lineage of an event: all nine keys. */
export type EventLineage = LineageWith<LineageKey>;

// Lineage keys and `extensions`, in the order the reference checks their values.
const ALPHABETICAL_KEYS = [...LINEAGE_KEYS, 'extensions'].sort();

/**
 * The lineage field. Order as the reference: map check, the smallest unknown key (UTF-8 order),
 * values in alphabetical key order (an explicit `null` is an error, not "missing"), `trace_id`
 * backfill from `request_id` when `trace_id` is required, then required keys in their order.
 */
export function lineageField<K extends LineageKey>(required: readonly K[]) {
  return z.transform((input: unknown, ctx): LineageWith<K> => {
    if (!isPlainMap(input)) return fail(ctx, `lineage must be a map, got: ${renderValue(input)}`);
    // The reference walks an Elixir map, whose keys come sorted: unknown keys by UTF-8 bytes,
    // then the known ones (atoms) alphabetically, `extensions` among them.
    const unknown = Object.keys(input)
      .filter((key) => key !== 'extensions' && !(LINEAGE_KEYS as readonly string[]).includes(key))
      .sort(compareUtf8);
    if (unknown.length > 0) return fail(ctx, `unknown lineage key: ${JSON.stringify(unknown[0])}`);
    const out: Record<string, unknown> = {};
    for (const key of ALPHABETICAL_KEYS) {
      const value = input[key];
      if (value === undefined) continue;
      if (key === 'extensions') {
        if (!isPlainMap(value))
          return fail(ctx, `lineage.extensions must be a map, got: ${renderValue(value)}`);
        try {
          out.extensions = copyJsonMap(value, 'lineage.extensions');
        } catch (error) {
          if (error instanceof JsonValueError) return fail(ctx, error.message);
          throw error;
        }
      } else if (typeof value !== 'string' || value === '' || !value.isWellFormed()) {
        return fail(ctx, `lineage.${key} must be a non-empty string, got: ${renderValue(value)}`);
      } else out[key] = value;
    }
    if ((required as readonly string[]).includes('trace_id')) backfillTraceId(out);
    for (const key of required) {
      if (out[key] === undefined) return fail(ctx, `lineage.${key} is required`);
    }
    return out as LineageWith<K>;
  });
}

function backfillTraceId(lineage: Record<string, unknown>): void {
  const requestId = lineage.request_id;
  if (lineage.trace_id !== undefined || typeof requestId !== 'string') return;
  lineage.trace_id = requestId;
  const pick = (key: string) => (typeof lineage[key] === 'string' ? (lineage[key] as string) : null);
  reportTraceIdBackfill({
    consumer: 'execution_plane_contracts',
    source: 'request_id',
    trace_id: requestId,
    tenant_id: pick('tenant_id'),
    request_id: requestId,
    decision_id: pick('decision_id'),
    boundary_session_id: pick('boundary_session_id'),
    route_id: pick('route_id'),
  });
}

/**
 * A precheck that `field` equals `lineage[key]` when the lineage carries it
 * (`<field> must match lineage.<key>, got: "<lineage value>"`).
 */
export function matchLineage(field: string, key: LineageKey) {
  return z.superRefine((attrs: { readonly lineage: Lineage } & Record<string, unknown>, ctx) => {
    const expected = attrs.lineage[key];
    if (expected === undefined || expected === attrs[field]) return;
    ctx.issues.push({
      code: 'custom',
      message: `${field} must match lineage.${key}, got: ${renderValue(expected)}`,
      input: attrs[field],
      path: [field],
    });
  });
}
