import {
  type AdmissionDecision,
  AdmissionDecisionSchema,
} from '../core/contracts/boundary/admission-decision.js';
import {
  type AdmissionRejection,
  AdmissionRejectionSchema,
} from '../core/contracts/boundary/admission-rejection.js';
import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import type { Verdict } from '../core/contracts/boundary/boundary-interfaces.js';
import { ExecutionError } from '../core/errors.js';
import { paramsOf } from './remote-protocol.js';

/** Reads a verdict from the wire; anything else is `INVALID_CONTRACT`, never passed on unchecked. */
function verdictOf<T>(
  answer: unknown,
  read: (value: Record<string, unknown>) => T,
):
  | { ok: true; value: T }
  | {
      ok: false;
      rejection: AdmissionRejection;
    } {
  const value = paramsOf(answer);
  if (value.ok === true) return { ok: true, value: read(value) };
  if (value.ok === false)
    return { ok: false, rejection: decodeBoundary(AdmissionRejectionSchema, value.rejection) };
  throw new ExecutionError('INVALID_CONTRACT', 'the node answered without a verdict');
}

/** An admission verdict from the wire. */
export function decisionVerdictOf(answer: unknown): Verdict<'decision', AdmissionDecision> {
  const verdict = verdictOf(answer, (v) => decodeBoundary(AdmissionDecisionSchema, v.decision));
  return verdict.ok ? { ok: true, decision: verdict.value } : verdict;
}

/** A cancel verdict from the wire. */
export function cancelVerdictOf(answer: unknown): Verdict<'cancelled', boolean> {
  const verdict = verdictOf(answer, (v) => v.cancelled === true);
  return verdict.ok ? { ok: true, cancelled: verdict.value } : verdict;
}
