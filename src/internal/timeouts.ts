/**
 * The one "smallest timeout" rule: the smallest positive finite candidate wins; `null` (off) and
 * `undefined` (not given) never beat a number; all absent gives `undefined` unless one was `null`.
 *
 * @example
 * smallestTimeout(1500, undefined, 750); // 750
 * smallestTimeout(null, undefined); // null
 */
export function smallestTimeout(
  ...candidates: ReadonlyArray<number | null | undefined>
): number | null | undefined {
  let best: number | null | undefined;
  for (const c of candidates) {
    // Number.isFinite is false for anything but a finite number.
    if (Number.isFinite(c) && (c as number) > 0) {
      if (!best || (c as number) < best) best = c;
    } else if (c === null && best === undefined) best = null;
  }
  return best;
}
