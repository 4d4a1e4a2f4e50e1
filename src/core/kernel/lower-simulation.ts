import { decodeContract } from '../contracts/codec.js';
import type { JsonMap, JsonValue } from '../contracts/primitives/json-value.js';
import { compareUtf8 } from '../contracts/primitives/utf8-order.js';
import { createFailureV1 } from '../contracts/v1/failure-v1.js';
import type { HttpExecutionIntentV1 } from '../contracts/v1/http-execution-intent-v1.js';
import type { ProcessExecutionIntentV1 } from '../contracts/v1/process-execution-intent-v1.js';
import { isExecutionError } from '../errors.js';
import type { AnyDispatchPlan } from './dispatch-plan.js';
import type { DispatchRun } from './dispatch-run.js';
import { fingerprint } from './fingerprint.js';
import {
  checkSimulationDescriptor,
  SIDE_EFFECT_POLICY_BY_PROTOCOL,
  type SimulatedProtocol,
  type SimulationDescriptor,
} from './simulation-descriptor.js';

/** True when the route asks for lower simulation (`resolved_target.lower_simulation` set). */
export function isLowerSimulationConfigured(plan: AnyDispatchPlan): boolean {
  const descriptor = plan.route.resolved_target.lower_simulation;
  return descriptor !== undefined && descriptor !== null;
}

/**
 * Runs a route-configured lower simulation instead of I/O. The only switch is the owner-configured
 * `resolved_target.lower_simulation` — never a request option. A valid descriptor yields its
 * scripted raw payload plus a `LowerSimulationEvidence.v1` artifact (sha256 fingerprints of the
 * input fact and the output, byte sizes, the payload's key shape — never raw input). An invalid
 * descriptor, or a protocol that cannot be simulated, fails as `route_unresolved` with
 * `side_effect_result: blocked_before_dispatch`. Either way nothing is spawned or sent.
 */
export async function runLowerSimulation(plan: AnyDispatchPlan, startedMs: number): Promise<DispatchRun> {
  const descriptor = plan.route.resolved_target.lower_simulation;
  // Fail closed: a simulated route of a protocol without a side-effect policy must not fall through to real I/O.
  if (!Object.hasOwn(SIDE_EFFECT_POLICY_BY_PROTOCOL, plan.protocol)) {
    return blocked(`unsupported_lower_simulation_protocol: ${plan.protocol}`, startedMs);
  }
  const protocol = plan.protocol as SimulatedProtocol;
  const check = checkSimulationDescriptor(protocol, descriptor);
  if (!check.ok) return blocked(check.reason, startedMs);
  try {
    const artifact = await evidenceArtifact(plan, protocol, check.descriptor);
    const metrics: JsonMap = { ...check.descriptor.metrics };
    metrics.duration_ms ??= elapsed(startedMs);
    return {
      ok: check.descriptor.status === 'succeeded',
      raw_payload: check.descriptor.raw_payload,
      metrics,
      failure: check.descriptor.failure,
      artifacts: [artifact],
    };
  } catch (error) {
    // Evidence the scenario cannot satisfy (e.g. an empty payload key) blocks the route too.
    if (!isExecutionError(error)) throw error;
    return blocked(
      `invalid_lower_simulation_evidence: ${String(error.details.reason ?? error.message)}`,
      startedMs,
    );
  }
}

async function evidenceArtifact(
  plan: AnyDispatchPlan,
  protocol: SimulatedProtocol,
  descriptor: SimulationDescriptor,
): Promise<JsonMap> {
  const evidence = decodeContract(
    {
      scenario_ref: descriptor.scenario_ref,
      route_id: plan.routeId,
      family: plan.family,
      protocol: plan.route.protocol,
      side_effect_policy: descriptor.side_effect_policy,
      side_effect_result: 'not_attempted',
      outcome_contract_version: 'execution_outcome.v1',
      outcome_status: descriptor.status,
      outcome_family: plan.family,
      input_fingerprint: await fingerprint(inputFact(protocol, plan)),
      output_fingerprint: await fingerprint(descriptor.raw_payload),
      raw_payload_shape: Object.keys(descriptor.raw_payload).sort(compareUtf8),
      lineage: plan.route.lineage,
    },
    'ExecutionPlane.LowerSimulationEvidence.v1',
  );
  return {
    artifact_ref: `artifact://execution-plane/lower-simulation/${plan.routeId}`,
    kind: 'lower_simulation_evidence',
    contract_version: 'ExecutionPlane.LowerSimulationEvidence.v1',
    no_egress_policy_ref: descriptor.no_egress_policy.policy_ref,
    negative_evidence_refs: descriptor.no_egress_policy.required_negative_evidence,
    evidence: evidence as unknown as JsonValue,
  };
}

// The input fact is what a real dispatch would have sent; only its fingerprint is kept.
function inputFact(protocol: SimulatedProtocol, plan: AnyDispatchPlan): JsonMap {
  if (protocol === 'http') {
    const intent = plan.intent as HttpExecutionIntentV1;
    return {
      family: 'http',
      request_shape: intent.request_shape,
      stream_mode: intent.stream_mode,
      headers: intent.headers,
      body: intent.body,
    };
  }
  const intent = plan.intent as ProcessExecutionIntentV1;
  return {
    family: 'process',
    command: intent.command,
    argv: intent.argv,
    env_projection: intent.env_projection,
    cwd: intent.cwd,
    stdin: intent.stdin,
  };
}

function blocked(reason: string, startedMs: number): DispatchRun {
  return {
    ok: false,
    raw_payload: { error: reason, side_effect_result: 'blocked_before_dispatch' },
    metrics: { duration_ms: elapsed(startedMs) },
    failure: createFailureV1({
      failure_class: 'route_unresolved',
      reason: 'invalid lower simulation route',
      details: { cause: reason },
    }),
    artifacts: [],
  };
}

function elapsed(startedMs: number): number {
  return Math.max(0, Math.round(performance.now() - startedMs));
}
