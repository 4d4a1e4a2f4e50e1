/**
 * `execution-plane/core`: the execution model every lane plugs into — the {@link Lane} contract,
 * the {@link Execution} handle, events, outcomes, the failure taxonomy and {@link ExecutionError}.
 *
 * Core depends on zod only; importing it never loads a process, socket or HTTP library.
 *
 * @module
 */

import '../internal/runtime-guard.js';

// Contracts: wire values, codecs and fixtures.
export {
  type AcceptableAttestation,
  AcceptableAttestationSchema,
  intersectAttestation,
  isAttestationEmpty,
} from './contracts/boundary/acceptable-attestation.js';
export { type AdmissionDecision, AdmissionDecisionSchema } from './contracts/boundary/admission-decision.js';
export {
  type AdmissionRejection,
  AdmissionRejectionSchema,
  createRejection,
} from './contracts/boundary/admission-rejection.js';
export { type AdmissionRequest, AdmissionRequestSchema } from './contracts/boundary/admission-request.js';
export { type AuthorityRef, AuthorityRefSchema } from './contracts/boundary/authority-ref.js';
export { decodeBoundary, encodeBoundary } from './contracts/boundary/boundary-codec.js';
export {
  type BoundaryExecutionEvent,
  BoundaryExecutionEventSchema,
} from './contracts/boundary/boundary-execution-event.js';
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
} from './contracts/boundary/boundary-interfaces.js';
export {
  BOUNDARY_CONTRACT_VERSION,
  isContractVersionCompatible,
  normalizeContractVersion,
  supportedContractVersionRange,
} from './contracts/boundary/contract-version.js';
export { type Evidence, EvidenceSchema } from './contracts/boundary/evidence.js';
export {
  createExecutionRef,
  type ExecutionRef,
  ExecutionRefSchema,
} from './contracts/boundary/execution-ref.js';
export { type ExecutionRequest, ExecutionRequestSchema } from './contracts/boundary/execution-request.js';
export { type ExecutionResult, ExecutionResultSchema } from './contracts/boundary/execution-result.js';
export {
  type BoundaryLaneCapabilities,
  BoundaryLaneCapabilitiesSchema,
} from './contracts/boundary/lane-capabilities.js';
export { type NodeDescriptor, NodeDescriptorSchema } from './contracts/boundary/node-descriptor.js';
export { type PlacementSurface, PlacementSurfaceSchema } from './contracts/boundary/placement-surface.js';
export {
  directLowerLaneOwnerProvenance,
  isDirectProvenance,
  nodeAdmittedProvenance,
  type Provenance,
  ProvenanceSchema,
} from './contracts/boundary/provenance.js';
export { type RuntimeConstraint, RuntimeConstraintSchema } from './contracts/boundary/runtime-constraint.js';
export { type SandboxProfile, SandboxProfileSchema } from './contracts/boundary/sandbox-profile.js';
export { type TargetAttestation, TargetAttestationSchema } from './contracts/boundary/target-attestation.js';
export { type TargetDescriptor, TargetDescriptorSchema } from './contracts/boundary/target-descriptor.js';
export { decodeContract, encodeContract } from './contracts/codec.js';
export {
  HANDOFF_STATUSES,
  handoffReceiptId,
  LOCAL_SPOOL_MODES,
  laneChurnFactId,
  pressureFactId,
  reconnectFactId,
} from './contracts/fact-ids.js';
export { type ContractFixtureName, contractFixtures } from './contracts/fixtures/contract-fixtures.js';
export { fixtureLineage } from './contracts/fixtures/fixture-lineage.js';
export {
  createPrecutMetadata,
  type PrecutMetadata,
  type PrecutName,
  type PrecutResult,
  SIDE_EFFECT_IDEMPOTENCY_SCOPE,
  sameRetryScope,
  sideEffectKey,
} from './contracts/precut-metadata.js';
export { canonicalJson } from './contracts/primitives/canonical-json.js';
export { isIso8601 } from './contracts/primitives/iso8601.js';
export type { JsonMap, JsonValue } from './contracts/primitives/json-value.js';
export {
  type EventLineage,
  LINEAGE_KEYS,
  type Lineage,
  type LineageKey,
  type LineageWith,
  ROUTE_LINEAGE_KEYS,
  type RouteLineage,
} from './contracts/primitives/lineage.js';
export { isOpaqueHandleRef } from './contracts/primitives/opaque-ref.js';
export { onTraceIdBackfill, type TraceIdBackfill } from './contracts/primitives/trace-backfill.js';
export {
  CONTRACT_VERSIONS,
  type ContractKey,
  type ContractTag,
} from './contracts/primitives/version-tags.js';
export {
  type AnyContract,
  CONTRACT_SCHEMAS,
  type ContractTypes,
  type DecodableTag,
} from './contracts/registry.js';
export {
  type AdapterSelectionPolicyV1,
  AdapterSelectionPolicyV1Schema,
} from './contracts/v1/adapter-selection-policy-v1.js';
export { type AttachGrantV1, AttachGrantV1Schema } from './contracts/v1/attach-grant-v1.js';
export { type AuthorityDecisionV1, AuthorityDecisionV1Schema } from './contracts/v1/authority-decision-v1.js';
export {
  type BoundarySessionDescriptorV1,
  BoundarySessionDescriptorV1Schema,
} from './contracts/v1/boundary-session-descriptor-v1.js';
export {
  type CredentialHandleRefV1,
  CredentialHandleRefV1Schema,
} from './contracts/v1/credential-handle-ref-v1.js';
export {
  type EvidenceBoundaryOptions,
  evidenceBoundaryFromOutcome,
  evidenceScanResult,
} from './contracts/v1/evidence-boundary-from-outcome.js';
export { type ExecutionEventV1, ExecutionEventV1Schema } from './contracts/v1/execution-event-v1.js';
export {
  type ExecutionEvidenceBoundaryV1,
  ExecutionEvidenceBoundaryV1Schema,
} from './contracts/v1/execution-evidence-boundary-v1.js';
export {
  type ExecutionIntentEnvelopeV1,
  ExecutionIntentEnvelopeV1Schema,
} from './contracts/v1/execution-intent-envelope-v1.js';
export { type ExecutionOutcomeV1, ExecutionOutcomeV1Schema } from './contracts/v1/execution-outcome-v1.js';
export { type ExecutionRouteV1, ExecutionRouteV1Schema } from './contracts/v1/execution-route-v1.js';
export { createFailureV1, type FailureV1, FailureV1Schema, toFailureV1 } from './contracts/v1/failure-v1.js';
export {
  type HttpExecutionIntentV1,
  HttpExecutionIntentV1Schema,
} from './contracts/v1/http-execution-intent-v1.js';
export {
  type JsonRpcExecutionIntentV1,
  JsonRpcExecutionIntentV1Schema,
} from './contracts/v1/jsonrpc-execution-intent-v1.js';
export {
  type LowerSimulationEvidenceV1,
  LowerSimulationEvidenceV1Schema,
} from './contracts/v1/lower-simulation-evidence-v1.js';
export {
  type LowerSimulationScenarioV1,
  LowerSimulationScenarioV1Schema,
} from './contracts/v1/lower-simulation-scenario-v1.js';
export { type NoBypassScanV1, NoBypassScanV1Schema } from './contracts/v1/no-bypass-scan-v1.js';
export {
  defaultLowerBoundaryPolicy,
  type NoEgressPolicyV1,
  NoEgressPolicyV1Schema,
} from './contracts/v1/no-egress-policy-v1.js';

export {
  type ProcessExecutionIntentV1,
  ProcessExecutionIntentV1Schema,
} from './contracts/v1/process-execution-intent-v1.js';
export { findRawDurableEvidence } from './contracts/v1/raw-evidence-scan.js';

export {
  type StreamAttachRevocationV1,
  StreamAttachRevocationV1Schema,
} from './contracts/v1/stream-attach-revocation-v1.js';
export {
  type StreamBackpressureV1,
  StreamBackpressureV1Schema,
} from './contracts/v1/stream-backpressure-v1.js';
export { type WorkerBudgetV1, WorkerBudgetV1Schema } from './contracts/v1/worker-budget-v1.js';
export { defineLane, type LaneSpec } from './define-lane.js';
export {
  ExecutionError,
  type ExecutionErrorCode,
  type ExecutionErrorInit,
  invalidOptions,
  isExecutionError,
} from './errors.js';
export type {
  CoreEventPayloads,
  EventPayloadMap,
  EventUnion,
  ExecutionCompletedPayload,
  ExecutionEvent,
  ExecutionEventOf,
  ExecutionStartedPayload,
} from './event.js';
export type { Execution } from './execution.js';
export { ExecutionDelegate } from './execution-delegate.js';
export { type ExecutionOptions, effectiveTimeoutMs, splitExecutionOptions } from './execution-options.js';
export { createFailure, type Failure, type FailureInput } from './failure.js';
export {
  type DurableTruthRelevance,
  FAILURE_CLASSES,
  type FailureClass,
  type FailureClassMetadata,
  type FailureOwner,
  failureClassMetadata,
  isFailureClass,
} from './failure-class.js';
// Kernel: dispatch planning, lane registration, lower simulation.
export {
  type AnyDispatchPlan,
  buildDispatchPlan,
  type DispatchPlan,
  type IntentByProtocol,
  KERNEL_PROTOCOLS,
  type KernelProtocol,
} from './kernel/dispatch-plan.js';
export { type Fingerprint, fingerprint } from './kernel/fingerprint.js';
export {
  createKernel,
  type Kernel,
  type KernelExecutionResult,
  type KernelOptions,
} from './kernel/kernel.js';
export { defineKernelLane, type KernelLaneBinding } from './kernel/kernel-lane.js';
export type { DispatchPlanOptions, KernelExecuteOptions } from './kernel/kernel-options.js';
export type { Lane, LaneCapabilities, LaneContext, LaneResult } from './lane.js';
export {
  DEFAULT_ABORT_GRACE_MS,
  DEFAULT_EVENT_QUEUE_CAPACITY,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMER_MS,
} from './limits.js';
export {
  createMemoryLane,
  type MemoryLaneEvents,
  type MemoryScript,
  MemoryScriptSchema,
  memoryLane,
} from './memory-lane.js';
export {
  type ExecutionMetrics,
  type ExecutionOutcome,
  OUTCOME_STATUSES,
  type OutcomeStatus,
} from './outcome.js';
export { outcomeError, statusOfFailure } from './outcome-error.js';
export { describeFirstIssue, parseOptions } from './parse-options.js';
// Placements: capabilities, execution surfaces, placement families.
export {
  createPlacementCapabilities,
  type PlacementCapabilities,
  PlacementCapabilitiesSchema,
} from './placements/capabilities.js';
export {
  createExecutionSurface,
  type ExecutionSurface,
  ExecutionSurfaceSchema,
} from './placements/execution-surface.js';
export {
  guestPlacement,
  localPlacement,
  type Placement,
  sshPlacement,
} from './placements/placement-families.js';
export type { PlacementFamily, SurfaceKind } from './placements/surface-kinds.js';
export {
  isNonlocalPathSurface,
  isRemoteSurface,
  type SurfaceLike,
  supportedSurfaceKinds,
  surfaceCapabilities,
  surfacePathSemantics,
  surfacePlacementFamily,
} from './placements/surface-lookup.js';
export { startExecution } from './start-execution.js';
