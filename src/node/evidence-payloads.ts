import type { ExecutionResult } from '../core/contracts/boundary/execution-result.js';
import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import type { Fingerprint } from '../core/kernel/fingerprint.js';
import { isCredentialName, REDACTED, type Redactor } from '../internal/redact.js';
import { sharedFingerprint } from './fingerprint-sync.js';

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
  readonly #fingerprint: (value: Readonly<Fingerprint>) => JsonMap;
  // Slot i: the last key seen at position i, its redacted form, and whether it names a credential.
  #keys: string[] = [];
  #keyCopies: string[] = [];
  #credential: boolean[] = [];
  // A flat copy with the keys #keyCopies (kept here, never handed out): the next is a clone of it.
  #last: JsonMap | undefined;
  #texts: [string, string, string, string] = ['', '', '', ''];
  #lastStatus = '';
  #statusText = '';
  #nextText = 0;

  constructor(redactor: Redactor, fingerprint: (value: Readonly<Fingerprint>) => JsonMap) {
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
      status: this.#status(result.status),
      error: null,
      metrics,
      output_fingerprint: output === null ? null : this.#fingerprint(output),
    };
  }

  // `redactor.record` of a map of strings, numbers, booleans and nulls (`null` stays `null`): its
  // copy, keys and strings through the policy, credential-named values withheld; `undefined` when
  // the map holds anything else. Metrics keep their keys from one end to the next: the copy starts
  // as a clone of the last one (its final shape at once, no key added one by one) and only the
  // values are written; a key that moved or a different count takes the general loop.
  #flat(value: unknown): JsonMap | null | undefined {
    if (value === null) return null;
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    const last = this.#last;
    if (last === undefined) return this.#flatKeys(value);
    const copy: JsonMap = { ...last };
    const keys = this.#keys;
    let i = 0;
    for (const key in value) {
      if (keys[i] !== key) return this.#flatKeys(value);
      if (!Object.hasOwn(value, key)) return undefined;
      const item = this.#item(i, (value as Record<string, unknown>)[key]);
      if (item === NOT_FLAT) return undefined;
      copy[this.#keyCopies[i] as string] = item;
      i++;
    }
    return i === keys.length ? copy : this.#flatKeys(value);
  }

  // #flat key by key, remembering each key's redacted form for the next ends.
  #flatKeys(value: object): JsonMap | undefined {
    this.#last = undefined;
    const copy: JsonMap = {};
    let i = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) return undefined;
      if (this.#keys[i] !== key) {
        this.#keys[i] = key;
        this.#keyCopies[i] = this.#redactor.text(key);
        this.#credential[i] = isCredentialName(key);
      }
      const item = this.#item(i, (value as Record<string, unknown>)[key]);
      if (item === NOT_FLAT) return undefined;
      copy[this.#keyCopies[i] as string] = item;
      i++;
    }
    this.#keys.length = i;
    this.#keyCopies.length = i;
    this.#credential.length = i;
    // A clone of its own: the copy goes into a record, where a sink may change it.
    this.#last = { ...copy };
    return copy;
  }

  // The policy's copy of the value under key slot `i`, or NOT_FLAT for a value that is not flat.
  #item(i: number, item: unknown): JsonMap[string] | typeof NOT_FLAT {
    const type = typeof item;
    if (
      (type === 'object' && item !== null) ||
      type === 'function' ||
      type === 'symbol' ||
      type === 'bigint'
    ) {
      return NOT_FLAT;
    }
    return (
      this.#credential[i] && item !== null && type !== 'number' && type !== 'boolean'
        ? REDACTED
        : type === 'string'
          ? this.#text(item as string)
          : item
    ) as JsonMap[string];
  }

  // The policy's text of the last status (one word for most ends).
  #status(value: string): string {
    if (value !== this.#lastStatus) {
      this.#lastStatus = value;
      this.#statusText = this.#redactor.text(value);
    }
    return this.#statusText;
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

const NOT_FLAT = Symbol('not flat');

const outputFingerprint = (result: ExecutionResult): Fingerprint | null =>
  result.output === null ? null : sharedFingerprint(result.output);

// The outcome's metrics ride on the result's final `execution.completed` event.
function metricsOf(result: ExecutionResult): unknown {
  const last = result.events[result.events.length - 1] as
    | { event_type?: unknown; payload?: { outcome?: { metrics?: unknown } } }
    | undefined;
  return last?.event_type === 'execution.completed' ? (last.payload?.outcome?.metrics ?? null) : null;
}
