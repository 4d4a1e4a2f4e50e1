import * as z from 'zod/mini';
import { count, durationMs } from '../internal/option-schemas.js';
import { isSignalName } from './exit-facts.js';

// Core renders type, range and enum issues from the issue itself; only refinements need words.
const noNul = (s: string) => !s.includes('\0');

/** Any string that can travel in argv or the environment (no NUL). */
export const argText = z.string().check(z.refine(noNul, 'a string without NUL'));

/** A non-empty argv-safe string. */
export const nonEmptyText = z.string().check(z.minLength(1), z.refine(noNul, 'a string without NUL'));

/** An environment variable name: non-empty, no `=` and no NUL. */
export const envName = z
  .string()
  .check(z.refine((s) => s.length > 0 && noNul(s) && !s.includes('='), 'a variable name without "=" or NUL'));

/** A byte count from 0 (off) up to 2 GiB. */
export const byteCount = count(2 ** 31);

/** A byte count from 1 up to 2 GiB. */
export const positiveBytes = count(2 ** 31, 1);

/** Milliseconds from 0 up to the largest timer delay. */
export const millis = durationMs(0);

/** Positive milliseconds. */
export const positiveMillis = durationMs();

/** A TCP port. */
export const port = count(65_535, 1);

/** A terminal dimension. */
export const cells = count(10_000, 1);

/** A signal name this platform knows. */
export const signalNameSchema = z.string().check(z.refine(isSignalName, 'a signal name such as "SIGTERM"'));
