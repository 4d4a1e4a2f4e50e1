import { ExecutionError, isExecutionError } from '../../core/errors.js';
import type { EventPayloadMap } from '../../core/event.js';
import type { FailureInput } from '../../core/failure.js';
import type { LaneContext, LaneResult } from '../../core/lane.js';
import { describeValue } from '../describe-value.js';
import { createRedactor, isCredentialName, type Redactor } from '../redact.js';
import { type CredentialNames, type HeaderRecord, redactHeaders } from './headers.js';

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
  const values = [...(secrets ?? [])];
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
    plainRedactor ??= createRedactor();
    return { credentials, redactor: plainRedactor };
  }
  return { credentials, redactor: createRedactor({ secrets: values }) };
}

// Requests with nothing to scrub (most of them) share one stateless redactor.
let plainRedactor: Redactor | undefined;

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

/**
 * An error as it may leave the lane: message through the policy's text rule, details through
 * its record rule, no cause (a cause may quote what the message withholds).
 */
export function redactError(error: unknown, redactor: Redactor): ExecutionError | Error {
  if (isExecutionError(error)) {
    return new ExecutionError(error.code, redactor.text(error.message), {
      failureClass: error.failureClass,
      details: redactor.record(error.details) as Record<string, unknown>,
    });
  }
  return new Error(redactor.text(error instanceof Error ? error.message : String(error)));
}

/** A failure as it may leave the lane (see {@link redactError}). */
export function redactFailure(failure: FailureInput, redactor: Redactor): FailureInput {
  return {
    ...failure,
    reason: failure.reason == null ? failure.reason : redactor.text(failure.reason),
    details: failure.details && (redactor.record(failure.details) as Record<string, unknown>),
  };
}

/**
 * Runs a lane's `start` with redaction at its edge: every event payload and the output have the
 * listed secrets scrubbed (deep; bytes kept), failures and thrown errors go through the full
 * policy. Structural redaction (credential headers, URLs) is the lane's, at its emit sites.
 */
export async function runRedacted<E extends EventPayloadMap, O>(
  redaction: HttpRedaction,
  ctx: LaneContext<E>,
  run: (ctx: LaneContext<E>) => Promise<LaneResult<O>>,
): Promise<LaneResult<O>> {
  const { redactor } = redaction;
  const scoped: LaneContext<E> = redactor.hasSecrets
    ? {
        ref: ctx.ref,
        signal: ctx.signal,
        deadline: ctx.deadline,
        emit: (type, payload, bytes) => ctx.emit(type, redactor.scrubDeep(payload), bytes),
      }
    : ctx;
  let result: LaneResult<O>;
  try {
    result = await run(scoped);
  } catch (error) {
    // Cancellation and the execution timeout are core's own reasons: pass them through as they are.
    if (ctx.signal.aborted && error === ctx.signal.reason) throw error;
    throw redactError(error, redactor);
  }
  if (!redactor.hasSecrets && !result.failure) return result;
  return {
    ...result,
    output: redactor.scrubDeep(result.output),
    failure: result.failure && redactFailure(result.failure, redactor),
  };
}

/**
 * The error of a `plan` (`INVALID_OPTIONS`) with the caller's `secrets` scrubbed, read from the
 * raw input so a refusal of any option — the `secrets` option's own included — never quotes one.
 */
export function redactPlanError(error: unknown, input: unknown): unknown {
  if (!isExecutionError(error)) return error;
  const listed =
    typeof input === 'object' && input !== null ? (input as { secrets?: unknown }).secrets : undefined;
  const secrets = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === 'string') : [];
  return redactError(error, createRedactor({ secrets }));
}

/** A refused URL for an `INVALID_OPTIONS` message: bounded, user-info withheld even when unparsable. */
export function describeUrl(value: unknown): string {
  return describeValue(String(value).replace(/\/\/[^/?#]*@/, '//[redacted]@'));
}
