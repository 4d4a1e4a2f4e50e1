const DIGITS = /^\s*\d+\s*$/;

/**
 * The delay a server asked for, in milliseconds: `retry-after-ms` (fractional milliseconds, as
 * OpenAI sends it) wins over `retry-after` (whole seconds or an HTTP-date). `undefined` when
 * neither header is present or valid; a date in the past gives 0.
 *
 * @example
 * parseRetryAfter((name) => ({ 'retry-after': '3' })[name], Date.now()); // 3000
 */
export function parseRetryAfter(
  header: (name: string) => string | undefined,
  nowMs: number,
): number | undefined {
  const ms = header('retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.ceil(value);
  }
  const after = header('retry-after');
  if (after === undefined) return undefined;
  if (DIGITS.test(after)) return Number.parseInt(after, 10) * 1000;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
