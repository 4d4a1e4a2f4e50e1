import * as z from 'zod/mini';
import { contractSchema, contractVersionField } from '../primitives/contract-schema.js';
import { nonEmptyString, nonNegativeInteger, requiredStrings } from '../primitives/fields.js';
import { actorRefsPrecheck, hazmatScopeShape } from './hazmat-scope.js';

/**
 * `ExecutionPlane.WorkerBudget.v1`: a worker pool's load and admission decision; `current_load`
 * is an integer ≥ 0 and `shed_reason` is free-form (`none` when nothing was shed).
 */
export const WorkerBudgetV1Schema = z.lazy(() =>
  contractSchema(
    [actorRefsPrecheck()],
    z.object({
      contract_version: contractVersionField('ExecutionPlane.WorkerBudget.v1'),
      ...hazmatScopeShape(),
      ...requiredStrings('worker_pool_ref', 'budget_ref', 'queue_ref'),
      current_load: nonNegativeInteger('current_load'),
      admission_decision_ref: nonEmptyString('admission_decision_ref'),
      shed_reason: nonEmptyString('shed_reason'),
    }),
  ),
);

/** A decoded `ExecutionPlane.WorkerBudget.v1`. */
export type WorkerBudgetV1 = z.output<typeof WorkerBudgetV1Schema>;
