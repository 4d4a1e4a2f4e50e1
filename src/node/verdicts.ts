import {
  type AdmissionRejection,
  AdmissionRejectionSchema,
} from '../core/contracts/boundary/admission-rejection.js';
import { decodeBoundary } from '../core/contracts/boundary/boundary-codec.js';
import type { BoundedResult } from './bounded-call.js';
import { rejection } from './rejections.js';

/**
 * The rejection in a verifier's bounded answer, or `null` for `{ ok: true }`. A verifier's own
 * rejection passes through; a throw, a hang past `timeoutMs` or an answer that is not a verdict
 * becomes `reason` (`authority_rejected` or `target_attestation_unverifiable`).
 */
export function refusalOf(
  answer: BoundedResult<unknown>,
  who: string,
  timeoutMs: number,
  reason: 'authority_rejected' | 'target_attestation_unverifiable',
): AdmissionRejection | null {
  if (answer.kind === 'timeout') {
    return rejection(reason, null, { timeout_ms: timeoutMs }, `${who} did not answer within ${timeoutMs} ms`);
  }
  if (answer.kind === 'error') {
    return rejection(reason, null, {}, `${who} failed: ${messageOf(answer.error)}`);
  }
  const verdict = answer.value as { ok?: unknown; rejection?: unknown } | null;
  if (typeof verdict !== 'object' || verdict === null) {
    return rejection(reason, null, {}, `${who} returned no verdict`);
  }
  if (verdict.ok === true) return null;
  try {
    const refusal = decodeBoundary(AdmissionRejectionSchema, verdict.rejection);
    if (refusal.reason !== null) return refusal;
  } catch {
    // fall through: a refusal without a readable rejection is still a refusal
  }
  return rejection(reason, null, {}, `${who} refused without a readable rejection`);
}

/** A bounded, never-throwing message for anything a host function threw. */
export function messageOf(error: unknown): string {
  let message: string;
  try {
    message = error instanceof Error ? error.message : String(error);
  } catch {
    message = 'an unprintable error';
  }
  return message.length > 512 ? `${message.slice(0, 512)}…` : message;
}
