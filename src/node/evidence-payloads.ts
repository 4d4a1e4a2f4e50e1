import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import type { Fingerprint } from '../core/kernel/fingerprint.js';
import { isCredentialName, REDACTED, type Redactor } from '../internal/redact.js';
import { fingerprintSync } from './fingerprint-sync.js';

/**
 * Payloads of the execution evidence. Raw payloads and outputs never enter evidence (a payload
 * may carry credentials, an output may be large): they are recorded as sha256 fingerprints
 * (`execution.started`'s is built by the emitter, `EvidenceEmitter.emitStarted`).
 */

/**
 * `execution.completed`: how it ended (the reference's `reply` and `status`), metrics, output
 * hash — not yet through the redaction policy (it shares the caller's error and metrics).
 */
export function completedPayload(result: ExecutionResult): Record<string, unknown> {
  return {
    reply: result.status === 'succeeded' ? 'ok' : 'error',
    status: result.status,
    error: result.error,
    metrics: metricsOf(result),
    output_fingerprint: outputFingerprint(result),
  };
}

/**
 * Builds what `redactor.record(completedPayload(result))` gives in one pass for the common end —
 * no error, flat metrics, no listed secret (so the fixed keys and words stay as they are) — or
 * `undefined` for anything else. One per emitter: it remembers what the policy made of the last
 * metrics' keys (the same keys, in the same order, end after end) and of the last two strings
 * (core's timestamps, one string per burst), asking the policy only about what changed.
 */
export class CompletedPayloads {
  readonly #redactor: Redactor;
  readonly #fingerprint: (value: Fingerprint) => JsonMap;
  // Slot i: the last key seen at position i, its redacted form, and whether it names a credential.
  #keys: string[] = [];
  #keyCopies: string[] = [];
  #credential: boolean[] = [];
  #texts: [string, string, string, string] = ['', '', '', ''];
  #nextText = 0;

  constructor(redactor: Redactor, fingerprint: (value: Fingerprint) => JsonMap) {
    this.#redactor = redactor;
    this.#fingerprint = fingerprint;
  }

  redacted(result: ExecutionResult): JsonMap | undefined {
    if (result.error !== null || this.#redactor.hasSecrets) return undefined;
    const metrics = this.#flat(metricsOf(result));
    if (metrics === undefined) return undefined;
    const output = outputFingerprint(result);
    return {
      reply: result.status === 'succeeded' ? 'ok' : 'error',
      // Not through #text: its two slots are for the timestamps, which change less often.
      status: this.#redactor.text(result.status),
      error: null,
      metrics,
      output_fingerprint: output === null ? null : this.#fingerprint(output),
    };
  }

  // `redactor.record` of a map of strings, numbers, booleans and nulls (`null` stays `null`): its
  // copy, keys and strings through the policy, credential-named values withheld; `undefined` when
  // the map holds anything else.
  #flat(value: unknown): JsonMap | null | undefined {
    if (value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const copy: JsonMap = {};
    let i = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) return undefined;
      const item = (value as Record<string, unknown>)[key];
      const type = typeof item;
      if (
        (type === 'object' && item !== null) ||
        type === 'function' ||
        type === 'symbol' ||
        type === 'bigint'
      ) {
        return undefined;
      }
      if (this.#keys[i] !== key) {
        this.#keys[i] = key;
        this.#keyCopies[i] = this.#redactor.text(key);
        this.#credential[i] = isCredentialName(key);
      }
      copy[this.#keyCopies[i] as string] = (
        this.#credential[i] && item !== null && type !== 'number' && type !== 'boolean'
          ? REDACTED
          : type === 'string'
            ? this.#text(item as string)
            : item
      ) as JsonMap[string];
      i++;
    }
    return copy;
  }

  // The policy's text, remembered for the last two strings (the same string object, or equal).
  #text(value: string): string {
    const texts = this.#texts;
    if (texts[0] === value) return texts[1];
    if (texts[2] === value) return texts[3];
    const copy = this.#redactor.text(value);
    const slot = this.#nextText;
    texts[slot] = value;
    texts[slot + 1] = copy;
    this.#nextText = 2 - slot;
    return copy;
  }
}

const outputFingerprint = (result: ExecutionResult): Fingerprint | null =>
  result.output === null ? null : fingerprintSync(result.output);

// The outcome's metrics ride on the result's final `execution.completed` event.
function metricsOf(result: ExecutionResult): unknown {
  const last = result.events[result.events.length - 1] as
    | { event_type?: unknown; payload?: { outcome?: { metrics?: unknown } } }
    | undefined;
  return last?.event_type === 'execution.completed' ? (last.payload?.outcome?.metrics ?? null) : null;
}
