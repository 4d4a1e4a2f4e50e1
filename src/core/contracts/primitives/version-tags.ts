/**
 * The string `contract_version` tag of every V1 contract, keyed as in the reference. Tags are
 * exact wire strings; every one ends in `.v1`.
 */
export const CONTRACT_VERSIONS = {
  authority_decision_v1: 'authority_decision.v1',
  boundary_session_descriptor_v1: 'boundary_session_descriptor.v1',
  execution_intent_envelope_v1: 'execution_intent_envelope.v1',
  http_execution_intent_v1: 'http_execution_intent.v1',
  process_execution_intent_v1: 'process_execution_intent.v1',
  jsonrpc_execution_intent_v1: 'jsonrpc_execution_intent.v1',
  execution_route_v1: 'execution_route.v1',
  attach_grant_v1: 'ExecutionPlane.AttachGrant.v1',
  credential_handle_ref_v1: 'credential_handle_ref.v1',
  execution_event_v1: 'execution_event.v1',
  execution_outcome_v1: 'execution_outcome.v1',
  lower_simulation_scenario_v1: 'ExecutionPlane.LowerSimulationScenario.v1',
  lower_simulation_evidence_v1: 'ExecutionPlane.LowerSimulationEvidence.v1',
  execution_evidence_boundary_v1: 'ExecutionPlane.ExecutionEvidenceBoundary.v1',
  no_egress_policy_v1: 'ExecutionPlane.NoEgressPolicy.v1',
  adapter_selection_policy_v1: 'ExecutionPlane.AdapterSelectionPolicy.v1',
  stream_backpressure_v1: 'ExecutionPlane.StreamBackpressure.v1',
  worker_budget_v1: 'ExecutionPlane.WorkerBudget.v1',
  no_bypass_scan_v1: 'ExecutionPlane.NoBypassScan.v1',
  stream_attach_revocation_v1: 'ExecutionPlane.StreamAttachRevocation.v1',
} as const;

/** A key of {@link CONTRACT_VERSIONS}. */
export type ContractKey = keyof typeof CONTRACT_VERSIONS;

/** One of the 20 V1 tags. */
export type ContractTag = (typeof CONTRACT_VERSIONS)[ContractKey];

/** The placement surface tag (a separate family from the 20 V1 contracts). */
export const EXECUTION_SURFACE_VERSION = 'execution_surface.v1';
