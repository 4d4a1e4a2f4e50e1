import { invalidOptions } from '../../core/errors.js';
import { describeRedacted, describeValue } from '../describe-value.js';
import { isCredentialName, REDACTED } from '../redact.js';
import { encodeUtf8 } from '../utf8.js';

/**
 * Header plumbing shared by the HTTP and SSE lanes: validation, lower-casing and credential
 * redaction by the package's one redaction policy (`src/internal/redact.ts`).
 */

export { REDACTED };

/**
 * Which header names hold credentials: every credential-looking name of the shared policy
 * (`authorization`, `x-auth-token`, `api-key`, `x-goog-api-key`, `private-token`,
 * `x-amz-security-token`, `cookie`, `set-cookie` …) plus the caller's `credentialHeaders`.
 * Their values are withheld in events, outputs and errors, and stripped from a redirect to
 * another origin.
 */
export interface CredentialNames {
  has(name: string): boolean;
}

const POLICY_ONLY: CredentialNames = { has: isCredentialName };

/**
 * The credential header names in force: the shared policy's plus the caller's (any case).
 *
 * @example
 * credentialHeaderSet(['X-Vendor-Id']).has('x-vendor-id'); // true
 * credentialHeaderSet(undefined).has('x-goog-api-key'); // true
 */
export function credentialHeaderSet(extra: readonly string[] | undefined): CredentialNames {
  if (!extra || extra.length === 0) return POLICY_ONLY;
  const set = new Set(extra.map((name) => name.toLowerCase()));
  return { has: (name) => set.has(name.toLowerCase()) || isCredentialName(name) };
}

/** Request headers as a caller may give them. Names are case-insensitive. */
export type HeadersInput =
  | Readonly<Record<string, string>>
  | ReadonlyArray<readonly [string, string]>
  | Headers;

/** Header names and values with lower-case names, one entry per name. */
export type HeaderRecord = Record<string, string>;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What both engines can put on the wire: HTAB, visible ASCII, space and obs-text (0x80–0xFF).
// Any other control character (CR, LF, NUL, DEL …) or a code point above 0xFF fails at send.
const GOOD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Validates and lower-cases request headers; repeated names are joined with `, `. Throws
 * `INVALID_OPTIONS` naming the header (its value withheld when it is a credential) for a name
 * that is not a token or a value with a control character or a character above U+00FF — what
 * node:http and fetch would refuse only at send time.
 *
 * @example
 * normalizeHeaders({ Accept: 'text/plain' }, credentialHeaderSet(undefined), 'request()'); // { accept: 'text/plain' }
 */
export function normalizeHeaders(
  input: HeadersInput | undefined,
  credentials: CredentialNames,
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
      // A name may itself be a pasted secret: show it only when it is short and harmless.
      const shown =
        typeof name === 'string' && name.length <= 40 && !isCredentialName(name) ? name : undefined;
      throw invalidOptions(
        'headers',
        'header names made of token characters',
        shown === undefined ? describeRedacted(name) : describeValue(shown),
        entry,
      );
    }
    if (typeof value !== 'string' || !GOOD_VALUE.test(value)) {
      const shown = credentials.has(lower) ? describeRedacted(value) : describeValue(value);
      throw invalidOptions(
        `headers.${lower}`,
        'a string of tab, visible ASCII, space or U+0080–U+00FF characters (no CR, LF, NUL or other control character)',
        shown,
        entry,
      );
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
export function redactHeaders(headers: HeaderRecord, credentials: CredentialNames): HeaderRecord {
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
  // The record is `forEach`'s `this`: no closure per response.
  headers.forEach(addHeader, out);
  return out;
}

function addHeader(this: HeaderRecord, value: string, name: string): void {
  const prior = this[name];
  this[name] = prior === undefined ? value : `${prior}, ${value}`;
}

/**
 * A header value that puts the UTF-8 bytes of `text` on the wire. Both engines write a header
 * value one byte per character (node:http as latin1, fetch as a ByteString), so a string whose
 * characters are the UTF-8 bytes arrives as UTF-8. ASCII is returned as it is.
 *
 * @example
 * utf8HeaderValue('café'); // 'cafÃ©' (bytes 63 61 66 c3 a9 on the wire)
 */
export function utf8HeaderValue(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const byte of encodeUtf8(text)) out += String.fromCharCode(byte);
  return out;
}
