import { decodeContract } from '../contracts/codec.js';
import { invalidContract } from '../contracts/primitives/contract-error.js';
import type { ExecutionRouteV1 } from '../contracts/v1/execution-route-v1.js';
import type { HttpExecutionIntentV1 } from '../contracts/v1/http-execution-intent-v1.js';
import type { JsonRpcExecutionIntentV1 } from '../contracts/v1/jsonrpc-execution-intent-v1.js';
import type { ProcessExecutionIntentV1 } from '../contracts/v1/process-execution-intent-v1.js';
import { ExecutionError } from '../errors.js';
import { createExecutionSurface, type ExecutionSurface } from '../placements/execution-surface.js';
import { surfacePlacementFamily } from '../placements/surface-lookup.js';
import { dispatchTimeout } from './dispatch-timeout.js';
import { type DispatchPlanOptions, resolveKernelOptions } from './kernel-options.js';

/** The V1 intent each lower protocol takes. */
export interface IntentByProtocol {
  http: HttpExecutionIntentV1;
  jsonrpc: JsonRpcExecutionIntentV1;
  process: ProcessExecutionIntentV1;
}

/** A lower protocol the kernel dispatches: `http`, `jsonrpc` or `process`. */
export type KernelProtocol = keyof IntentByProtocol;

/** The protocols, in the reference's order. */
export const KERNEL_PROTOCOLS: readonly KernelProtocol[] = ['http', 'jsonrpc', 'process'];

const INTENT_TAGS = {
  http: 'http_execution_intent.v1',
  jsonrpc: 'jsonrpc_execution_intent.v1',
  process: 'process_execution_intent.v1',
} as const;

/** A validated dispatch: the route, the intent decoded for the route's protocol, placement and timeout. */
export interface DispatchPlan<P extends KernelProtocol = KernelProtocol> {
  readonly routeId: string;
  readonly family: string;
  readonly protocol: P;
  readonly route: ExecutionRouteV1;
  readonly intent: IntentByProtocol[P];
  /** The placement surface of process and JSON-RPC intents; `null` for HTTP. */
  readonly placementSurface: ExecutionSurface | null;
  /** The effective timeout; `0` when the envelope deadline has already passed. */
  readonly timeoutMs: number;
  /** True when `envelope.deadline_at` is in the past: the dispatch fails as a timeout, with no I/O. */
  readonly deadlineExpired: boolean;
}

/** A dispatch plan of any protocol, narrowed by `plan.protocol`. */
export type AnyDispatchPlan = { [P in KernelProtocol]: DispatchPlan<P> }[KernelProtocol];

/**
 * Builds a dispatch plan: decodes the route, picks the intent contract from the route's
 * protocol, derives the placement surface, computes the effective timeout, then checks, in the
 * reference's order, that the envelope's family, protocol, idempotency key and trace id agree with
 * the route and that the surface belongs to the route's placement family.
 *
 * Throws `INVALID_CONTRACT` for an invalid intent or route or any disagreement, and
 * `NOT_SUPPORTED` for a protocol other than `http`, `jsonrpc` or `process` — always before I/O.
 *
 * @example
 * const plan = buildDispatchPlan(contractFixtures.httpExecutionIntent, contractFixtures.executionRoute);
 * plan.timeoutMs; // 5000
 */
export function buildDispatchPlan(
  intent: unknown,
  route: unknown,
  options?: DispatchPlanOptions,
): AnyDispatchPlan {
  const { timeoutMs, now } = resolveKernelOptions(options, 'buildDispatchPlan()');
  const decodedRoute = decodeContract(route, 'execution_route.v1');
  const protocol = decodedRoute.protocol;
  if (!Object.hasOwn(INTENT_TAGS, protocol)) {
    throw new ExecutionError('NOT_SUPPORTED', `unsupported lower protocol: ${JSON.stringify(protocol)}`, {
      details: { protocol, supported: KERNEL_PROTOCOLS },
    });
  }
  const kernelProtocol = protocol as KernelProtocol;
  const decodedIntent = decodeContract(intent, INTENT_TAGS[kernelProtocol]);
  const placementSurface = surfaceFor(kernelProtocol, decodedIntent, decodedRoute);
  const timeout = dispatchTimeout({
    callerMs: timeoutMs,
    budget: decodedRoute.resolved_budget,
    httpTimeouts: kernelProtocol === 'http' ? (decodedIntent as HttpExecutionIntentV1).timeouts : undefined,
    deadlineAt: decodedIntent.envelope.deadline_at,
    nowMs: now(),
  });
  checkConsistency(decodedIntent.envelope, decodedRoute, placementSurface);
  return {
    routeId: decodedRoute.route_id,
    family: decodedRoute.family,
    protocol: kernelProtocol,
    route: decodedRoute,
    intent: decodedIntent,
    placementSurface,
    timeoutMs: timeout.timeoutMs,
    deadlineExpired: timeout.deadlineExpired,
  } as AnyDispatchPlan;
}

function surfaceFor(
  protocol: KernelProtocol,
  intent: IntentByProtocol[KernelProtocol],
  route: ExecutionRouteV1,
): ExecutionSurface | null {
  if (protocol === 'process')
    return createExecutionSurface((intent as ProcessExecutionIntentV1).execution_surface);
  if (protocol === 'jsonrpc') {
    return createExecutionSurface(
      route.resolved_target.execution_surface ?? { surface_kind: 'local_subprocess' },
    );
  }
  return null;
}

function checkConsistency(
  envelope: HttpExecutionIntentV1['envelope'],
  route: ExecutionRouteV1,
  surface: ExecutionSurface | null,
): void {
  const mismatch = (reason: string, field: string) => invalidContract('dispatch plan', reason, [field]);
  if (envelope.family !== route.family) {
    throw mismatch(
      `intent envelope family ${JSON.stringify(envelope.family)} does not match route family ${JSON.stringify(route.family)}`,
      'family',
    );
  }
  if (envelope.protocol !== route.protocol) {
    throw mismatch(
      `intent envelope protocol ${JSON.stringify(envelope.protocol)} does not match route protocol ${JSON.stringify(route.protocol)}`,
      'protocol',
    );
  }
  if (envelope.idempotency_key !== route.lineage.idempotency_key) {
    throw mismatch('intent idempotency_key does not match route lineage', 'idempotency_key');
  }
  if (envelope.trace_id !== null && envelope.trace_id !== route.lineage.trace_id) {
    throw mismatch(
      `intent trace_id must match route lineage.trace_id, got: ${JSON.stringify(envelope.trace_id)}`,
      'trace_id',
    );
  }
  if (surface !== null && surfacePlacementFamily(surface) !== route.placement_family) {
    throw mismatch(
      `route placement ${JSON.stringify(route.placement_family)} does not match surface ${JSON.stringify(surface.surface_kind)}`,
      'placement_family',
    );
  }
}
