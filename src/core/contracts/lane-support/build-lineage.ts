import * as z from 'zod/mini';
import { invalidContract } from '../primitives/contract-error.js';
import { isPlainMap, type JsonMap } from '../primitives/json-value.js';
import { lineageField, ROUTE_LINEAGE_KEYS, type RouteLineage } from '../primitives/lineage.js';
import { renderValue } from '../primitives/render-value.js';

/**
 * What a caller fixes of a lineage: `idempotency_key` is required (the reference's
 * `LaneSupport.build_lineage/2` raises without it); every other key gets a generated default.
 */
export interface LineageOverrides {
  /** The caller's idempotency key; never generated. */
  readonly idempotency_key: string;
  /** @defaultValue `'tenant:auto'` */
  readonly tenant_id?: string | undefined;
  /** @defaultValue 32 random lowercase hex digits */
  readonly trace_id?: string | undefined;
  /** @defaultValue `'<family>-request-<n>'` */
  readonly request_id?: string | undefined;
  /** @defaultValue `'<family>-decision-<n>'` */
  readonly decision_id?: string | undefined;
  /** @defaultValue `'<family>-boundary-session-<n>'` */
  readonly boundary_session_id?: string | undefined;
  /** @defaultValue `'attempt://<family>/<n>'` */
  readonly attempt_ref?: string | undefined;
  /** @defaultValue `'<family>-route-<n>'` */
  readonly route_id?: string | undefined;
  /** Free-form lineage extensions. @defaultValue none */
  readonly extensions?: JsonMap | undefined;
}

let counter = 0;

/** A process-unique, monotonic token, as the reference's `System.unique_integer([:positive, :monotonic])`. */
export function uniqueToken(): string {
  counter += 1;
  return String(counter);
}

function randomTraceId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

const routeLineage = /* @__PURE__ */ lineageField(ROUTE_LINEAGE_KEYS);

/**
 * The reference's `LaneSupport.build_lineage/2`: a route lineage for `family` with the caller's
 * keys and generated defaults for the rest (`tenant:auto`, a random trace id, `<family>-request-<n>`
 * …). Throws `INVALID_CONTRACT` when `idempotency_key` is missing or a value is not a non-empty
 * string.
 *
 * @example
 * const lineage = contracts.buildLineage('http', { idempotency_key: 'order-42' });
 * lineage.route_id; // 'http-route-1'
 */
export function buildLineage(family: string, overrides: LineageOverrides): RouteLineage {
  if (!isPlainMap(overrides)) {
    throw invalidContract('lineage', `lineage overrides must be a map, got: ${renderValue(overrides)}`);
  }
  const key = overrides.idempotency_key;
  if (typeof key !== 'string' || key === '') {
    throw invalidContract('lineage', `idempotency_key is required, got: ${renderValue(key)}`, [
      'idempotency_key',
    ]);
  }
  const token = uniqueToken();
  const pick = (name: keyof LineageOverrides, fallback: string) => overrides[name] ?? fallback;
  const lineage: Record<string, unknown> = {
    tenant_id: pick('tenant_id', 'tenant:auto'),
    trace_id: pick('trace_id', randomTraceId()),
    request_id: pick('request_id', `${family}-request-${token}`),
    decision_id: pick('decision_id', `${family}-decision-${token}`),
    boundary_session_id: pick('boundary_session_id', `${family}-boundary-session-${token}`),
    attempt_ref: pick('attempt_ref', `attempt://${family}/${token}`),
    route_id: pick('route_id', `${family}-route-${token}`),
    idempotency_key: key,
  };
  if (overrides.extensions !== undefined) lineage.extensions = overrides.extensions;
  for (const name of Object.keys(overrides)) {
    if (!(name in lineage)) lineage[name] = (overrides as Record<string, unknown>)[name];
  }
  const parsed = z.safeParse(routeLineage, lineage);
  if (parsed.success) return parsed.data as RouteLineage;
  const issue = parsed.error.issues[0];
  throw invalidContract('lineage', issue?.message ?? 'invalid lineage', issue?.path);
}
