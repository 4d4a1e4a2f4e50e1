import type { AdmissionRejection } from '../core/contracts/boundary/admission-rejection.js';
import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import type { TargetClient } from '../core/contracts/boundary/boundary-interfaces.js';
import {
  type ExecutionRequest,
  ExecutionRequestSchema,
} from '../core/contracts/boundary/execution-request.js';
import { isExecutionError } from '../core/errors.js';
import type { DispatchPlan } from './dispatch.js';
import type { NodeRegistry } from './node-registry.js';
import { rejection } from './rejections.js';

/** A target request that cannot run here, and what to answer with. */
export interface TargetRefusal {
  readonly ok: false;
  readonly rejection: AdmissionRejection;
  readonly request: ExecutionRequest | null;
}

/**
 * The plan for an execution request another node admitted and dispatched to this one as its
 * target: it runs on this node's lane of that id, under the execution ref and decision context the
 * request carries. This node does not admit it again — the dispatching node did — so serve the
 * target role only to peers you trust (see `serveNode`'s `target` option).
 */
export function targetPlanOf(
  input: unknown,
  registry: NodeRegistry,
  client: TargetClient,
  running: (ref: string) => boolean,
): { ok: true; plan: DispatchPlan } | TargetRefusal {
  let request: ExecutionRequest;
  try {
    request = decodeBoundary(ExecutionRequestSchema, input);
  } catch (error) {
    const message = isExecutionError(error) ? error.message : 'request could not be read';
    return { ok: false, rejection: rejection('invalid_request', null, {}, message), request: null };
  }
  const requestId = request.admission_request?.request_id ?? null;
  const ref = request.execution_ref;
  if (ref === null || ref.length === 0 || running(ref)) {
    const message = ref ? 'execution_ref is already running here' : 'execution_ref is required';
    return { ok: false, rejection: rejection('invalid_request', requestId, {}, message), request };
  }
  const lane = request.lane_id === null ? undefined : registry.lanes.get(request.lane_id);
  if (!lane) return { ok: false, rejection: rejection('lane_not_registered', requestId), request };
  const target = request.target_descriptor;
  return {
    ok: true,
    plan: {
      request,
      lane,
      client,
      context: {
        execution_ref: ref,
        request_id: requestId,
        lane_id: lane.id,
        policy_bundle_hash: request.admission_request?.sandbox_profile?.bundle_hash ?? null,
        target_id: target?.target_id ?? null,
        target_verifier_id: target?.verifier_id ?? null,
        attestation_class: null,
        redacted: null,
      },
    },
  };
}
