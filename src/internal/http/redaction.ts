import { describeValue } from '../describe-value.js';
import { createRedactor, isCredentialName, type Redactor } from '../redact.js';
import { type CredentialNames, credentialHeaderSet, type HeaderRecord, redactHeaders } from './headers.js';

/**
 * The HTTP and SSE lanes' side of the one redaction policy (`src/internal/redact.ts`): which
 * header names are credentials, and the values to scrub wherever they appear — the caller's
 * `secrets` plus every value the caller put under a credential-looking name (a header, a query
 * parameter), so a server that echoes an Authorization header or an `api_key` parameter into a
 * body is scrubbed too.
 */
export interface HttpRedaction {
  readonly credentials: CredentialNames;
  readonly redactor: Redactor;
}

/**
 * The redaction of one request or stream, built by its `plan`.
 *
 * @example
 * const { redactor } = planRedaction(url, { authorization: 'Bearer abcd1234' }, credentialHeaderSet(undefined), []);
 * redactor.scrub('echo: abcd1234'); // 'echo: [redacted]'
 */
export function planRedaction(
  url: URL,
  headers: HeaderRecord,
  credentials: CredentialNames,
  secrets: readonly string[] | undefined,
): HttpRedaction {
  const values = secrets ? [...secrets] : [];
  for (const name in headers) {
    if (!credentials.has(name)) continue;
    const value = headers[name] as string;
    values.push(value);
    // `Bearer x`, `Basic x`, `Token x`: the credential itself may be echoed without its scheme.
    const scheme = /^[A-Za-z][\w-]*\s+(\S+)$/.exec(value);
    if (scheme) values.push(scheme[1] as string);
  }
  // `searchParams` builds a URLSearchParams on first read: skip it for a URL without a query.
  if (url.search !== '')
    for (const [name, value] of url.searchParams) if (isCredentialName(name)) values.push(value);
  if (values.length === 0) {
    plain ??= { credentials: credentialHeaderSet(undefined), redactor: createRedactor() };
    return credentials === plain.credentials ? plain : { credentials, redactor: plain.redactor };
  }
  return { credentials, redactor: createRedactor({ secrets: values }) };
}

// Requests with nothing to scrub (most of them) share one stateless redactor, and those that also
// name no credential headers of their own share this whole redaction.
let plain: HttpRedaction | undefined;

/** Headers for an event or output: credential values withheld, listed secrets scrubbed. */
export function redactHeaderRecord(headers: HeaderRecord, redaction: HttpRedaction): HeaderRecord {
  const withheld = redactHeaders(headers, redaction.credentials);
  const { redactor } = redaction;
  if (!redactor.hasSecrets) return withheld;
  const out: HeaderRecord = {};
  for (const name in withheld) out[redactor.scrub(name)] = redactor.scrub(withheld[name] as string);
  return out;
}

/**
 * A URL for an event, an output or a message: user info and credential-named query parameters
 * withheld, secrets scrubbed. Unchanged (not re-serialised) when there is nothing to withhold.
 */
export function redactUrl(url: URL, redaction: HttpRedaction): string {
  const { redactor } = redaction;
  if (!redactor.hasSecrets && url.username === '' && url.password === '' && !hasCredentialParam(url)) {
    return url.href;
  }
  return redactor.url(url);
}

function hasCredentialParam(url: URL): boolean {
  if (url.search === '') return false;
  for (const name of url.searchParams.keys()) if (isCredentialName(name)) return true;
  return false;
}

/** A refused URL for an `INVALID_OPTIONS` message: bounded, user-info withheld even when unparsable. */
export function describeUrl(value: unknown): string {
  return describeValue(String(value).replace(/\/\/[^/?#]*@/, '//[redacted]@'));
}
