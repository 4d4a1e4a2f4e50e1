import { JsonFloat } from './exact-json.js';

const LIMIT = 80;

/**
 * Renders a received value for an `INVALID_CONTRACT` message, the way the reference's `inspect`
 * does but in JSON terms: `null` (also for a missing value, where the reference prints `nil`),
 * `"text"`, `-1`, `true`, `["a","b"]`, `{"k":1}`. Cut at 80 characters so a pasted payload never
 * floods a message.
 *
 * @example
 * renderValue(undefined); // 'null'
 * renderValue(['sk', 1]); // '["sk",1]'
 */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'null';
  // An integral float literal (`1.0`, `1e2`) prints as the reference prints a float.
  if (value instanceof JsonFloat)
    return Number.isInteger(value.value) && Math.abs(value.value) < 1e16
      ? value.value.toFixed(1)
      : String(value.value);
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'bigint':
      return String(value);
    case 'function':
    case 'symbol':
      return `a ${typeof value}`;
    case 'string':
      return cut(JSON.stringify(value.slice(0, LIMIT)));
  }
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Cycles and nested bigints have no JSON.stringify form; the kind is still worth naming.
  }
  return text === undefined ? (Array.isArray(value) ? 'a list' : 'a map') : cut(text);
}

function cut(text: string): string {
  return text.length > LIMIT ? `${text.slice(0, LIMIT)}…` : text;
}
