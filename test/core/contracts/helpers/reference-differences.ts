import { normalizeJsonText } from './json-text.js';
import type { ReferenceFact } from './reference-facts.js';
import type { CodecAnswer } from './replay-contract.js';

/**
 * The rows of docs/contracts.md's "Deliberate differences" table that a recorded case may fall
 * under. Each is checked against the case itself, never assumed.
 */
export type DifferenceClass = 'boolean-as-string' | 'nesting-past-256' | 'float-spelling';

/** How one recorded case compares: `agree`, a listed difference, or `disagree` with a note. */
export type Verdict =
  | { kind: 'agree' }
  | { kind: 'listed'; as: DifferenceClass }
  | { kind: 'disagree'; note: string };

// Reference errors whose wording this codec promises to match, first failing key included.
const ORDERED_MESSAGES = [
  /^unknown lineage key: /,
  /^lineage\.\w+ must be a non-empty string, got: /,
  /^raw durable evidence is forbidden at /,
];

/** Compares this codec's answer with the reference's recorded one. */
export function compareWithReference(fact: ReferenceFact, ours: CodecAnswer): Verdict {
  if (fact.ok && ours.ok) {
    if (normalizeJsonText(fact.json) === normalizeJsonText(ours.json)) return { kind: 'agree' };
    if (isFloatSpelling(fact.json, ours.json)) return { kind: 'listed', as: 'float-spelling' };
    return { kind: 'disagree', note: `JSON differs: ${ours.json.slice(0, 200)}` };
  }
  if (!fact.ok && !ours.ok) {
    const ordered = ORDERED_MESSAGES.some((re) => re.test(fact.error));
    if (!ordered || sameReason(fact.error, ours.reason)) return { kind: 'agree' };
    if (isBooleanAsString(fact, ours)) return { kind: 'listed', as: 'boolean-as-string' };
    return { kind: 'disagree', note: `first failure differs: ${ours.reason.slice(0, 160)}` };
  }
  if (fact.ok && !ours.ok) {
    if (isBooleanAsString(fact, ours)) return { kind: 'listed', as: 'boolean-as-string' };
    if (/nests deeper than 256 levels/.test(ours.reason) && maxDepth(fact.input) > 257) {
      return { kind: 'listed', as: 'nesting-past-256' };
    }
    return { kind: 'disagree', note: `reference accepts, here: ${ours.reason.slice(0, 160)}` };
  }
  return { kind: 'disagree', note: 'reference rejects, here accepted' };
}

// Row 2: the reference turns the atoms true/false into "true"/"false" where a string is due;
// this codec names the boolean it refused.
function isBooleanAsString(fact: ReferenceFact, ours: CodecAnswer): boolean {
  return !ours.ok && /[:,[](true|false)[,}\]]/.test(fact.input) && /got: (true|false)\b/.test(ours.reason);
}

// Row 21: equal numbers; the reference writes an integral float as `100.0`, this codec `100`.
function isFloatSpelling(reference: string, ours: string): boolean {
  return (
    /\d\.0\b|\de[+-]?\d/.test(reference) &&
    normalizeJsonText(reference, true) === normalizeJsonText(ours, true)
  );
}

function sameReason(reference: string, ours: string): boolean {
  const strip = (m: string) => m.replace(/got: .*/s, 'got:').replace(/\bnil\b/g, 'null');
  return strip(reference) === strip(ours);
}

/** How deep brackets nest in JSON text (strings skipped). */
export function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (c === '{' || c === '[') max = Math.max(max, ++depth);
    if (c === '}' || c === ']') depth--;
  }
  return max;
}
