import * as z from 'zod/mini';
import { MAX_TIMER_MS } from '../core/limits.js';

/**
 * The option schemas every lane shares, so a duration or a size means the same thing everywhere:
 * integers, bounded, in the unit their name says.
 */

/** Milliseconds from `min` (1 unless 0 is meaningful) up to the largest timer Node can set. */
export const durationMs = (min: 0 | 1 = 1) =>
  z.number().check(z.int(), z.minimum(min), z.maximum(MAX_TIMER_MS));

/** A byte size from 1 up to `max` (1 GiB unless said otherwise). */
export const byteSize = (max: number = 1024 ** 3) => z.number().check(z.int(), z.minimum(1), z.maximum(max));

/** A whole count from `min` up to `max`. */
export const count = (max: number, min = 0) => z.number().check(z.int(), z.minimum(min), z.maximum(max));
