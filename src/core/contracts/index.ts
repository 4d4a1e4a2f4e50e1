/**
 * `execution-plane/core/contracts`, the wire contracts: the reference's V1 contracts
 * and boundary values (zod schemas and their types, snake_case wire names, version tags), the
 * codecs that decode any contract JSON and re-encode it canonically, fixtures, lineage, and the
 * interfaces of the governed path (runtime and target clients, verifiers, evidence sinks).
 *
 * Part of the core family (zod only, no lane); its own entry point so that `execution-plane/core`
 * stays small. `import * as contracts` of `execution-plane/core/contracts` reads as the namespace did.
 *
 * @module
 */

import '../../internal/runtime-guard.js';

export {
  type AcceptableAttestation,
  AcceptableAttestationSchema,
  intersectAttestation,
  isAttestationEmpty,
} from './boundary/acceptable-attestation.js';
export { type AdmissionDecision, AdmissionDecisionSchema } from './boundary/admission-decision.js';
export {
  type AdmissionRejection,
  AdmissionRejectionSchema,
  createRejection,
} from './boundary/admission-rejection.js';
export { type AdmissionRequest, AdmissionRequestSchema } from './boundary/admission-request.js';
export { type AuthorityRef, AuthorityRefSchema } from './boundary/authority-ref.js';
export { decodeBoundary, encodeBoundary } from './boundary/boundary-codec.js';
export {
  type BoundaryExecutionEvent,
  BoundaryExecutionEventSchema,
} from './boundary/boundary-execution-event.js';
export type {
  AdmissionRequestInput,
  AnyLane,
  AuthorityVerifier,
  BoundaryCallOptions,
  EvidenceSink,
  ExecutionStream,
  RuntimeCallOptions,
  RuntimeClient,
  TargetCallOptions,
  TargetClient,
  TargetVerifier,
  Verdict,
} from './boundary/boundary-interfaces.js';
export {
  BOUNDARY_CONTRACT_VERSION,
  isContractVersionCompatible,
  normalizeContractVersion,
  supportedContractVersionRange,
} from './boundary/contract-version.js';
export { type Evidence, EvidenceSchema } from './boundary/evidence.js';
export {
  createExecutionRef,
  type ExecutionRef,
  ExecutionRefSchema,
} from './boundary/execution-ref.js';
export { type ExecutionRequest, ExecutionRequestSchema } from './boundary/execution-request.js';
export { type ExecutionResult, ExecutionResultSchema } from './boundary/execution-result.js';
export {
  type BoundaryLaneCapabilities,
  BoundaryLaneCapabilitiesSchema,
} from './boundary/lane-capabilities.js';
export { type NodeDescriptor, NodeDescriptorSchema } from './boundary/node-descriptor.js';
export { type PlacementSurface, PlacementSurfaceSchema } from './boundary/placement-surface.js';
export {
  directLowerLaneOwnerProvenance,
  isDirectProvenance,
  nodeAdmittedProvenance,
  type Provenance,
  ProvenanceSchema,
} from './boundary/provenance.js';
export { type RuntimeConstraint, RuntimeConstraintSchema } from './boundary/runtime-constraint.js';
export { type SandboxProfile, SandboxProfileSchema } from './boundary/sandbox-profile.js';
export { type TargetAttestation, TargetAttestationSchema } from './boundary/target-attestation.js';
export { type TargetDescriptor, TargetDescriptorSchema } from './boundary/target-descriptor.js';
export { decodeContract, encodeContract } from './codec.js';
export {
  HANDOFF_STATUSES,
  handoffReceiptId,
  LOCAL_SPOOL_MODES,
  laneChurnFactId,
  pressureFactId,
  reconnectFactId,
} from './fact-ids.js';
export { type ContractFixtureName, contractFixtures } from './fixtures/contract-fixtures.js';
export { fixtureLineage } from './fixtures/fixture-lineage.js';
export { buildEnvelope, type EnvelopeAttrs } from './lane-support/build-envelope.js';
export { buildLineage, type LineageOverrides } from './lane-support/build-lineage.js';
export { buildRoute, type RouteSpec } from './lane-support/build-route.js';
export { collectV1, type ToV1Options, toV1, type V1Facts } from './lane-support/to-v1.js';
export {
  createPrecutMetadata,
  type PrecutMetadata,
  type PrecutName,
  type PrecutResult,
  SIDE_EFFECT_IDEMPOTENCY_SCOPE,
  sameRetryScope,
  sideEffectKey,
} from './precut-metadata.js';
export { canonicalJson } from './primitives/canonical-json.js';
export { isIso8601 } from './primitives/iso8601.js';
export type { JsonMap, JsonValue } from './primitives/json-value.js';
export {
  type EventLineage,
  LINEAGE_KEYS,
  type Lineage,
  type LineageKey,
  type LineageWith,
  ROUTE_LINEAGE_KEYS,
  type RouteLineage,
} from './primitives/lineage.js';
export { isOpaqueHandleRef } from './primitives/opaque-ref.js';
export { onTraceIdBackfill, type TraceIdBackfill } from './primitives/trace-backfill.js';
export {
  CONTRACT_VERSIONS,
  type ContractKey,
  type ContractTag,
} from './primitives/version-tags.js';
export {
  type AnyContract,
  CONTRACT_SCHEMAS,
  type ContractTypes,
  type DecodableTag,
} from './registry.js';
export {
  type AdapterSelectionPolicyV1,
  AdapterSelectionPolicyV1Schema,
} from './v1/adapter-selection-policy-v1.js';
export { type AttachGrantV1, AttachGrantV1Schema } from './v1/attach-grant-v1.js';
export { type AuthorityDecisionV1, AuthorityDecisionV1Schema } from './v1/authority-decision-v1.js';
export {
  type BoundarySessionDescriptorV1,
  BoundarySessionDescriptorV1Schema,
} from './v1/boundary-session-descriptor-v1.js';
export {
  type CredentialHandleRefV1,
  CredentialHandleRefV1Schema,
} from './v1/credential-handle-ref-v1.js';
export {
  type EvidenceBoundaryOptions,
  evidenceBoundaryFromOutcome,
  evidenceScanResult,
} from './v1/evidence-boundary-from-outcome.js';
export { type ExecutionEventV1, ExecutionEventV1Schema } from './v1/execution-event-v1.js';
export {
  type ExecutionEvidenceBoundaryV1,
  ExecutionEvidenceBoundaryV1Schema,
} from './v1/execution-evidence-boundary-v1.js';
export {
  type ExecutionIntentEnvelopeV1,
  ExecutionIntentEnvelopeV1Schema,
} from './v1/execution-intent-envelope-v1.js';
export { type ExecutionOutcomeV1, ExecutionOutcomeV1Schema } from './v1/execution-outcome-v1.js';
export { type ExecutionRouteV1, ExecutionRouteV1Schema } from './v1/execution-route-v1.js';
export { createFailureV1, type FailureV1, FailureV1Schema, toFailureV1 } from './v1/failure-v1.js';
export {
  type HttpExecutionIntentV1,
  HttpExecutionIntentV1Schema,
} from './v1/http-execution-intent-v1.js';
export {
  type JsonRpcExecutionIntentV1,
  JsonRpcExecutionIntentV1Schema,
} from './v1/jsonrpc-execution-intent-v1.js';
export {
  type LowerSimulationEvidenceV1,
  LowerSimulationEvidenceV1Schema,
} from './v1/lower-simulation-evidence-v1.js';
export {
  type LowerSimulationScenarioV1,
  LowerSimulationScenarioV1Schema,
} from './v1/lower-simulation-scenario-v1.js';
export { type NoBypassScanV1, NoBypassScanV1Schema } from './v1/no-bypass-scan-v1.js';
export {
  defaultLowerBoundaryPolicy,
  type NoEgressPolicyV1,
  NoEgressPolicyV1Schema,
} from './v1/no-egress-policy-v1.js';
export {
  createOperatorTerminalSurface,
  type OperatorTerminalSurfaceKind,
  type OperatorTerminalSurfaceV1,
  OperatorTerminalSurfaceV1Schema,
} from './v1/operator-terminal-surface-v1.js';
export {
  type ProcessExecutionIntentV1,
  ProcessExecutionIntentV1Schema,
} from './v1/process-execution-intent-v1.js';
export { findRawDurableEvidence } from './v1/raw-evidence-scan.js';
export {
  type StreamAttachRevocationV1,
  StreamAttachRevocationV1Schema,
} from './v1/stream-attach-revocation-v1.js';
export {
  type StreamBackpressureV1,
  StreamBackpressureV1Schema,
} from './v1/stream-backpressure-v1.js';
export { type WorkerBudgetV1, WorkerBudgetV1Schema } from './v1/worker-budget-v1.js';
