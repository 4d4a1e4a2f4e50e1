import { safeParse, type ZodMiniType } from 'zod/mini';
import { describeRedacted, describeValue } from '../internal/describe-value.js';
import { ExecutionError } from './errors.js';

// Values under these keys are never echoed into messages.
const SECRET_KEY = /authorization|cookie|token|secret|password|passphrase|api[-_]?key|credential/i;

interface Issue {
  readonly code: string;
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
  readonly keys?: readonly string[];
  readonly expected?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly origin?: string;
  readonly values?: readonly unknown[];
  readonly format?: string;
  readonly divisor?: number;
}

/** The first issue of a failed parse as `{ path, expected, received }`, with secrets withheld. */
export function describeFirstIssue(
  issues: readonly Issue[],
  input: unknown,
): { path: string; expected: string; received: string } {
  const issue = issues[0] as Issue;
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    const path = [...issue.path, issue.keys[0] as string].map(String).join('.');
    return { path, expected: 'a known key', received: 'an unknown key' };
  }
  const path = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  const received = issue.path.some((k) => SECRET_KEY.test(String(k)))
    ? describeRedacted(value)
    : describeValue(value);
  return { path: path || '(root)', expected: expectation(issue), received };
}

/**
 * The options funnel: validates `input` against a zod schema and returns the parsed value, or
 * throws `INVALID_OPTIONS` naming the first failing option and the value received (credential
 * values withheld). Call it first thing, before any I/O.
 *
 * @example
 * const opts = parseOptions(RequestOptionsSchema, input, 'request()');
 * // ExecutionError: Invalid option `retry.maxRetries` for request(): expected a number >= 0, got -1 (number)
 */
export function parseOptions<T>(schema: ZodMiniType<T>, input: unknown, entry: string): T {
  const parsed = safeParse(schema, input);
  if (parsed.success) return parsed.data;
  const { path, expected, received } = describeFirstIssue(parsed.error.issues as readonly Issue[], input);
  throw new ExecutionError(
    'INVALID_OPTIONS',
    `Invalid option \`${path}\` for ${entry}: expected ${expected}, got ${received}`,
    { details: { option: path, expected, received } },
  );
}

function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// zod/mini ships no message locale (that would cost bundle size), so the expectation is
// rendered from the issue's own fields.
function expectation(issue: Issue): string {
  const what =
    issue.origin === 'string' || issue.origin === 'array'
      ? `${issue.origin} length`
      : (issue.origin ?? 'value');
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : (issue.expected ?? 'another type');
    case 'too_small':
      return `${what} ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return `${what} ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `a ${issue.format ?? 'formatted'} string`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'one of the accepted shapes';
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'a valid value';
  }
}
