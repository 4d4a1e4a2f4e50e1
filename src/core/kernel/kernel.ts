import { decodeContract } from '../contracts/codec.js';
import type { JsonMap } from '../contracts/primitives/json-value.js';
import type { ExecutionEventV1 } from '../contracts/v1/execution-event-v1.js';
import type { ExecutionOutcomeV1 } from '../contracts/v1/execution-outcome-v1.js';
import { createFailureV1 } from '../contracts/v1/failure-v1.js';
import { ExecutionError, invalidOptions } from '../errors.js';
import { dispatchEvent } from './dispatch-event.js';
import {
  type AnyDispatchPlan,
  buildDispatchPlan,
  KERNEL_PROTOCOLS,
  type KernelProtocol,
} from './dispatch-plan.js';
import type { DispatchRun } from './dispatch-run.js';
import type { KernelLaneBinding } from './kernel-lane.js';
import {
  type KernelExecuteOptions,
  type ResolvedKernelOptions,
  resolveKernelOptions,
} from './kernel-options.js';
import { finishLane, startLane } from './lane-run.js';
import { isLowerSimulationConfigured, runLowerSimulation } from './lower-simulation.js';

// biome-ignore lint/suspicious/noExplicitAny: the registry holds bindings of every protocol and payload type.
type AnyBinding = KernelLaneBinding<any, any, any>;

/** What `kernel.execute` returns: the plan, the V1 events in order, and the V1 outcome. */
export interface KernelExecutionResult {
  /** True when the outcome's status is `succeeded`. */
  readonly ok: boolean;
  readonly plan: AnyDispatchPlan;
  /** `dispatch.started`, then `dispatch.completed` or `dispatch.failed`. */
  readonly events: readonly ExecutionEventV1[];
  readonly outcome: ExecutionOutcomeV1;
}

/** Options of {@link createKernel}. */
export interface KernelOptions {
  /** Lane bindings, one per protocol. */
  readonly lanes?: readonly AnyBinding[] | undefined;
}

/** Dispatches V1 intents over V1 routes through registered lanes. */
export interface Kernel {
  /** Registers (or replaces) the lane serving `binding.protocol`. */
  register(binding: AnyBinding): void;
  /** The protocols with a registered lane. */
  readonly protocols: readonly KernelProtocol[];
  /**
   * Plans and runs one dispatch: emits `dispatch.started`, runs the lane (or the route's lower
   * simulation, with no I/O at all), emits `dispatch.completed` or `dispatch.failed`, and returns
   * the outcome with metrics (`started_at`, `finished_at`, `timeout_ms`, the lane's counters).
   *
   * Rejects only before anything happened — an invalid intent or route (`INVALID_CONTRACT`),
   * invalid options (`INVALID_OPTIONS`), no lane for the protocol (`NOT_SUPPORTED`); failures
   * after that are facts in the outcome. A deadline already past fails as `timeout` without I/O.
   */
  execute(intent: unknown, route: unknown, options?: KernelExecuteOptions): Promise<KernelExecutionResult>;
}

/**
 * Creates a kernel with lane bindings.
 *
 * @example
 * const kernel = createKernel({ lanes: [httpKernelLane, processKernelLane] });
 * const { outcome, events } = await kernel.execute(intent, route, { emit: (e) => log(e.event_type) });
 */
export function createKernel(options: KernelOptions = {}): Kernel {
  const kernel = new KernelRegistry();
  const lanes = options.lanes ?? [];
  if (!Array.isArray(lanes))
    throw invalidOptions('lanes', 'an array of lane bindings', typeof lanes, 'createKernel()');
  const seen = new Set<string>();
  for (const binding of lanes) {
    if (seen.has(binding?.protocol)) {
      throw invalidOptions(
        'lanes',
        'one binding per protocol',
        `two for "${binding.protocol}"`,
        'createKernel()',
      );
    }
    seen.add(binding?.protocol);
    kernel.register(binding);
  }
  return kernel;
}

class KernelRegistry implements Kernel {
  #bindings = new Map<KernelProtocol, AnyBinding>();

  get protocols(): readonly KernelProtocol[] {
    return KERNEL_PROTOCOLS.filter((protocol) => this.#bindings.has(protocol));
  }

  register(binding: AnyBinding): void {
    const entry = 'kernel.register()';
    if (typeof binding !== 'object' || binding === null)
      throw invalidOptions('binding', 'an object', typeof binding, entry);
    if (!KERNEL_PROTOCOLS.includes(binding.protocol)) {
      throw invalidOptions(
        'protocol',
        `one of ${KERNEL_PROTOCOLS.join(', ')}`,
        String(binding.protocol),
        entry,
      );
    }
    if (typeof binding.lane?.start !== 'function' || typeof binding.lane.plan !== 'function') {
      throw invalidOptions('lane', 'a Lane', typeof binding.lane, entry);
    }
    if (typeof binding.toPayload !== 'function') {
      throw invalidOptions('toPayload', 'a function', typeof binding.toPayload, entry);
    }
    this.#bindings.set(binding.protocol, binding);
  }

  async execute(
    intent: unknown,
    route: unknown,
    options?: KernelExecuteOptions,
  ): Promise<KernelExecutionResult> {
    const opts = resolveKernelOptions(options, 'kernel.execute()');
    const plan = buildDispatchPlan(intent, route, { timeoutMs: opts.timeoutMs, now: opts.now });
    const simulated = isLowerSimulationConfigured(plan);
    const binding = simulated ? undefined : this.#binding(plan.protocol);
    const startedMs = performance.now();
    // Start before the first event so mapping and payload errors reject with nothing emitted.
    const execution = binding && !plan.deadlineExpired ? startLane(binding, plan, opts.signal) : undefined;

    const events: ExecutionEventV1[] = [];
    let startedAt: string;
    try {
      startedAt = this.#emit(plan, opts, events, 'dispatch.started', {
        family: plan.family,
        protocol: plan.protocol,
        timeout_ms: plan.timeoutMs,
        placement_family: plan.route.placement_family,
      });
    } catch (error) {
      // A throwing observer rejects execute; the lane it would have reported must not run on unseen.
      void execution?.cancel('dispatch.started observer threw');
      throw error;
    }
    let run: DispatchRun;
    if (plan.deadlineExpired) run = expired(plan);
    else if (binding && execution) run = await finishLane(binding, execution);
    else run = await runLowerSimulation(plan, startedMs);
    const finishedAt = this.#emit(
      plan,
      opts,
      events,
      run.ok ? 'dispatch.completed' : 'dispatch.failed',
      run.ok
        ? { family: plan.family, status: 'succeeded' }
        : { family: plan.family, status: 'failed', failure_class: run.failure?.failure_class ?? null },
    );

    const metrics: JsonMap = { ...run.metrics };
    metrics.started_at ??= startedAt;
    metrics.finished_at ??= finishedAt;
    metrics.timeout_ms ??= plan.timeoutMs;
    const outcome = decodeContract(
      {
        route_id: plan.routeId,
        status: run.ok ? 'succeeded' : 'failed',
        family: plan.family,
        raw_payload: run.raw_payload,
        artifacts: run.artifacts,
        metrics,
        failure: run.failure,
        lineage: plan.route.lineage,
      },
      'execution_outcome.v1',
    );
    return { ok: run.ok, plan, events, outcome };
  }

  #binding(protocol: KernelProtocol): AnyBinding {
    const binding = this.#bindings.get(protocol);
    if (binding) return binding;
    throw new ExecutionError('NOT_SUPPORTED', `no lane registered for protocol ${JSON.stringify(protocol)}`, {
      details: { protocol, registered: this.protocols },
    });
  }

  #emit(
    plan: AnyDispatchPlan,
    opts: ResolvedKernelOptions,
    events: ExecutionEventV1[],
    type: string,
    payload: JsonMap,
  ): string {
    const event = dispatchEvent(plan, type, payload, opts.now());
    events.push(event);
    opts.emit?.(event);
    return event.timestamp;
  }
}

function expired(plan: AnyDispatchPlan): DispatchRun {
  return {
    ok: false,
    raw_payload: {},
    metrics: { duration_ms: 0 },
    failure: createFailureV1({
      failure_class: 'timeout',
      reason: 'deadline already passed before dispatch',
      details: { deadline_at: plan.intent.envelope.deadline_at },
    }),
    artifacts: [],
  };
}
