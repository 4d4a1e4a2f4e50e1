import { invalidOptions } from '../core/errors.js';
import { EXECUTION_OPTION_KEYS } from '../core/execution-options.js';
import { MAX_TIMER_MS } from '../core/limits.js';
import { nearestKey } from '../core/suggest-key.js';
import { describeRedacted, describeValue, SECRET_OPTION_KEY } from './describe-value.js';
import { MIN_SECRET_CHARS } from './redact.js';

/**
 * Hand-written option checks for the entry points whose bundles must stay small (`connect()`):
 * the same `INVALID_OPTIONS` errors the zod funnel (`parseOptions`) gives — the option's dotted
 * path, what was expected, what came (withheld under credential-looking names) and the nearest
 * known key for an unknown one — without bundling a schema library.
 */

/** An options object being read: where it sits (`reconnect`) and whose entry point it is. */
export interface OptionScope {
  readonly entry: string;
  /** Dotted path of this object inside the options, `''` at the root. */
  readonly path: string;
}

/** The dotted path of `key` inside `scope`. */
export function pathOf(scope: OptionScope, key: string | number): string {
  return scope.path ? `${scope.path}.${key}` : String(key);
}

/** Throws `INVALID_OPTIONS` for `path`: expected `expected`, got `value` (described, or withheld). */
export function refuse(path: string, expected: string, value: unknown, entry: string): never {
  const received = SECRET_OPTION_KEY.test(path) ? describeRedacted(value) : describeValue(value);
  throw invalidOptions(path || '(root)', expected, received, entry);
}

/**
 * `value` as a plain object whose keys are all in `known` (at the root the execution options'
 * keys are known too; `null` takes any key), or `INVALID_OPTIONS` naming the first unknown key and
 * the nearest known one.
 */
export function readObject(
  value: unknown,
  known: readonly string[] | null,
  scope: OptionScope,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    refuse(scope.path, 'object', value, scope.entry);
  }
  if (known) checkKeys(value, known, scope);
  return value as Record<string, unknown>;
}

/**
 * `INVALID_OPTIONS` for the first enumerable key of `value` not in `known`, naming the nearest known one
 * (at the root, the execution options' keys are known too).
 */
export function checkKeys(value: object, known: readonly string[], scope: OptionScope): void {
  for (const key in value) {
    // Inherited keys too: options are read with `o[key]`, which sees them.
    if (known.includes(key)) continue;
    const path = pathOf(scope, key);
    const suggestion = nearestKey(key, scope.path ? known : [...known, ...EXECUTION_OPTION_KEYS]);
    throw invalidOptions(path, 'a known key', 'an unknown key', scope.entry, suggestion);
  }
}

/** An integer from `min` to `max`, or `fallback` when absent. */
export function readInt(
  o: Record<string, unknown>,
  key: string,
  scope: OptionScope,
  fallback: number,
  max: number,
  min = 1,
): number {
  const value = o[key];
  return value === undefined ? fallback : checkInt(value, pathOf(scope, key), scope.entry, min, max);
}

/** `value` as an integer from `min` to `max`, or `INVALID_OPTIONS` for `path`. */
export function checkInt(value: unknown, path: string, entry: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    refuse(path, `an integer from ${min} to ${max}`, value, entry);
  }
  return value;
}

/** Milliseconds from 1 up to the largest timer, or `fallback` when absent. */
export function readDuration(
  o: Record<string, unknown>,
  key: string,
  scope: OptionScope,
  fallback: number,
): number {
  return readInt(o, key, scope, fallback, MAX_TIMER_MS);
}

/** A boolean, or `fallback` when absent. */
export function readBoolean(
  o: Record<string, unknown>,
  key: string,
  scope: OptionScope,
  fallback: boolean,
): boolean {
  const value = o[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') refuse(pathOf(scope, key), 'boolean', value, scope.entry);
  return value;
}

/** One of `values` (the first is the default). */
export function readEnum<const T extends string>(
  o: Record<string, unknown>,
  key: string,
  scope: OptionScope,
  values: readonly [T, ...T[]],
  fallback: T = values[0],
): T {
  const value = o[key];
  if (value === undefined) return fallback;
  if (!values.includes(value as T)) {
    refuse(
      pathOf(scope, key),
      `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
      value,
      scope.entry,
    );
  }
  return value as T;
}

/**
 * An array of at most `max` items, each checked by `item` (given the item's path), or `fallback`
 * when absent.
 */
export function readArray<T>(
  o: Record<string, unknown>,
  key: string,
  scope: OptionScope,
  max: number,
  item: (value: unknown, path: string) => T,
  fallback: T[] = [],
): T[] {
  const value = o[key];
  if (value === undefined) return fallback;
  const path = pathOf(scope, key);
  if (!Array.isArray(value)) refuse(path, 'array', value, scope.entry);
  if (value.length > max) refuse(path, `array length <= ${max}`, value, scope.entry);
  return value.map((v, i) => item(v, `${path}.${i}`));
}

/** A string, refused (as `expected`) unless `test` accepts it. */
export function checkString(
  value: unknown,
  path: string,
  entry: string,
  expected: string,
  test?: (s: string) => boolean,
): string {
  if (typeof value !== 'string' || (test && !test(value))) refuse(path, expected, value, entry);
  return value;
}

/**
 * The `secrets` option, the same in every lane: values to scrub, each a string of at least
 * {@link MIN_SECRET_CHARS} characters (a shorter one would scrub ordinary text).
 */
export function readSecrets(o: Record<string, unknown>, scope: OptionScope): string[] | undefined {
  if (o.secrets === undefined) return undefined;
  return readArray(o, 'secrets', scope, Number.MAX_SAFE_INTEGER, (v, path) =>
    checkString(
      v,
      path,
      scope.entry,
      `string length >= ${MIN_SECRET_CHARS}`,
      (s) => s.length >= MIN_SECRET_CHARS,
    ),
  );
}
