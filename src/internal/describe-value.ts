const MAX_PREVIEW = 80;

/** Option names whose values are never echoed into messages (described by type only). */
export const SECRET_OPTION_KEY =
  /authorization|cookie|token|secret|password|passphrase|api[-_]?key|credential/i;

/**
 * A short, bounded rendering of a received value for error messages: `-1 (number)`,
 * `"abc" (string)`, `an object`. Strings are cut at 80 characters so a pasted payload never
 * floods a message.
 */
export function describeValue(value: unknown): string {
  const type = typeof value;
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'string') {
    const cut = value.length > MAX_PREVIEW ? `${value.slice(0, MAX_PREVIEW)}…` : value;
    return `${JSON.stringify(cut)} (string)`;
  }
  if (type === 'object') return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
  if (type === 'function' || type === 'symbol') return `a ${type}`;
  // number, boolean, bigint
  return `${String(value)} (${type})`;
}

/** The same rendering with the value withheld, for fields that may hold credentials. */
export function describeRedacted(value: unknown): string {
  return `[redacted] (${value === null ? 'null' : typeof value})`;
}
