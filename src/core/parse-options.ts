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
  return { path: path || '(root)', expected: expectation(issue.message), received };
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

// zod says "Invalid input: expected number, received string"; keep the expectation only.
function expectation(message: string): string {
  const match = /expected (.+?)(?:, received .*)?$/i.exec(message);
  return match?.[1] ?? message.charAt(0).toLowerCase() + message.slice(1);
}
