import { stableId } from '../../internal/ids.js';
import { decodeContract } from '../contracts/codec.js';
import type { JsonMap } from '../contracts/primitives/json-value.js';
import type { ExecutionEventV1 } from '../contracts/v1/execution-event-v1.js';
import type { AnyDispatchPlan } from './dispatch-plan.js';

/**
 * A validated `execution_event.v1` for a dispatch: a fresh `event-…` id, the route id, the route
 * lineage plus the event id, and the ISO timestamp of `nowMs`.
 */
export function dispatchEvent(
  plan: AnyDispatchPlan,
  type: string,
  payload: JsonMap,
  nowMs: number,
): ExecutionEventV1 {
  const eventId = stableId('event');
  return decodeContract(
    {
      event_id: eventId,
      route_id: plan.routeId,
      event_type: type,
      timestamp: new Date(nowMs).toISOString(),
      lineage: { ...plan.route.lineage, event_id: eventId },
      payload,
    },
    'execution_event.v1',
  );
}
