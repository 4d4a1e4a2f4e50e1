// Elixir's `DateTime.from_iso8601/1`: an optional year sign, `.` or `,` before the fraction, and
// an offset `Z`, `±HH:MM`, `±HHMM` or `±HH` — except `-00:00` (RFC 3339's "unknown offset").
const ISO =
  /^([+-]?\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})([.,]\d+)?(Z|[+-](\d{2})(?::?(\d{2}))?)$/;

/**
 * True when `value` is an ISO-8601 date-time the reference accepts: a full calendar date (the
 * year may be signed), a time with seconds (a fraction after `.` or `,` optional), a `T` or space
 * separator and an explicit offset (`Z`, `±HH:MM`, `±HHMM` or `±HH`, but not `-00:00`). A date
 * alone or a time without an offset is not a timestamp anyone can compare.
 *
 * @example
 * isIso8601('2026-04-10T12:00:00Z'); // true
 * isIso8601('2026-04-10T12:00:00');  // false — no offset
 */
export function isIso8601(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[8] === '-00:00') return false;
  return m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10] ?? 0) <= 59);
}

function daysIn(year: number, month: number): number {
  // `%` keeps the sign, so negative (proleptic) years follow the same rule.
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
