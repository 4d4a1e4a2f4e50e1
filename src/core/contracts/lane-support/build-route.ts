import { decodeContract } from '../codec.js';
import type { JsonMap } from '../primitives/json-value.js';
import type { RouteLineage } from '../primitives/lineage.js';
import type { ExecutionRouteV1 } from '../v1/execution-route-v1.js';

/** What {@link buildRoute} needs besides the lineage (wire names). */
export interface RouteSpec {
  readonly family: string;
  readonly protocol: string;
  readonly transport_family: string;
  readonly placement_family: string;
  /** The lane's target (`url` and `method`, `target_id`, `command` …), merged over `resolved_target`. */
  readonly target: JsonMap;
  /** Written into `resolved_budget.timeout_ms` when a positive integer. @defaultValue none */
  readonly timeout_ms?: number | null | undefined;
  /** @defaultValue `{}` */
  readonly resolved_target?: JsonMap | undefined;
  /** @defaultValue `{}` */
  readonly resolved_budget?: JsonMap | undefined;
}

/**
 * The reference's `LaneSupport.build_route/8`: an `execution_route.v1` whose `route_id` is the
 * lineage's, `resolved_target` the given map with `target` merged over it, and
 * `resolved_budget.timeout_ms` the timeout when it is a positive integer. Throws
 * `INVALID_CONTRACT` for a bad field.
 *
 * @example
 * const route = contracts.buildRoute(lineage, {
 *   family: 'http', protocol: 'http', transport_family: 'http', placement_family: 'local',
 *   target: { url: 'https://api.example.com', method: 'GET' }, timeout_ms: 5_000,
 * });
 */
export function buildRoute(lineage: RouteLineage, spec: RouteSpec): ExecutionRouteV1 {
  const budget: Record<string, unknown> = { ...(spec.resolved_budget ?? {}) };
  const timeout = spec.timeout_ms;
  if (typeof timeout === 'number' && Number.isInteger(timeout) && timeout > 0) budget.timeout_ms = timeout;
  return decodeContract(
    {
      route_id: lineage.route_id,
      family: spec.family,
      protocol: spec.protocol,
      transport_family: spec.transport_family,
      placement_family: spec.placement_family,
      resolved_target: { ...(spec.resolved_target ?? {}), ...spec.target },
      resolved_budget: budget,
      lineage,
    },
    'execution_route.v1',
  );
}
