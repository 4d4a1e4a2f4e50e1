import { safeParse, type ZodMiniType } from 'zod/mini';
import { describeRedacted, describeValue, SECRET_OPTION_KEY } from '../internal/describe-value.js';
import { invalidOptions } from './errors.js';
import { EXECUTION_OPTION_KEYS } from './execution-options.js';
import { describeShape, knownKeys, schemaAt } from './schema-shape.js';
import { nearestKey } from './suggest-key.js';

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
  readonly discriminator?: string;
  readonly options?: readonly unknown[];
}

/** What a failed parse reports: the option's path, what was expected and what came. */
interface Described {
  readonly path: string;
  readonly expected: string;
  readonly received: string;
  readonly suggestion?: string | undefined;
}

// The first issue of a failed parse, with secrets withheld and the nearest known key suggested.
function describeFirstIssue(schema: ZodMiniType, issues: readonly Issue[], input: unknown): Described {
  // An unknown key usually explains the other issues (a typo also leaves a required key missing).
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? (issues[0] as Issue);
  if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
    const key = issue.keys[0] as string;
    const path = [...issue.path, key].map(String).join('.');
    const known = knownKeys(schemaAt(schema, issue.path));
    // At the root of an entry's options, the execution options are known keys too.
    const candidates = issue.path.length === 0 ? [...known, ...EXECUTION_OPTION_KEYS] : known;
    return {
      path,
      expected: 'a known key',
      received: 'an unknown key',
      suggestion: nearestKey(key, candidates),
    };
  }
  const path = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  const received = issue.path.some((k) => SECRET_OPTION_KEY.test(String(k)))
    ? describeRedacted(value)
    : describeValue(value);
  return { path: path || '(root)', expected: expectation(issue, schema), received };
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
  const { path, expected, received, suggestion } = describeFirstIssue(
    schema,
    parsed.error.issues as readonly Issue[],
    input,
  );
  throw invalidOptions(path, expected, received, entry, suggestion);
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
function expectation(issue: Issue, schema: ZodMiniType): string {
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
    case 'invalid_union': {
      if (issue.discriminator) {
        const values = (issue.options ?? []).map((v) => JSON.stringify(v)).join(', ');
        return `one of ${values}`;
      }
      const union = schemaAt(schema, issue.path);
      return union ? `one of: ${describeShape(union)}` : 'one of the accepted shapes';
    }
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'a valid value';
  }
}
