import type * as z from 'zod/mini';
import { type ExecutionSurface, ExecutionSurfaceSchema } from '../placements/execution-surface.js';
import {
  type AdapterSelectionPolicyV1,
  AdapterSelectionPolicyV1Schema,
} from './v1/adapter-selection-policy-v1.js';
import { type AttachGrantV1, AttachGrantV1Schema } from './v1/attach-grant-v1.js';
import { type AuthorityDecisionV1, AuthorityDecisionV1Schema } from './v1/authority-decision-v1.js';
import {
  type BoundarySessionDescriptorV1,
  BoundarySessionDescriptorV1Schema,
} from './v1/boundary-session-descriptor-v1.js';
import { type CredentialHandleRefV1, CredentialHandleRefV1Schema } from './v1/credential-handle-ref-v1.js';
import { type ExecutionEventV1, ExecutionEventV1Schema } from './v1/execution-event-v1.js';
import {
  type ExecutionEvidenceBoundaryV1,
  ExecutionEvidenceBoundaryV1Schema,
} from './v1/execution-evidence-boundary-v1.js';
import {
  type ExecutionIntentEnvelopeV1,
  ExecutionIntentEnvelopeV1Schema,
} from './v1/execution-intent-envelope-v1.js';
import { type ExecutionOutcomeV1, ExecutionOutcomeV1Schema } from './v1/execution-outcome-v1.js';
import { type ExecutionRouteV1, ExecutionRouteV1Schema } from './v1/execution-route-v1.js';
import { type HttpExecutionIntentV1, HttpExecutionIntentV1Schema } from './v1/http-execution-intent-v1.js';
import {
  type JsonRpcExecutionIntentV1,
  JsonRpcExecutionIntentV1Schema,
} from './v1/jsonrpc-execution-intent-v1.js';
import {
  type LowerSimulationEvidenceV1,
  LowerSimulationEvidenceV1Schema,
} from './v1/lower-simulation-evidence-v1.js';
import {
  type LowerSimulationScenarioV1,
  LowerSimulationScenarioV1Schema,
} from './v1/lower-simulation-scenario-v1.js';
import { type NoBypassScanV1, NoBypassScanV1Schema } from './v1/no-bypass-scan-v1.js';
import { type NoEgressPolicyV1, NoEgressPolicyV1Schema } from './v1/no-egress-policy-v1.js';
import {
  type OperatorTerminalSurfaceV1,
  OperatorTerminalSurfaceV1Schema,
} from './v1/operator-terminal-surface-v1.js';
import {
  type ProcessExecutionIntentV1,
  ProcessExecutionIntentV1Schema,
} from './v1/process-execution-intent-v1.js';
import {
  type StreamAttachRevocationV1,
  StreamAttachRevocationV1Schema,
} from './v1/stream-attach-revocation-v1.js';
import { type StreamBackpressureV1, StreamBackpressureV1Schema } from './v1/stream-backpressure-v1.js';
import { type WorkerBudgetV1, WorkerBudgetV1Schema } from './v1/worker-budget-v1.js';

/** The decoded value of every string-tagged contract, keyed by its `contract_version` tag. */
export interface ContractTypes {
  'authority_decision.v1': AuthorityDecisionV1;
  'boundary_session_descriptor.v1': BoundarySessionDescriptorV1;
  'execution_intent_envelope.v1': ExecutionIntentEnvelopeV1;
  'http_execution_intent.v1': HttpExecutionIntentV1;
  'process_execution_intent.v1': ProcessExecutionIntentV1;
  'jsonrpc_execution_intent.v1': JsonRpcExecutionIntentV1;
  'execution_route.v1': ExecutionRouteV1;
  'ExecutionPlane.AttachGrant.v1': AttachGrantV1;
  'credential_handle_ref.v1': CredentialHandleRefV1;
  'execution_event.v1': ExecutionEventV1;
  'execution_outcome.v1': ExecutionOutcomeV1;
  'ExecutionPlane.LowerSimulationScenario.v1': LowerSimulationScenarioV1;
  'ExecutionPlane.LowerSimulationEvidence.v1': LowerSimulationEvidenceV1;
  'ExecutionPlane.ExecutionEvidenceBoundary.v1': ExecutionEvidenceBoundaryV1;
  'ExecutionPlane.NoEgressPolicy.v1': NoEgressPolicyV1;
  'ExecutionPlane.AdapterSelectionPolicy.v1': AdapterSelectionPolicyV1;
  'ExecutionPlane.StreamBackpressure.v1': StreamBackpressureV1;
  'ExecutionPlane.WorkerBudget.v1': WorkerBudgetV1;
  'ExecutionPlane.NoBypassScan.v1': NoBypassScanV1;
  'ExecutionPlane.StreamAttachRevocation.v1': StreamAttachRevocationV1;
  'execution_surface.v1': ExecutionSurface;
  'operator_terminal_surface.v1': OperatorTerminalSurfaceV1;
}

/** A tag {@link decodeContract} dispatches on: the 20 V1 tags plus `execution_surface.v1` and `operator_terminal_surface.v1`. */
export type DecodableTag = keyof ContractTypes;

/** Any decoded string-tagged contract. */
export type AnyContract = ContractTypes[DecodableTag];

/** The schema of every decodable tag (the codec's dispatch table). */
export const CONTRACT_SCHEMAS: { readonly [T in DecodableTag]: z.ZodMiniType<ContractTypes[T], unknown> } = {
  'authority_decision.v1': AuthorityDecisionV1Schema,
  'boundary_session_descriptor.v1': BoundarySessionDescriptorV1Schema,
  'execution_intent_envelope.v1': ExecutionIntentEnvelopeV1Schema,
  'http_execution_intent.v1': HttpExecutionIntentV1Schema,
  'process_execution_intent.v1': ProcessExecutionIntentV1Schema,
  'jsonrpc_execution_intent.v1': JsonRpcExecutionIntentV1Schema,
  'execution_route.v1': ExecutionRouteV1Schema,
  'ExecutionPlane.AttachGrant.v1': AttachGrantV1Schema,
  'credential_handle_ref.v1': CredentialHandleRefV1Schema,
  'execution_event.v1': ExecutionEventV1Schema,
  'execution_outcome.v1': ExecutionOutcomeV1Schema,
  'ExecutionPlane.LowerSimulationScenario.v1': LowerSimulationScenarioV1Schema,
  'ExecutionPlane.LowerSimulationEvidence.v1': LowerSimulationEvidenceV1Schema,
  'ExecutionPlane.ExecutionEvidenceBoundary.v1': ExecutionEvidenceBoundaryV1Schema,
  'ExecutionPlane.NoEgressPolicy.v1': NoEgressPolicyV1Schema,
  'ExecutionPlane.AdapterSelectionPolicy.v1': AdapterSelectionPolicyV1Schema,
  'ExecutionPlane.StreamBackpressure.v1': StreamBackpressureV1Schema,
  'ExecutionPlane.WorkerBudget.v1': WorkerBudgetV1Schema,
  'ExecutionPlane.NoBypassScan.v1': NoBypassScanV1Schema,
  'ExecutionPlane.StreamAttachRevocation.v1': StreamAttachRevocationV1Schema,
  'execution_surface.v1': ExecutionSurfaceSchema,
  'operator_terminal_surface.v1': OperatorTerminalSurfaceV1Schema,
};

/** True when `tag` is a tag {@link CONTRACT_SCHEMAS} knows. */
export function isDecodableTag(tag: unknown): tag is DecodableTag {
  return typeof tag === 'string' && Object.hasOwn(CONTRACT_SCHEMAS, tag);
}
