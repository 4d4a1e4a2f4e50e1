import { isPlainMap, MAX_CONTRACT_DEPTH } from '../primitives/json-value.js';
import { compareUtf8 } from '../primitives/utf8-order.js';

// Keys whose value describes a shape, not content: skipped with their whole value.
const SHAPE_ONLY_KEYS = [
  'checked_for',
  'header_keys',
  'raw_payload_included',
  'raw_payload_shape',
  'rejected_findings',
  'scan_scope',
  'scanner_ref',
];

// Keys (compared lower-cased) whose presence means raw content was persisted.
const FORBIDDEN_RAW_KEYS = [
  'api_key',
  'authorization',
  'body',
  'payload',
  'prompt',
  'provider_body',
  'raw_body',
  'raw_payload',
  'secret',
  'semantic_body',
  'workflow_history',
];

// Fragments (compared lower-cased) that mark a string as raw content.
const RAW_FRAGMENTS = [
  'raw prompt',
  'raw provider body',
  'sk-live',
  'workflow history',
  'unbounded semantic',
];

/**
 * Walks bounded evidence and returns the dot path of the first raw durable content it finds, or
 * `undefined` when the value is clean. Map keys in {@link FORBIDDEN_RAW_KEYS} and strings with a
 * raw fragment are findings; shape-only keys are skipped with their value; list items share
 * their list's path. Map keys are visited in sorted (UTF-8) order, as the reference does. The path can be empty (a bare raw string).
 *
 * @example
 * findRawDurableEvidence({ family: 'http', prompt: 'x' }); // 'prompt'
 */
export function findRawDurableEvidence(value: unknown, path: readonly string[] = []): string | undefined {
  if (path.length > MAX_CONTRACT_DEPTH) return path.join('.');
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    return RAW_FRAGMENTS.some((fragment) => lower.includes(fragment)) ? path.join('.') : undefined;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findRawDurableEvidence(item, path);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isPlainMap(value)) return undefined;
  // The reference walks an Elixir map: keys in UTF-8 byte order, so the first finding is the same.
  for (const key of Object.keys(value).sort(compareUtf8)) {
    if (SHAPE_ONLY_KEYS.includes(key)) continue;
    if (FORBIDDEN_RAW_KEYS.includes(key.toLowerCase())) return [...path, key].join('.');
    const found = findRawDurableEvidence(value[key], [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
