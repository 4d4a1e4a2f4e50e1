import type { EventPayloadMap, ExecutionEvent } from '../../event.js';
import type { Execution } from '../../execution.js';
import { defaultRawPayload } from '../../kernel/lane-run.js';
import type { ExecutionOutcome } from '../../outcome.js';
import { decodeContract } from '../codec.js';
import type { JsonMap } from '../primitives/json-value.js';
import type { RouteLineage } from '../primitives/lineage.js';
import type { ExecutionEventV1 } from '../v1/execution-event-v1.js';
import type { ExecutionOutcomeV1 } from '../v1/execution-outcome-v1.js';
import { toFailureV1 } from '../v1/failure-v1.js';
import { buildLineage, type LineageOverrides } from './build-lineage.js';

/** Options of {@link toV1} and {@link collectV1}. */
export interface ToV1Options {
  /**
   * The route lineage the facts carry: a whole one, or the keys to fix (`idempotency_key` is
   * required; the rest are generated as {@link buildLineage} does).
   */
  readonly lineage: LineageOverrides | RouteLineage;
  /** The outcome's and the dispatch events' `family`. @defaultValue the outcome's `lane_id` */
  readonly family?: string | undefined;
  /** `dispatch.started`'s `protocol`. @defaultValue the family */
  readonly protocol?: string | undefined;
  /** `dispatch.started`'s `placement_family`. @defaultValue `'local'` */
  readonly placementFamily?: string | undefined;
  /**
   * The outcome's `raw_payload` for the lane's output.
   * @defaultValue a plain-object output as JSON, `{}` for none, else `{ output }`
   */
  readonly rawPayload?: ((output: unknown) => JsonMap) | undefined;
}

/** An execution's facts as V1 contracts: what the reference's lane adapters return. */
export interface V1Facts {
  /** `dispatch.started`, the lane's own events, then `dispatch.completed` or `dispatch.failed`. */
  readonly events: readonly ExecutionEventV1[];
  readonly outcome: ExecutionOutcomeV1;
}

/**
 * An execution's events and outcome as V1 contracts, as the reference's kernel reports a
 * dispatch: `execution.started` becomes `dispatch.started` (`family`, `protocol`, `timeout_ms`,
 * `placement_family`), each lane event keeps its type with a JSON payload, `execution.completed`
 * becomes `dispatch.completed` or `dispatch.failed` (with the failure class); the outcome has
 * status `succeeded` or `failed`, the raw payload, metrics, the V1 failure (its stable `code` in
 * `details.code`) and the lineage. Event ids stay the execution's own (`<ref>:<seq>`).
 *
 * @example
 * const { events, outcome } = contracts.toV1({ events: seen, outcome: await execution.result }, {
 *   lineage: { idempotency_key: 'order-42' },
 * });
 */
export function toV1(
  facts: { readonly events: readonly ExecutionEvent[]; readonly outcome: ExecutionOutcome },
  options: ToV1Options,
): V1Facts {
  const { outcome } = facts;
  const family = options.family ?? outcome.lane_id;
  const lineage = buildLineage(family, options.lineage as LineageOverrides);
  const routeId = lineage.route_id;
  const ok = outcome.status === 'succeeded';
  const failure = outcome.failure
    ? toFailureV1({
        ...outcome.failure,
        details: { ...defaultRawPayload(outcome.failure.details ?? {}), code: outcome.failure.code },
      })
    : null;
  let timeoutMs: unknown = null;
  const events: ExecutionEventV1[] = [];
  for (const event of facts.events) {
    let type: string = event.event_type;
    let payload: JsonMap;
    if (type === 'execution.started') {
      const started = event.payload as { timeout_ms?: number | null };
      timeoutMs = started.timeout_ms ?? null;
      type = 'dispatch.started';
      payload = {
        family,
        protocol: options.protocol ?? family,
        timeout_ms: timeoutMs as number | null,
        placement_family: options.placementFamily ?? 'local',
      };
    } else if (type === 'execution.completed') {
      type = ok ? 'dispatch.completed' : 'dispatch.failed';
      payload = ok
        ? { family, status: 'succeeded' }
        : { family, status: 'failed', failure_class: failure?.failure_class ?? null };
    } else payload = defaultRawPayload(event.payload);
    events.push(
      decodeContract(
        {
          event_id: event.event_id,
          route_id: routeId,
          event_type: type,
          timestamp: event.emitted_at,
          lineage: { ...lineage, event_id: event.event_id },
          payload,
        },
        'execution_event.v1',
      ),
    );
  }
  const { started_at, finished_at, ...counters } = outcome.metrics;
  const rawPayload = options.rawPayload
    ? options.rawPayload(outcome.output)
    : defaultRawPayload(outcome.output);
  const v1 = decodeContract(
    {
      route_id: routeId,
      status: ok ? 'succeeded' : 'failed',
      family,
      raw_payload: rawPayload,
      artifacts: [],
      metrics: { ...defaultRawPayload(counters), started_at, finished_at, timeout_ms: timeoutMs as number },
      failure,
      lineage,
    },
    'execution_outcome.v1',
  );
  return { events, outcome: v1 };
}

/**
 * Reads an execution to its end and returns its facts as V1 contracts ({@link toV1}). Iterate
 * nothing else of the execution: this is its one consumer.
 *
 * @example
 * const { outcome } = await contracts.collectV1(run('echo', ['hi']), { lineage: { idempotency_key: 'k-1' } });
 * outcome.raw_payload.stdout; // 'hi\n'
 */
export async function collectV1<O, E extends EventPayloadMap>(
  execution: Execution<O, E>,
  options: ToV1Options,
): Promise<V1Facts> {
  const events: ExecutionEvent[] = [];
  for await (const batch of execution.batches()) events.push(...(batch as ExecutionEvent[]));
  return toV1({ events, outcome: (await execution.result) as ExecutionOutcome }, options);
}
