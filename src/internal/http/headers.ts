import { invalidOptions } from '../../core/errors.js';
import { describeRedacted, describeValue } from '../describe-value.js';

/**
 * Header plumbing shared by the HTTP and SSE lanes: validation, lower-casing and credential
 * redaction.
 */

/**
 * Headers whose values are credentials. They are replaced by `[redacted]` in events, outputs and
 * errors, and stripped from a redirect to another origin. Callers add their own through
 * `credentialHeaders`.
 */
export const DEFAULT_CREDENTIAL_HEADERS: readonly string[] = [
  'authorization',
  'cookie',
  'proxy-authorization',
  'x-api-key',
  'set-cookie',
];

/** What a credential header's value is replaced with. */
export const REDACTED = '[redacted]';

/** Request headers as a caller may give them. Names are case-insensitive. */
export type HeadersInput =
  | Readonly<Record<string, string>>
  | ReadonlyArray<readonly [string, string]>
  | Headers;

/** Header names and values with lower-case names, one entry per name. */
export type HeaderRecord = Record<string, string>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\r\n\0]/;

const DEFAULT_SET: ReadonlySet<string> = new Set(DEFAULT_CREDENTIAL_HEADERS);

/**
 * The credential header names in force: the defaults plus the caller's (any case).
 *
 * @example
 * credentialHeaderSet(['X-Vendor-Key']).has('x-vendor-key'); // true
 */
export function credentialHeaderSet(extra: readonly string[] | undefined): ReadonlySet<string> {
  if (!extra || extra.length === 0) return DEFAULT_SET;
  const set = new Set(DEFAULT_SET);
  for (const name of extra) set.add(name.toLowerCase());
  return set;
}

/**
 * Validates and lower-cases request headers; repeated names are joined with `, `. Throws
 * `INVALID_OPTIONS` naming the header (its value withheld when it is a credential).
 *
 * @example
 * normalizeHeaders({ Accept: 'text/plain' }, DEFAULT_SET, 'request()'); // { accept: 'text/plain' }
 */
export function normalizeHeaders(
  input: HeadersInput | undefined,
  credentials: ReadonlySet<string>,
  entry: string,
): HeaderRecord {
  const out: HeaderRecord = {};
  if (input === undefined) return out;
  const pairs: Iterable<readonly [string, unknown]> =
    input instanceof Headers || Array.isArray(input)
      ? (input as Iterable<readonly [string, unknown]>)
      : Object.entries(input);
  for (const pair of pairs) {
    const [name, value] = pair;
    const lower = typeof name === 'string' ? name.toLowerCase() : '';
    if (!TOKEN.test(lower)) {
      throw invalidOptions('headers', 'header names made of token characters', describeValue(name), entry);
    }
    if (typeof value !== 'string' || BAD_VALUE.test(value)) {
      const shown = credentials.has(lower) ? describeRedacted(value) : describeValue(value);
      throw invalidOptions(`headers.${lower}`, 'a string without CR, LF or NUL', shown, entry);
    }
    const prior = out[lower];
    out[lower] = prior === undefined ? value : `${prior}, ${value}`;
  }
  return out;
}

/**
 * A copy of `headers` with credential values replaced; the same object when there are none.
 *
 * @example
 * redactHeaders({ authorization: 'Bearer t', accept: '*' }, credentialHeaderSet(undefined));
 * // { authorization: '[redacted]', accept: '*' }
 */
export function redactHeaders(headers: HeaderRecord, credentials: ReadonlySet<string>): HeaderRecord {
  let copy: HeaderRecord | undefined;
  for (const name in headers) {
    if (credentials.has(name)) {
      copy ??= { ...headers };
      copy[name] = REDACTED;
    }
  }
  return copy ?? headers;
}

/** The `fetch` the fetch engine (and the SSE lane) calls; the global one unless injected. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A fetch `Headers` object as a header record (lower-case names, repeated values joined).
 */
export function headerRecordOf(headers: Headers): HeaderRecord {
  const out: HeaderRecord = {};
  headers.forEach((value, name) => {
    const prior = out[name];
    out[name] = prior === undefined ? value : `${prior}, ${value}`;
  });
  return out;
}
