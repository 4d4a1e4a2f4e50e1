import * as z from 'zod/mini';
import { MAX_TIMER_MS } from '../core/index.js';
import { isSignalName } from './exit-facts.js';

// zod/mini ships no messages; each part says what it expects so INVALID_OPTIONS reads well.
const expects = (what: string) => ({ error: `expected ${what}` });

const noNul = (s: string) => !s.includes('\0');

/** Any string that can travel in argv or the environment (no NUL). */
export const argText = z.string(expects('a string')).check(z.refine(noNul, expects('a string without NUL')));

/** A non-empty argv-safe string. */
export const nonEmptyText = z
  .string(expects('a non-empty string'))
  .check(z.minLength(1, expects('a non-empty string')), z.refine(noNul, expects('a string without NUL')));

/** An environment variable name: non-empty, no `=` and no NUL. */
export const envName = z
  .string(expects('an environment variable name'))
  .check(
    z.refine(
      (s) => s.length > 0 && noNul(s) && !s.includes('='),
      expects('a variable name without "=" or NUL'),
    ),
  );

/** A byte count from 0 up to 2 GiB. */
export const byteCount = z
  .number(expects('a byte count'))
  .check(
    z.int(expects('an integer')),
    z.minimum(0, expects('>= 0')),
    z.maximum(2 ** 31, expects('<= 2 GiB')),
  );

/** A byte count from 1 up to 2 GiB. */
export const positiveBytes = z
  .number(expects('a byte count'))
  .check(
    z.int(expects('an integer')),
    z.minimum(1, expects('>= 1')),
    z.maximum(2 ** 31, expects('<= 2 GiB')),
  );

/** Milliseconds from 0 up to the largest timer delay. */
export const millis = z
  .number(expects('milliseconds'))
  .check(
    z.int(expects('an integer')),
    z.minimum(0, expects('>= 0')),
    z.maximum(MAX_TIMER_MS, expects('a timer delay')),
  );

/** Positive milliseconds. */
export const positiveMillis = z
  .number(expects('milliseconds'))
  .check(
    z.int(expects('an integer')),
    z.minimum(1, expects('>= 1')),
    z.maximum(MAX_TIMER_MS, expects('a timer delay')),
  );

/** A TCP port. */
export const port = z
  .number(expects('a port'))
  .check(
    z.int(expects('an integer')),
    z.minimum(1, expects('a port 1-65535')),
    z.maximum(65_535, expects('a port 1-65535')),
  );

/** A terminal dimension. */
export const cells = z
  .number(expects('a cell count'))
  .check(z.int(expects('an integer')), z.minimum(1, expects('>= 1')), z.maximum(10_000, expects('<= 10000')));

/** A signal name this platform knows. */
export const signalNameSchema = z
  .string(expects('a signal name'))
  .check(z.refine(isSignalName, expects('a signal name such as "SIGTERM"')));

/** `z.enum` with a message listing the choices. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, expects(`one of ${values.map((v) => `"${v}"`).join(' | ')}`));
}

export { expects };
