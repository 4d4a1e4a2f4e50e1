import { isPlainMap, type JsonMap } from '../contracts/primitives/json-value.js';
import { toFailureV1 } from '../contracts/v1/failure-v1.js';
import type { Execution } from '../execution.js';
import { startExecution } from '../start-execution.js';
import type { AnyDispatchPlan } from './dispatch-plan.js';
import type { DispatchRun } from './dispatch-run.js';
import type { KernelLaneBinding } from './kernel-lane.js';

// biome-ignore lint/suspicious/noExplicitAny: the registry holds bindings of every protocol and payload type.
type AnyBinding = KernelLaneBinding<any, any, any>;

/**
 * Starts the lane for a plan through the execution model, with the plan's timeout and the
 * caller's signal. Mapping or payload validation errors throw here, before any I/O.
 */
export function startLane(
  binding: AnyBinding,
  plan: AnyDispatchPlan,
  signal: AbortSignal | undefined,
): Execution {
  const payload = binding.toPayload(plan);
  return startExecution(binding.lane, payload, { timeoutMs: plan.timeoutMs, signal });
}

/** Waits for the lane's outcome and turns it into a dispatch run. */
export async function finishLane(binding: AnyBinding, execution: Execution): Promise<DispatchRun> {
  const outcome = await execution.result;
  // The kernel stamps started_at/finished_at from its own dispatch events.
  const { started_at: _started, finished_at: _finished, ...metrics } = outcome.metrics;
  // The V1 failure has no code field: the stable code travels in its details.
  const failure = outcome.failure
    ? toFailureV1({
        ...outcome.failure,
        details: { ...jsonOnly(outcome.failure.details), code: outcome.failure.code },
      })
    : null;
  return {
    ok: outcome.status === 'succeeded',
    raw_payload: binding.toRawPayload
      ? binding.toRawPayload(outcome.output)
      : defaultRawPayload(outcome.output),
    metrics: jsonOnly(metrics),
    failure,
    artifacts: [],
  };
}

/** The default raw payload: a plain-object output as is, `{}` for none, `{ output }` otherwise. */
export function defaultRawPayload(output: unknown): JsonMap {
  if (output === null || output === undefined) return {};
  return isPlainMap(output) ? jsonOnly(output) : jsonOnly({ output });
}

// Lane facts cross into a wire contract: keep what JSON can carry (big integers included) rather
// than fail after the I/O happened.
function jsonOnly(value: Readonly<Record<string, unknown>>): JsonMap {
  const json = toJson(value, 0);
  return isPlainMap(json) ? (json as JsonMap) : {};
}

function toJson(value: unknown, depth: number): unknown {
  if (depth > 256) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'bigint')
    return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'object') return undefined;
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return toJson(withJson.toJSON(), depth + 1);
  if (Array.isArray(value)) return value.map((item) => toJson(item, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const json = toJson(item, depth + 1);
    if (json !== undefined) out[key] = json;
  }
  return out;
}
