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
  // The current hop's URL as events and the output show it: redacted once per hop.
  #shown: string;
  // The response that ends the chain so far, and its headers as redacted.
  #response: EngineResponse | undefined;
  #redacted: HeaderRecord | undefined;
  #redirects: HttpRedirectRecord[] = [];
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
    this.#shown = redactUrl(plan.url, plan.redaction);
  }

  /**
   * Sends the request, follows redirects per the plan and reads the body; always closes. One
   * async step for the whole attempt (the redirect chain is a loop in it, not a call), and it is
   * the request's: its result is the request's result, or a retry's (the scope's), so no step
   * object and no `then` are made per request. The step stays small: it is suspended for the
   * whole round trip (V8 keeps every register of a suspended async function, 39 of them when the
   * chain's and the body's work was written inline), so that work is in methods it calls.
   */
  async run(): Promise<Result> {
    try {
      try {
        for (let hop = 0; ; hop++) {
          const requested = this.#requested(hop);
          if (requested) await requested;
          this.#phase = 'headers';
          this.limit('headers', this.#scope.plan.headersMs);
          let response: EngineResponse;
          try {
            response = await this.#scope.engine.send(this);
          } catch (error) {
            throw this.classify(error);
          }
          // Until the body is read, time is spent on the consumer (backpressure), not the server.
          this.pause();
          const responded = this.#responded(response, hop);
          if (responded) await responded;
          const redirected = this.#redirect(response);
          if (redirected === false) break;
          if (redirected) await redirected;
        }
      } catch (error) {
        return this.#failed(error);
      }
      const result = this.#complete(this.#response as EngineResponse);
      // A body already whole costs no await.
      return result instanceof Promise ? await result : result;
    } finally {
      this.close();
    }
  }

  // `http.request` for this hop.
  #requested(hop: number): Promise<void> | undefined {
    const { plan, emit } = this.#scope;
    return emit('http.request', {
      attempt: this.number,
      redirect: hop,
      method: this.method,
      url: this.#shown,
      headers: redactHeaders(this.headers, plan.redaction.credentials),
    });
  }

  // The hop's response (its body still unread), its headers redacted once, and `http.response`.
  #responded(response: EngineResponse, hop: number): Promise<void> | undefined {
    this.#response = response;
    this.#redacted = redactHeaders(response.headers, this.#scope.plan.redaction.credentials);
    return this.#scope.emit('http.response', {
      attempt: this.number,
      redirect: hop,
      status: response.status,
      status_text: response.statusText,
      headers: this.#redacted,
      url: this.#shown,
    });
  }

  // Follows a redirect per the plan: the next hop set up and `http.redirect` emitted, or false
  // when this response ends the chain.
  #redirect(response: EngineResponse): Promise<void> | undefined | false {
    const { plan, emit } = this.#scope;
    const status = response.status;
    if (!plan.followRedirects || !isRedirectStatus(status)) return false;
    const { url, method, headers, body } = this;
    const location = response.headers.location;
    const next = nextHop(status, location, { url, method, headers }, plan.redaction.credentials);
    // A one-shot stream cannot be sent again to a 307/308 target: the 3xx is the answer.
    if (!next || (!next.dropBody && !isReplayable(body))) return false;
    response.discard();
    const redirects = this.#redirects;
    if (redirects.length >= plan.maxRedirects) throw tooManyRedirects(plan.maxRedirects);
    const to = redactUrl(next.url, plan.redaction);
    const record = { status, from: this.#shown, to, stripped_headers: next.stripped };
    redirects.push(record);
    this.url = next.url;
    this.#shown = to;
    this.method = next.method;
    this.headers = next.headers;
    this.proxy = proxyFor(plan.proxy, next.url);
    if (next.dropBody) this.body = undefined;
    return emit('http.redirect', { ...record, method: next.method });
  }

  // The response that ended the chain: retried, refused past the size limit, streamed, or its body
  // read and the result made (at once when the body is already whole).
  #complete(response: EngineResponse): Result | Promise<Result> {
    const { plan } = this.#scope;
    const { status } = response;
    // Most statuses are not in the policy: no retry state is built for them.
    if (plan.retry.statusCodes.has(status)) {
      const retry = decideStatusRetry(status, response.headers, this.#retryState());
      if (retry.retry) {
        response.discard();
        this.close();
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
      headers: this.#redacted as HeaderRecord,
      body: null,
      url: this.#shown,
      redirects: this.#redirects,
      attempts: this.number,
    };
    // A failed status with throwOnHttpError is read whole, for its preview, and never delivered.
    if (plan.responseType === 'stream' && !(plan.throwOnHttpError && status >= 400)) {
      return streamResponse(plan, this, response, output);
    }
    this.readingBody();
    let read: Uint8Array | Promise<Uint8Array>;
    try {
      read = response.readBody(plan.maxResponseBytes, this);
    } catch (error) {
      return this.#failed(error);
    }
    if (read instanceof Uint8Array) return finishResponse(plan, output, read);
    return read.then(
      (bytes) => finishResponse(plan, output, bytes),
      (error: unknown) => this.#failed(error),
    );
  }

  // A failed attempt: retried when the policy says so, otherwise its error ends the request.
  // Closed first: the attempt is over while the retry waits and runs.
  #failed(thrown: unknown): Promise<Result> {
    const error = this.classify(thrown);
    this.close();
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
