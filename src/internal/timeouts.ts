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
    if (typeof c === 'number' && Number.isFinite(c) && c > 0) {
      if (typeof best !== 'number' || c < best) best = c;
    } else if (c === null && best === undefined) best = null;
  }
  return best;
}
