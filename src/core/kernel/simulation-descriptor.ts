import { decodeContract } from '../contracts/codec.js';
import { isPlainMap, type JsonMap } from '../contracts/primitives/json-value.js';
import { renderValue } from '../contracts/primitives/render-value.js';
import { createFailureV1, type FailureV1 } from '../contracts/v1/failure-v1.js';
import type { NoEgressPolicyV1 } from '../contracts/v1/no-egress-policy-v1.js';
import { isExecutionError } from '../errors.js';

/** A validated `resolved_target.lower_simulation` descriptor. */
export interface SimulationDescriptor {
  readonly scenario_ref: string;
  readonly status: 'succeeded' | 'failed';
  readonly raw_payload: JsonMap;
  readonly metrics: JsonMap;
  readonly failure: FailureV1 | null;
  readonly no_egress_policy: NoEgressPolicyV1;
  readonly side_effect_policy: 'deny_external_egress' | 'deny_process_spawn';
}

/** The side-effect policy each simulated protocol runs under. */
export const SIDE_EFFECT_POLICY_BY_PROTOCOL = {
  http: 'deny_external_egress',
  process: 'deny_process_spawn',
} as const;

/** A simulated lower protocol. */
export type SimulatedProtocol = keyof typeof SIDE_EFFECT_POLICY_BY_PROTOCOL;

/** Either the descriptor, or why it is invalid (`<reason_code>: <detail>`). */
export type DescriptorCheck =
  | { readonly ok: true; readonly descriptor: SimulationDescriptor }
  | { readonly ok: false; readonly reason: string };

/**
 * Validates a lower-simulation descriptor in the reference's order: map, `scenario_ref`,
 * `status`, `raw_payload`, `metrics`, `failure`, `no_egress_policy`, `side_effect_policy`. The
 * first problem is returned as a reason; nothing here throws.
 */
export function checkSimulationDescriptor(protocol: SimulatedProtocol, descriptor: unknown): DescriptorCheck {
  const invalid = (reason: string): DescriptorCheck => ({ ok: false, reason });
  if (!isPlainMap(descriptor))
    return invalid(`invalid_lower_simulation_descriptor: ${renderValue(descriptor)}`);
  const d = descriptor as JsonMap;
  if (typeof d.scenario_ref !== 'string' || d.scenario_ref === '') {
    return invalid('missing_required_lower_simulation_key: scenario_ref');
  }
  const status = d.status ?? 'succeeded';
  if (status !== 'succeeded' && status !== 'failed') {
    return invalid(`unsupported_lower_simulation_status: ${renderValue(status)}`);
  }
  if (!isPlainMap(d.raw_payload)) return invalid('missing_required_lower_simulation_key: raw_payload');
  const metrics = d.metrics ?? { duration_ms: 0 };
  if (!isPlainMap(metrics)) return invalid(`invalid_lower_simulation_metrics: ${renderValue(metrics)}`);
  let failure: FailureV1 | null = null;
  if (status === 'succeeded') {
    if (d.failure !== undefined && d.failure !== null) {
      return invalid(`successful_lower_simulation_cannot_have_failure: ${renderValue(d.failure)}`);
    }
  } else {
    const attrs = d.failure ?? { failure_class: 'transport_failed', reason: 'simulated failure' };
    const decoded = tryDecode(() => createFailureV1(attrs));
    if (!decoded.ok) return invalid(`invalid_lower_simulation_failure: ${decoded.reason}`);
    failure = decoded.value;
  }
  if (!Object.hasOwn(d, 'no_egress_policy'))
    return invalid('missing_required_lower_simulation_key: no_egress_policy');
  const policy = tryDecode(() => decodeContract(d.no_egress_policy, 'ExecutionPlane.NoEgressPolicy.v1'));
  if (!policy.ok) return invalid(`invalid_no_egress_policy: ${policy.reason}`);
  const expected = SIDE_EFFECT_POLICY_BY_PROTOCOL[protocol];
  const sideEffectPolicy = d.side_effect_policy ?? expected;
  if (sideEffectPolicy !== expected) {
    return invalid(
      `invalid_lower_simulation_side_effect_policy: ${renderValue(sideEffectPolicy)} (expected ${JSON.stringify(expected)})`,
    );
  }
  return {
    ok: true,
    descriptor: {
      scenario_ref: d.scenario_ref,
      status,
      raw_payload: d.raw_payload,
      metrics,
      failure,
      no_egress_policy: policy.value,
      side_effect_policy: expected,
    },
  };
}

function tryDecode<T>(decode: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (!isExecutionError(error)) throw error;
    return { ok: false, reason: String(error.details.reason ?? error.message) };
  }
}
