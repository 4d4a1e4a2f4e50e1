import type { JsonMap } from '../core/contracts/primitives/json-value.js';
import { invalidOptions } from '../core/errors.js';
import type { EventPayloadMap } from '../core/event.js';
import type { ExecutionOptions } from '../core/execution-options.js';
import type { Lane } from '../core/lane.js';
import { describeValue } from './describe-value.js';

/** A reference-shaped payload read into this package's shape. */
export interface ReadPayload {
  /** The payload in this package's (camelCase) shape, validated by the lane's own `plan`. */
  readonly payload: unknown;
  /** The reference's `timeout_ms`, applied as the execution timeout (the smaller one wins). */
  readonly timeoutMs?: number | undefined;
}

/**
 * How one lane speaks the reference's wire: which payload keys are the reference's, how a
 * payload in that shape becomes this lane's, and what the outcome's `raw_payload` is.
 */
export interface ReferenceWire {
  /** The V1 family and protocol of the lane's facts (`process`/`process`, `http`/`http` …). */
  readonly family: string;
  readonly protocol: string;
  /** Every key of the lane's payload in the reference's shape. */
  readonly referenceKeys: ReadonlySet<string>;
  /** Every key of the lane's payload in this package's shape. */
  readonly ownKeys: ReadonlySet<string>;
  /** Maps a payload already known to be in the reference's shape; throws `INVALID_OPTIONS`. */
  map(input: Readonly<Record<string, unknown>>, entry: string): ReadPayload;
  /** The V1 outcome's `raw_payload` for the lane's output, in the reference's field names. */
  rawPayload(output: unknown): JsonMap;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/**
 * The one rule: a payload is in this package's shape or in the reference's, judged as a whole.
 * It is the reference's when it has a key only the reference uses (or when `force`); then every
 * key must be one of the reference's, and the first that is not is `INVALID_OPTIONS`. Keys both
 * shapes share (`command`, `url`, `headers` …) decide nothing; a payload with only those is ours.
 * Returns `undefined` for a payload in this package's shape (the lane validates it as usual).
 */
export function readReferencePayload(
  wire: ReferenceWire,
  input: unknown,
  entry: string,
  force = false,
): ReadPayload | undefined {
  if (!isPlainObject(input)) return undefined;
  const keys = Object.keys(input);
  const marker = keys.find((key) => wire.referenceKeys.has(key) && !wire.ownKeys.has(key));
  if (marker === undefined && !force) return undefined;
  for (const key of keys) {
    if (!wire.referenceKeys.has(key)) {
      const why =
        marker === undefined
          ? 'a key of the reference-shaped payload'
          : `a key of the reference's snake_case shape (the payload has \`${marker}\`, so it is read as the reference's; do not mix in this package's keys)`;
      throw invalidOptions(key, why, 'an unknown key', entry);
    }
  }
  return wire.map(input, entry);
}

const wires = new WeakMap<object, ReferenceWire>();

/**
 * The lane with the reference's payload shape accepted by its `plan` when no entry point calls
 * it (the node, the kernel, `startExecution`): entry points (`run()`, `request()` …) pass their
 * name and stay camelCase only. The reference's `timeout_ms` becomes an execution default.
 */
export function withReferenceWire<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  wire: ReferenceWire,
): Lane<P, O, E> {
  const timeouts = new WeakMap<object, number>();
  const wired: Lane<P, O, E> = {
    ...lane,
    plan: (input, entry) => {
      const read =
        entry === undefined ? readReferencePayload(wire, input, `${lane.id} lane payload`) : undefined;
      if (read === undefined) return lane.plan(input, entry);
      const plan = lane.plan(read.payload);
      if (read.timeoutMs !== undefined && typeof plan === 'object' && plan !== null) {
        timeouts.set(plan, read.timeoutMs);
      }
      return plan;
    },
    executionDefaults: (plan) => {
      const base: ExecutionOptions = lane.executionDefaults?.(plan) ?? {};
      const timeoutMs = typeof plan === 'object' && plan !== null ? timeouts.get(plan) : undefined;
      return timeoutMs === undefined ? base : { ...base, timeoutMs };
    },
  };
  wires.set(wired, wire);
  return wired;
}

/** The reference wire of a lane made by {@link withReferenceWire}, if any. */
export function referenceWireOf(lane: object | undefined): ReferenceWire | undefined {
  return lane ? wires.get(lane) : undefined;
}

/** The reference's `timeout_ms`: a positive integer, or absent (`null` reads as absent). */
export function referenceTimeout(value: unknown, entry: string, key = 'timeout_ms'): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw invalidOptions(key, 'a positive integer (milliseconds)', describeValue(value), entry);
}

/** Checks a reference field's type, naming the key. */
export function expectType<T>(
  value: unknown,
  key: string,
  check: (v: unknown) => v is T,
  expected: string,
  entry: string,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (check(value)) return value;
  throw invalidOptions(key, expected, describeValue(value), entry);
}

/**
 * Reference headers: a map or a list of name/value pairs (the reference's Finch and Mint take
 * lists, its HTTP helper maps). `stringify` turns scalar names and values into strings, as the
 * reference's `to_string/1` does; otherwise they must be strings. `undefined` when absent.
 */
export function referenceHeaders(
  value: unknown,
  entry: string,
  stringify = false,
): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const pairs = Array.isArray(value) ? value : isPlainObject(value) ? Object.entries(value) : undefined;
  const ok = (v: unknown) =>
    typeof v === 'string' || (stringify && (typeof v === 'number' || typeof v === 'boolean'));
  if (pairs?.every((p) => Array.isArray(p) && p.length === 2 && p.every(ok))) {
    return Object.fromEntries(pairs.map(([k, v]) => [String(k), String(v)]));
  }
  throw invalidOptions(
    'headers',
    'a map (or a list of name/value pairs) of strings',
    describeValue(value),
    entry,
  );
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isMap = (v: unknown): v is Record<string, unknown> => isPlainObject(v);
