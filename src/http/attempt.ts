import type { ExecutionError, LaneContext, LaneResult } from '../core/index.js';
import { type HeaderRecord, redactHeaders } from '../internal/http/headers.js';
import { redactUrl } from '../internal/http/redaction.js';
import { isRedirectStatus, nextHop } from '../internal/http/redirect.js';
import { classifyTransportError, type HttpPhase } from '../internal/http/transport-error.js';
import { PhaseWatchdog } from '../internal/http/watchdog.js';
import { AttemptAbort } from './abort-link.js';
import { isReplayable, type PreparedBody } from './body.js';
import type { BodyProgress, ConnectProgress, EngineRequest, EngineResponse, HttpEngine } from './engine.js';
import { httpTimeout, responseTooLarge, tooManyRedirects } from './errors.js';
import type { HttpLaneEvents, HttpRedirectRecord, HttpResponseOutput } from './events.js';
import { type Building, finishResponse } from './finish-response.js';
import { hasBody } from './has-body.js';
import type { HttpRequestPlan } from './plan.js';
import { type ProxyRoute, proxyFor } from './proxy.js';
import {
  decideErrorRetry,
  decideStatusRetry,
  type RetryDecision,
  type RetryState,
} from './retry-decision.js';
import { streamResponse } from './stream-response.js';

type Result = LaneResult<HttpResponseOutput>;

/** A decision to retry. */
export type Retry = RetryDecision & { retry: true };

/** Why an attempt is retried, as `http.retrying` says. */
export interface RetryCause {
  readonly reason: 'status' | 'transport' | 'timeout';
  readonly status: number | null;
  readonly errno: string | null;
}

/** What stays the same across the attempts of one request. */
export interface RequestScope {
  readonly plan: HttpRequestPlan;
  readonly engine: HttpEngine;
  readonly headers: HeaderRecord;
  readonly body: PreparedBody | undefined;
  readonly emit: LaneContext<HttpLaneEvents>['emit'];
  /** True once the execution is aborted (cancel, `timeoutMs`, `timeouts.totalMs`). */
  readonly aborted: boolean;
  /** Epoch ms the execution times out, or null. */
  readonly deadline: number | null;
  /** The attempt has ended: the execution's abort no longer reaches it. */
  release(attempt: Attempt): void;
  /** The request's result after attempt `number` asked for another (`http.retrying`, backoff). */
  retry(retry: Retry, cause: RetryCause, number: number): Promise<Result>;
}

/**
 * One attempt: the redirect chain and the body read, with its own abort (so a phase timeout
 * ends the attempt, not the request) and one watchdog for its phase limits, made only when a
 * limit can fire before the execution's own timeout. The attempt is also what the engine is
 * given: the request of the current hop, its connect progress and its body progress, so a
 * request costs no separate objects or callbacks for them. The scope aborts it with the execution.
 */
export class Attempt implements EngineRequest, ConnectProgress, BodyProgress {
  readonly number: number;
  readonly abort = new AttemptAbort();
  readonly progress: ConnectProgress = this;
  readonly continueMs: number;
  readonly streamed: boolean;
  url: URL;
  method: string;
  headers: HeaderRecord;
  body: PreparedBody | undefined;
  proxy: ProxyRoute | undefined;
  #scope: RequestScope;
  #phase: HttpPhase = 'headers';
  #watchdog: PhaseWatchdog<HttpPhase> | undefined;

  constructor(scope: RequestScope, number: number) {
    const { plan } = scope;
    this.#scope = scope;
    this.number = number;
    this.continueMs = plan.continueMs;
    this.streamed = plan.responseType === 'stream';
    this.url = plan.url;
    this.method = plan.method;
    this.headers = scope.headers;
    this.body = scope.body;
    this.proxy = proxyFor(plan.proxy, plan.url);
  }

  /**
   * Sends the request, follows redirects per the plan and reads the body; always closes. One
   * async step for the whole attempt (the redirect chain is a loop in it, not a call), and it is
   * the request's: its result is the request's result, or a retry's (the scope's), so no step
   * object and no `then` are made per request.
   */
  async run(): Promise<Result> {
    const { plan, engine, emit } = this.#scope;
    const redirects: HttpRedirectRecord[] = [];
    try {
      // The response that ends the chain (its body still unread), and its headers as redacted.
      let response: EngineResponse;
      let redacted: HeaderRecord;
      // The current hop's URL as events and the output show it: redacted once per hop.
      let shown = redactUrl(this.url, plan.redaction);
      try {
        for (let hop = 0; ; hop++) {
          const url = this.url;
          const requested = emit('http.request', {
            attempt: this.number,
            redirect: hop,
            method: this.method,
            url: shown,
            headers: redactHeaders(this.headers, plan.redaction.credentials),
          });
          if (requested) await requested;
          this.#phase = 'headers';
          this.limit('headers', plan.headersMs);
          try {
            response = await engine.send(this);
          } catch (error) {
            throw this.classify(error);
          }
          // Until the body is read, time is spent on the consumer (backpressure), not the server.
          this.pause();
          const status = response.status;
          redacted = redactHeaders(response.headers, plan.redaction.credentials);
          const responded = emit('http.response', {
            attempt: this.number,
            redirect: hop,
            status,
            status_text: response.statusText,
            headers: redacted,
            url: shown,
          });
          if (responded) await responded;
          if (!plan.followRedirects || !isRedirectStatus(status)) break;
          const { method, headers, body } = this;
          const location = response.headers.location;
          const next = nextHop(status, location, { url, method, headers }, plan.redaction.credentials);
          // A one-shot stream cannot be sent again to a 307/308 target: the 3xx is the answer.
          if (!next || (!next.dropBody && !isReplayable(body))) break;
          response.discard();
          if (redirects.length >= plan.maxRedirects) throw tooManyRedirects(plan.maxRedirects);
          const to = redactUrl(next.url, plan.redaction);
          const record = { status, from: shown, to, stripped_headers: next.stripped };
          redirects.push(record);
          const redirected = emit('http.redirect', { ...record, method: next.method });
          if (redirected) await redirected;
          this.url = next.url;
          shown = to;
          this.method = next.method;
          this.headers = next.headers;
          this.proxy = proxyFor(plan.proxy, next.url);
          if (next.dropBody) this.body = undefined;
        }
      } catch (error) {
        return this.#failed(error);
      }
      const { status } = response;
      // Most statuses are not in the policy: no retry state is built for them.
      if (plan.retry.statusCodes.has(status)) {
        const retry = decideStatusRetry(status, response.headers, this.#retryState());
        if (retry.retry) {
          response.discard();
          return this.#scope.retry(retry, { reason: 'status', status, errno: null }, this.number);
        }
      }
      const length = hasBody(plan.method, status) ? Number(response.headers['content-length']) : 0;
      if (length > plan.maxResponseBytes) {
        response.discard();
        throw responseTooLarge(plan.maxResponseBytes, { contentLength: length });
      }
      // The output, its body set once read (one object per response, not one per step).
      const output: Building = {
        status,
        status_text: response.statusText,
        headers: redacted,
        body: null,
        url: shown,
        redirects,
        attempts: this.number,
      };
      // A failed status with throwOnHttpError is read whole, for its preview, and never delivered.
      if (plan.responseType === 'stream' && !(plan.throwOnHttpError && status >= 400)) {
        return await streamResponse(plan, this, response, output);
      }
      this.readingBody();
      let bytes: Uint8Array;
      try {
        const read = response.readBody(plan.maxResponseBytes, this);
        // A body already whole costs no await (and no promise).
        bytes = read instanceof Uint8Array ? read : await read;
      } catch (error) {
        return this.#failed(error);
      }
      return finishResponse(plan, output, bytes);
    } finally {
      this.close();
    }
  }

  // A failed attempt: retried when the policy says so, otherwise its error ends the request.
  #failed(thrown: unknown): Promise<Result> {
    const error = this.classify(thrown);
    // Cancelled or out of time as a whole: nothing is retried.
    if (this.#scope.aborted) throw error;
    const retry = decideErrorRetry(error, this.#retryState());
    if (!retry.retry) throw error;
    const errno = error.details.errno;
    const cause: RetryCause = {
      reason: error.failureClass === 'timeout' ? 'timeout' : 'transport',
      status: null,
      errno: typeof errno === 'string' ? errno : null,
    };
    return this.#scope.retry(retry, cause, this.number);
  }

  // What a retry decision needs to know about the request so far: built only when one is asked.
  #retryState(): RetryState {
    const { plan } = this.#scope;
    return {
      plan: plan.retry,
      method: plan.method,
      retries: this.number - 1,
      replayable: isReplayable(this.#scope.body),
      deadline: this.#scope.deadline,
    };
  }

  /**
   * Starts a phase limit, unless the execution's own timeout comes first: the default 300 s
   * headers and idle limits under the default 30 s execution can never fire, and arming them cost
   * a timer per request. Skipped, no limit applies until the next phase (an armed timer stays).
   */
  limit(phase: HttpPhase, ms: number): void {
    const deadline = this.#scope.deadline;
    if (deadline !== null && Date.now() + ms > deadline) this.pause();
    else {
      this.#watchdog ??= new PhaseWatchdog((expired, limitMs) =>
        this.abort.abort(httpTimeout(expired, limitMs)),
      );
      this.#watchdog.enter(phase, ms);
    }
  }

  /** No phase limit applies until the next {@link limit} (the consumer is being waited on). */
  pause(): void {
    this.#watchdog?.pause();
  }

  /** Enters the body phase: the idle limit applies between chunks from now on. */
  readingBody(): void {
    this.#phase = 'body';
    this.limit('idle', this.#scope.plan.idleMs);
  }

  /** The ExecutionError for what an engine threw: the abort reason when this attempt was aborted. */
  classify(error: unknown): ExecutionError {
    const reason = this.abort.aborted ? this.abort.reason : error;
    return classifyTransportError(reason, this.#phase);
  }

  close(): void {
    this.#watchdog?.stop();
    this.#scope.release(this);
  }

  /** A new connection is being made: the connect limit applies until it is up. */
  connecting(): void {
    this.#phase = 'connect';
    this.limit('connect', this.#scope.plan.connectMs);
  }

  connected(): void {
    this.#phase = 'headers';
    this.limit('headers', this.#scope.plan.headersMs);
  }

  /** A body chunk arrived: the idle limit counts from now. */
  touch(): void {
    this.#watchdog?.touch();
  }

  tooLarge(): Error {
    return responseTooLarge(this.#scope.plan.maxResponseBytes, undefined);
  }
}
