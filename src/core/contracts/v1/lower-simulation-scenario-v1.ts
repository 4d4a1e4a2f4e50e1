import * as z from 'zod/mini';
import { contractSchema, contractVersionField, forbidKeys } from '../primitives/contract-schema.js';
import { fail, mapField, nonEmptyString, oneOf } from '../primitives/fields.js';
import type { JsonMap } from '../primitives/json-value.js';
import { opaqueRef } from '../primitives/ref-fields.js';
import { renderValue } from '../primitives/render-value.js';
import { ownerRepo } from './owner-repo.js';
import { SEMANTIC_POLICY_KEYS } from './semantic-keys.js';

/** Lower protocol surfaces a scenario may simulate. */
export const PROTOCOL_SURFACES = ['process', 'http', 'graphql', 'self_hosted'] as const;

/** How a scenario matches its input. */
export const MATCHER_CLASSES = ['deterministic_over_input', 'artifact_ref', 'frozen_fixture'] as const;

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function enumField<const T extends string>(field: string, allowed: readonly T[]) {
  return oneOf(field, allowed, (v) => `${field} unsupported value: ${renderValue(v)}`);
}

function checkedMap(field: string, check: (map: JsonMap) => string | undefined) {
  return z.pipe(
    mapField(field),
    z.transform((map: JsonMap, ctx): JsonMap => {
      const problem = check(map);
      return problem === undefined ? map : fail(ctx, problem);
    }),
  );
}

function noEgressAssertion(map: JsonMap): string | undefined {
  if (map.external_egress !== 'deny') return 'no_egress_assertion.external_egress must be deny';
  if (map.process_spawn !== 'deny') return 'no_egress_assertion.process_spawn must be deny';
  return undefined;
}

function boundedEvidenceProjection(map: JsonMap): string | undefined {
  if (map.target_contract === 'ExecutionOutcome.v1.raw_payload') {
    return 'ExecutionOutcome.v1.raw_payload must not be narrowed in place';
  }
  if (map.contract_version !== 'ExecutionPlane.LowerSimulationEvidence.v1') {
    return 'bounded_evidence_projection.contract_version must be ExecutionPlane.LowerSimulationEvidence.v1';
  }
  if (map.raw_payload_persistence !== 'shape_only') {
    return 'bounded_evidence_projection.raw_payload_persistence must be shape_only';
  }
  return undefined;
}

/**
 * `ExecutionPlane.LowerSimulationScenario.v1`: deterministic lower behaviour plus the bounded
 * evidence it must leave, owned by the Execution Plane. It denies egress and process spawn,
 * persists raw payloads as shapes only, and refuses provider/model/budget semantics.
 */
export const LowerSimulationScenarioV1Schema = z.lazy(() =>
  contractSchema(
    [
      forbidKeys(
        SEMANTIC_POLICY_KEYS,
        'semantic provider policy must not be owned by Execution Plane lower scenarios',
      ),
      z.looseObject({
        protocol_surface: enumField('protocol_surface', PROTOCOL_SURFACES),
        matcher_class: enumField('matcher_class', MATCHER_CLASSES),
      }),
    ],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.LowerSimulationScenario.v1'),
      scenario_id: nonEmptyString('scenario_id'),
      version: z.pipe(
        nonEmptyString('version'),
        z.transform((v: string, ctx): string =>
          SEMVER.test(v) ? v : fail(ctx, `version must be semantic version, got: ${renderValue(v)}`),
        ),
      ),
      owner_repo: ownerRepo(),
      route_kind: nonEmptyString('route_kind'),
      protocol_surface: enumField('protocol_surface', PROTOCOL_SURFACES),
      matcher_class: enumField('matcher_class', MATCHER_CLASSES),
      status_or_exit_or_response_or_stream_or_chunk_or_fault_shape: mapField(
        'status_or_exit_or_response_or_stream_or_chunk_or_fault_shape',
      ),
      no_egress_assertion: checkedMap('no_egress_assertion', noEgressAssertion),
      bounded_evidence_projection: checkedMap('bounded_evidence_projection', boundedEvidenceProjection),
      input_fingerprint_ref: opaqueRef('input_fingerprint_ref'),
      cleanup_behavior: mapField('cleanup_behavior'),
    }),
  ),
);

/** A decoded `ExecutionPlane.LowerSimulationScenario.v1`. */
export type LowerSimulationScenarioV1 = z.output<typeof LowerSimulationScenarioV1Schema>;
