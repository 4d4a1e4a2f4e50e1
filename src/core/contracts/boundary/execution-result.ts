import * as z from 'zod/mini';
import { boundaryObject, json, jsonList, looseString, stringOr, versionAsGiven } from './boundary-fields.js';
import { provenanceField } from './provenance.js';

/**
 * What executing a request produced: a status (`succeeded`, `failed`, `rejected`), the lane's
 * output (for kernel-backed lanes `{ events, outcome }` with V1 values), events, evidence, an
 * error (a message or a rejection) and provenance.
 */
export const ExecutionResultSchema = z.lazy(() =>
  boundaryObject({
    contract_version: versionAsGiven(),
    execution_ref: looseString('execution_ref'),
    status: stringOr('status', 'succeeded'),
    output: json('output', {}),
    events: jsonList('events'),
    evidence: jsonList('evidence'),
    error: json('error', null),
    provenance: provenanceField(),
  }),
);

/** A decoded execution result. */
export type ExecutionResult = z.output<typeof ExecutionResultSchema>;
