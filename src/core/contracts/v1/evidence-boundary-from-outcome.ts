import { decodeContract } from '../codec.js';
import { invalidContract } from '../primitives/contract-error.js';
import type { JsonMap, JsonValue } from '../primitives/json-value.js';
import { compareUtf8 } from '../primitives/utf8-order.js';
import type { ExecutionEvidenceBoundaryV1 } from './execution-evidence-boundary-v1.js';
import type { ExecutionOutcomeV1 } from './execution-outcome-v1.js';

/** The default `schema_ref` of an evidence boundary. */
export const EVIDENCE_BOUNDARY_SCHEMA_REF = 'schema://execution-plane/execution-evidence-boundary/v1';

/**
 * The canonical scan result map with `status` (the scanner, its scope and what it checked for).
 *
 * @example
 * evidenceScanResult('passed').raw_payload_included; // false
 */
export function evidenceScanResult(status: string): JsonMap {
  return {
    status,
    raw_payload_included: false,
    scanner_ref: 'ExecutionPlane.ExecutionEvidenceBoundary.v1.raw_payload_scan',
    scan_scope: 'bounded_evidence_fields',
    checked_for: ['raw_prompt', 'provider_body', 'secret', 'workflow_history', 'unbounded_semantic_body'],
    rejected_findings: [],
  };
}

/** Options of {@link evidenceBoundaryFromOutcome}. */
export interface EvidenceBoundaryOptions {
  /** The simulation evidence whose input fingerprint the boundary refers to (required). */
  readonly lowerSimulationEvidence: unknown;
  /** @defaultValue `execution-outcome://<route_id>` */
  readonly outcomeRef?: string | undefined;
  readonly claimCheckRef?: string | null | undefined;
  readonly redactedPreviewRef?: string | null | undefined;
  /** @defaultValue {@link EVIDENCE_BOUNDARY_SCHEMA_REF} */
  readonly schemaRef?: string | undefined;
}

/**
 * Projects bounded evidence from an outcome: its status, the family, the sorted keys of the raw
 * payload, `status_code` and the exit code when present, and a `fingerprint://` ref to the
 * simulation evidence's input hash. The raw payload itself never reaches the boundary.
 *
 * @example
 * const boundary = evidenceBoundaryFromOutcome(outcome, { lowerSimulationEvidence: evidence });
 */
export function evidenceBoundaryFromOutcome(
  source: ExecutionOutcomeV1,
  options: EvidenceBoundaryOptions,
): ExecutionEvidenceBoundaryV1 {
  const tag = 'ExecutionPlane.ExecutionEvidenceBoundary.v1';
  const outcome = decodeContract(source, 'execution_outcome.v1');
  // The reference crashes with a KeyError here; a missing input is a contract error like any other.
  if (options?.lowerSimulationEvidence === undefined) {
    throw invalidContract(tag, 'lower_simulation_evidence is required', ['lower_simulation_evidence']);
  }
  const evidence = decodeContract(
    options.lowerSimulationEvidence,
    'ExecutionPlane.LowerSimulationEvidence.v1',
  );
  const sha = evidence.input_fingerprint.sha256 as string;
  return decodeContract(
    {
      owner_repo: 'execution_plane',
      outcome_ref: options.outcomeRef ?? `execution-outcome://${outcome.route_id}`,
      bounded_status: outcome.status,
      bounded_exit_code_or_response_shape: boundedShape(outcome),
      input_fingerprint_ref: `fingerprint://execution-plane/input/${sha.slice('sha256:'.length)}`,
      claim_check_ref_or_null: options.claimCheckRef ?? null,
      redacted_preview_ref_or_null: options.redactedPreviewRef ?? null,
      schema_ref: options.schemaRef ?? EVIDENCE_BOUNDARY_SCHEMA_REF,
      scan_result: evidenceScanResult('passed'),
    },
    tag,
  );
}

function boundedShape(outcome: ExecutionOutcomeV1): JsonMap {
  const raw = outcome.raw_payload;
  const shape: JsonMap = { family: outcome.family, raw_payload_shape: Object.keys(raw).sort(compareUtf8) };
  if (raw.status_code !== undefined && raw.status_code !== null) shape.status_code = raw.status_code;
  const exitCode = exitCodeOf(raw);
  if (exitCode !== undefined) shape.exit_code = exitCode;
  return shape;
}

function exitCodeOf(raw: JsonMap): JsonValue | undefined {
  const exit = raw.exit;
  if (exit && typeof exit === 'object' && !Array.isArray(exit) && Number.isInteger(exit.code))
    return exit.code;
  return Number.isInteger(raw.exit_status) ? raw.exit_status : undefined;
}
