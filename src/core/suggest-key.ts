/**
 * The candidate closest to `key` by edit distance, when it is close enough to be a typo: within
 * a third of the key's length (at least 2 edits). A shared stem (`maxRetry` / `maxRetries`,
 * `timeout` / `timeoutMs`) counts as one edit. Case is ignored.
 *
 * @example
 * nearestKey('timeout', ['timeoutMs', 'signal']); // 'timeoutMs'
 */
export function nearestKey(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  const a = key.toLowerCase();
  for (const candidate of candidates) {
    const b = candidate.toLowerCase();
    const stem = Math.min(a.length, b.length) >= 4 && (b.startsWith(a.slice(0, -1)) || a.startsWith(b));
    const d = stem ? 1 : editDistance(a, b);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

// Levenshtein distance over one row, updated in place (`diagonal` holds the cell left behind).
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}
