import * as z from 'zod/mini';
import { ExecutionError, isExecutionError } from '../core/errors.js';
import type { EventPayloadMap } from '../core/event.js';
import type { FailureInput } from '../core/failure.js';
import type { Lane, LaneContext, LaneResult } from '../core/lane.js';
import { createRedactor, isCredentialName, MIN_SECRET_CHARS, type Redactor } from './redact.js';

/**
 * Every lane's side of the one redaction policy (`./redact.ts`): the `secrets` option's schema,
 * and the edge of a lane's run where events, outputs, failures and thrown errors are redacted.
 * What is structural (credential headers, URLs) stays the lane's, at its emit sites.
 */

/**
 * The `secrets` option, the same in every lane: values to scrub, each at least
 * {@link MIN_SECRET_CHARS} characters (a shorter one would scrub ordinary text).
 */
export const secretsOption = () => z.optional(z.array(z.string().check(z.minLength(MIN_SECRET_CHARS))));

/**
 * The values a caller put under credential-looking names — headers, environment variables, URL
 * query parameters — to scrub wherever they come back (a peer that echoes an `Authorization`
 * header, a child that prints `$API_TOKEN`). A `Bearer x` / `Basic x` value also gives `x`.
 *
 * @example
 * credentialValues({ Authorization: 'Bearer abcd1234', Accept: '*' }); // ['Bearer abcd1234', 'abcd1234']
 */
export function credentialValues(
  named: Readonly<Record<string, string | undefined>> | undefined,
  url?: URL,
): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(named ?? {})) {
    if (value === undefined || !isCredentialName(name)) continue;
    values.push(value);
    const scheme = /^[A-Za-z][\w-]*\s+(\S+)$/.exec(value);
    if (scheme) values.push(scheme[1] as string);
  }
  if (url) for (const [name, value] of url.searchParams) if (isCredentialName(name)) values.push(value);
  return values;
}

/**
 * The values of credential-looking flags in an argv, `--token x` and `--token=x` alike, to scrub
 * wherever they come back.
 *
 * @example
 * credentialFlagValues(['--password', 'hunter22', '-v']); // ['hunter22']
 */
export function credentialFlagValues(args: readonly string[]): string[] {
  const values: string[] = [];
  args.forEach((arg, i) => {
    const joined = /^--?([\w.-]+)=(.+)$/s.exec(arg);
    if (joined) {
      if (isCredentialName(joined[1] as string)) values.push(joined[2] as string);
    } else if (/^--?[\w.-]+$/.test(arg) && isCredentialName(arg) && i + 1 < args.length) {
      values.push(args[i + 1] as string);
    }
  });
  return values;
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

/** A lane context whose events are scrubbed (a class: `signal` stays a prototype getter, read lazily). */
class ScrubbingContext<E extends EventPayloadMap> implements LaneContext<E> {
  readonly ref: string;
  readonly deadline: number | null;
  readonly onAbort: LaneContext<E>['onAbort'];
  readonly emit: LaneContext<E>['emit'];
  readonly #ctx: LaneContext<E>;

  constructor(ctx: LaneContext<E>, redactor: Redactor) {
    this.#ctx = ctx;
    this.ref = ctx.ref;
    this.deadline = ctx.deadline;
    this.onAbort = ctx.onAbort;
    this.emit = (type, payload, bytes) => ctx.emit(type, redactor.scrubDeep(payload), bytes);
  }

  get signal(): AbortSignal {
    return this.#ctx.signal;
  }
}

/**
 * Runs a lane's `start` with redaction at its edge: every event payload and the output have the
 * listed secrets scrubbed (deep; bytes kept), failures and thrown errors go through the full
 * policy. Cancellation and the execution timeout (core's own reasons) pass through as they are.
 */
export function runRedacted<E extends EventPayloadMap, O, A = undefined>(
  redactor: Redactor,
  ctx: LaneContext<E>,
  run: (ctx: LaneContext<E>, arg: A) => Promise<LaneResult<O>>,
  // Handed to `run`: a lane passes its plan here instead of a closure per execution over it.
  arg?: A,
): Promise<LaneResult<O>> {
  const scoped: LaneContext<E> = redactor.hasSecrets ? new ScrubbingContext(ctx, redactor) : ctx;
  const failed = (error: unknown): never => {
    if (ctx.signal.aborted && error === ctx.signal.reason) throw error;
    throw redactError(error, redactor);
  };
  let running: Promise<LaneResult<O>>;
  try {
    running = run(scoped, arg as A);
  } catch (error) {
    running = Promise.reject(error);
  }
  // One `then` on the lane's promise, not an async step around it (a frame, its promise and an
  // await's closures per execution).
  return running.then((result) => {
    if (!redactor.hasSecrets && !result.failure) return result;
    return {
      ...result,
      output: redactor.scrubDeep(result.output),
      failure: result.failure && redactFailure(result.failure, redactor),
    };
  }, failed);
}

/**
 * The error of a `plan` (`INVALID_OPTIONS`) with the caller's `secrets` scrubbed, read from the
 * raw input so a refusal of any option — the `secrets` option's own included — never quotes one.
 * User info of a quoted URL is withheld too.
 */
export function redactPlanError(error: unknown, input: unknown): unknown {
  if (!isExecutionError(error)) return error;
  const listed =
    typeof input === 'object' && input !== null ? (input as { secrets?: unknown }).secrets : undefined;
  const secrets = Array.isArray(listed) ? listed.filter((s): s is string => typeof s === 'string') : [];
  const redacted = redactError(error, createRedactor({ secrets }));
  return redacted instanceof ExecutionError
    ? new ExecutionError(redacted.code, withholdUserInfo(redacted.message), {
        failureClass: redacted.failureClass,
        details: JSON.parse(withholdUserInfo(JSON.stringify(redacted.details ?? {}))) as Record<
          string,
          unknown
        >,
      })
    : redacted;
}

/** `scheme://user:pass@host` → `scheme://[redacted]@host`, in free text. */
export function withholdUserInfo(text: string): string {
  return text.replace(/(\/\/)[^/?#\s"'@]*@/g, '$1[redacted]@');
}

/**
 * A lane with the policy at both of its ends: `plan` refusals never quote a listed secret, and
 * `start` runs through {@link runRedacted} with the redactor its plan implies.
 *
 * @example
 * const lane = withRedaction(sessionLane, (plan) => createRedactor({ secrets: plan.secrets }));
 */
export function withRedaction<P, O, E extends EventPayloadMap>(
  lane: Lane<P, O, E>,
  redactorOf: (plan: P) => Redactor,
): Lane<P, O, E> {
  return {
    ...lane,
    plan: (input, entry) => {
      try {
        return lane.plan(input, entry);
      } catch (error) {
        throw redactPlanError(error, input);
      }
    },
    start: (plan, ctx) => runRedacted(redactorOf(plan), ctx, (scoped) => lane.start(plan, scoped)),
  };
}
