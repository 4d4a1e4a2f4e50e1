import { MAX_TIMER_MS } from '../core/limits.js';
import { checkInt, checkKeys, refuse } from '../internal/option-checks.js';
import { MIN_SECRET_CHARS } from '../internal/redact.js';
import type { ParsedRequestInput } from './options.js';

/**
 * The HTTP lane payload's checks, written by hand instead of as a zod schema: a schema library
 * was about 7 KB of every bundle that imports `request`. The errors are the options funnel's
 * (`INVALID_OPTIONS` naming the option's path, what was expected, the value received — withheld
 * under a credential-looking path — and the nearest known key for an unknown one), from the same
 * primitives as `connect()`'s (`internal/option-checks`), composed here as a declarative shape.
 */

/** Throws `INVALID_OPTIONS` for the value at `path`, or returns nothing. */
type Check = (value: unknown, path: string, entry: string) => void;
type Shape = Readonly<Record<string, Check>>;

const is =
  (type: 'string' | 'boolean' | 'function', expected: string): Check =>
  (value, path, entry) => {
    if (typeof value !== type) refuse(path, expected, value, entry);
  };

const string = is('string', 'string');
const boolean = is('boolean', 'boolean');

const integer =
  (min: number, max: number): Check =>
  (value, path, entry) =>
    void checkInt(value, path, entry, min, max);

/** Milliseconds from `min` up to the largest timer Node can set (as `durationMs` elsewhere). */
const duration = (min: 0 | 1 = 1) => integer(min, MAX_TIMER_MS);

const oneOf = (...allowed: readonly unknown[]): Check => {
  const expected = `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  return (value, path, entry) => {
    if (!allowed.includes(value)) refuse(path, expected, value, entry);
  };
};

const arrayOf =
  (item: Check): Check =>
  (value, path, entry) => {
    if (!Array.isArray(value)) return refuse(path, 'array', value, entry);
    for (let i = 0; i < value.length; i++) item(value[i], `${path}.${i}`, entry);
  };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const urlLike: Check = (value, path, entry) => {
  if (typeof value !== 'string' && !(value instanceof URL)) refuse(path, 'string | URL', value, entry);
};

// Values of at least MIN_SECRET_CHARS characters (withheld from messages by `refuse`).
const secrets = arrayOf((value, path, entry) => {
  if (typeof value !== 'string' || value.length < MIN_SECRET_CHARS) {
    refuse(path, `a string of at least ${MIN_SECRET_CHARS} characters`, value, entry);
  }
});

/** A strict object of optional keys: an unknown key names the nearest known one. */
function object(shape: Shape): Check {
  const keys = Object.keys(shape);
  return (value, path, entry) => {
    if (!isObject(value)) return refuse(path, 'object', value, entry);
    checkKeys(value, keys, { entry, path });
    for (const key in value) {
      const field = value[key];
      if (field !== undefined) (shape[key] as Check)(field, path ? `${path}.${key}` : key, entry);
    }
  };
}

const orFalse = (shape: Shape): Check => {
  const check = object(shape);
  return (value, path, entry) => {
    if (value !== false) check(value, path, entry);
  };
};

const objectValue =
  (expected: string): Check =>
  (value, path, entry) => {
    if (typeof value !== 'object' || value === null) refuse(path, expected, value, entry);
  };

/** The payload's keys and their checks: `{ url, …RequestOptions }` without the execution options. */
const REQUEST_SHAPE: Shape = {
  url: urlLike,
  baseUrl: urlLike,
  // A plain record; each value is checked where the query is encoded (`query.<name>`).
  query: (value, path, entry) =>
    void (isObject(value) || refuse(path, 'a record of query values', value, entry)),
  method: string,
  headers: objectValue('a record, [name, value] pairs or Headers'),
  body: () => {},
  responseType: oneOf('text', 'json', 'bytes', 'stream'),
  throwOnHttpError: boolean,
  timeouts: object({
    connectMs: duration(),
    continueMs: duration(),
    headersMs: duration(),
    idleMs: duration(),
    totalMs: duration(),
  }),
  retry: orFalse({
    maxRetries: integer(0, 100),
    methods: arrayOf(string),
    statusCodes: arrayOf(integer(100, 599)),
    initialDelayMs: duration(0),
    maxDelayMs: duration(0),
    jitter: boolean,
    maxRetryAfterMs: duration(0),
    onTimeout: boolean,
  }),
  redirect: orFalse({ follow: boolean, max: integer(0, 1_000) }),
  maxResponseBytes: integer(0, Number.MAX_SAFE_INTEGER),
  credentialHeaders: arrayOf(string),
  secrets,
  engine: oneOf('node', 'fetch', 'undici'),
  fetch: is('function', 'a function'),
  agents: objectValue('{ http?, https? } agents'),
  proxy: urlLike,
};

/** The payload keys this lane knows (`{ url, …RequestOptions }`). */
export const REQUEST_KEYS: readonly string[] = Object.keys(REQUEST_SHAPE);

const checkRoot = object(REQUEST_SHAPE);

/**
 * Checks an HTTP lane payload and returns it typed, or throws `INVALID_OPTIONS` for the first
 * failing option (unknown keys first: a typo usually explains the rest).
 */
export function checkRequestInput(input: unknown, entry: string): ParsedRequestInput {
  checkRoot(input, '', entry);
  const o = input as ParsedRequestInput;
  if (o.url === undefined) refuse('url', 'string | URL', undefined, entry);
  return o;
}
