import type { Redactor } from '../internal/redact.js';
import { isMintedRequestId } from './decode-request.js';

/** The decision context every record carries (all `null` before a decision exists). */
export interface EvidenceContext {
  readonly execution_ref: string | null;
  readonly request_id: string | null;
  readonly lane_id: string | null;
  readonly policy_bundle_hash: string | null;
  readonly target_id: string | null;
  readonly target_verifier_id: string | null;
  readonly attestation_class: string | null;
  /**
   * The ids as records carry them (through the redaction policy), filled in by the emitter on
   * the first record; the context itself when the policy changes none of them. `null` until then.
   */
  redacted: EvidenceContext | null;
}

/** The context of a record about something that is not an admitted execution (a terminal). */
export function bareContext(executionRef: string): EvidenceContext {
  return {
    execution_ref: executionRef,
    request_id: null,
    lane_id: null,
    policy_bundle_hash: null,
    target_id: null,
    target_verifier_id: null,
    attestation_class: null,
    redacted: null,
  };
}

/**
 * The redaction policy's answers for what every evidence record repeats: an execution's ids
 * (once per context, reusing the previous context's answer for an id that repeats), the
 * authority verifier's id and the words the node writes itself. Payloads go through the policy
 * whole, elsewhere.
 */
export class PolicyIds {
  readonly #redactor: Redactor;
  // The context whose ids were redacted last.
  #last: EvidenceContext = bareContext('');
  #authority: string | null = null;
  #authorityText: string | null = null;
  // [word, its policy copy] × 4 (see word()).
  #words: string[] = ['', '', '', '', '', '', '', ''];
  #nextWord = 0;

  constructor(redactor: Redactor) {
    this.#redactor = redactor;
  }

  // An execution's records share one context: its ids go through the policy once, not per record,
  // and are copied only when the policy changed one (ids seldom hold a secret or a pair). Ids
  // that repeat from one execution to the next (lane, bundle hash, target) reuse the last answer.
  // Without listed secrets the policy leaves an id the node minted as it is (letters, digits and
  // dashes, short): `mintedRef` says the ref is one, and a minted request id is known by identity.
  of(context: EvidenceContext, mintedRef = false): EvidenceContext {
    if (context.redacted !== null) return context.redacted;
    const last = this.#last;
    const plain = !this.#redactor.hasSecrets;
    const executionRef = mintedRef && plain ? context.execution_ref : this.text(context.execution_ref);
    const requestId =
      plain && isMintedRequestId(context.request_id) ? context.request_id : this.text(context.request_id);
    const laneId = this.#again(context.lane_id, last.lane_id, last.redacted?.lane_id);
    const bundleHash = this.#again(
      context.policy_bundle_hash,
      last.policy_bundle_hash,
      last.redacted?.policy_bundle_hash,
    );
    const targetId = this.#again(context.target_id, last.target_id, last.redacted?.target_id);
    const verifierId = this.#again(
      context.target_verifier_id,
      last.target_verifier_id,
      last.redacted?.target_verifier_id,
    );
    const attestation = this.#again(
      context.attestation_class,
      last.attestation_class,
      last.redacted?.attestation_class,
    );
    // The context itself when the policy changed none of its ids: no second object.
    const same =
      executionRef === context.execution_ref &&
      requestId === context.request_id &&
      laneId === context.lane_id &&
      bundleHash === context.policy_bundle_hash &&
      targetId === context.target_id &&
      verifierId === context.target_verifier_id &&
      attestation === context.attestation_class;
    context.redacted = same
      ? context
      : {
          execution_ref: executionRef,
          request_id: requestId,
          lane_id: laneId,
          policy_bundle_hash: bundleHash,
          target_id: targetId,
          target_verifier_id: verifierId,
          attestation_class: attestation,
          redacted: null,
        };
    // Only the ids are kept from it: a context holds nothing else.
    this.#last = context;
    return context.redacted;
  }

  // The redacted form of `value`, reusing the previous context's when the id is the same.
  #again(value: string | null, previous: string | null, redacted: string | null | undefined): string | null {
    return value === previous && redacted !== undefined ? redacted : this.text(value);
  }

  // The same verifier id on every record: its redacted form is kept until the id changes.
  authority(value: string | null): string | null {
    if (value !== this.#authority) {
      this.#authority = value;
      this.#authorityText = this.text(value);
    }
    return this.#authorityText;
  }

  text(value: string | null): string | null {
    return value === null ? null : this.#redactor.text(value);
  }

  // A word the node writes itself (a status, a mode, a reason): the policy's answer for the last
  // four words is kept, so each is asked once, not once per record.
  word(value: string | null): string | null {
    if (value === null) return null;
    const words = this.#words;
    for (let i = 0; i < words.length; i += 2) if (words[i] === value) return words[i + 1] as string;
    const copy = this.#redactor.text(value);
    const slot = this.#nextWord;
    words[slot] = value;
    words[slot + 1] = copy;
    this.#nextWord = (slot + 2) % 8;
    return copy;
  }
}
