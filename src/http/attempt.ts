import type { ExecutionError, LaneContext } from '../core/index.js';
import { type HeaderRecord, redactHeaders } from '../internal/http/headers.js';
import { redactUrl } from '../internal/http/redaction.js';
import { isRedirectStatus, nextHop } from '../internal/http/redirect.js';
import { classifyTransportError, type HttpPhase } from '../internal/http/transport-error.js';
import { PhaseWatchdog } from '../internal/http/watchdog.js';
import { AttemptAbort } from './abort-link.js';
import { isReplayable, type PreparedBody } from './body.js';
import type { ConnectProgress, EngineResponse, HttpEngine } from './engine.js';
import { httpTimeout, tooManyRedirects } from './errors.js';
import type { HttpLaneEvents, HttpRedirectRecord } from './events.js';
import type { HttpRequestPlan } from './plan.js';
import { proxyFor } from './proxy.js';

/** What stays the same across the attempts of one request. */
export interface RequestScope {
  readonly plan: HttpRequestPlan;
  readonly engine: HttpEngine;
  readonly headers: HeaderRecord;
  readonly body: PreparedBody | undefined;
  readonly emit: LaneContext<HttpLaneEvents>['emit'];
  /** The execution's abort (cancel, `timeoutMs`, `timeouts.totalMs`): a callback, no AbortSignal. */
  readonly onAbort: LaneContext<HttpLaneEvents>['onAbort'];
  /** True once the execution is aborted. */
  readonly aborted: () => boolean;
  /** Epoch ms the execution times out, or null. */
  readonly deadline: number | null;
}

/** The response that ends an attempt's redirect chain; its body is still unread. */
export interface Exchanged {
  readonly response: EngineResponse;
  /** The response headers with credentials redacted, as in `http.response`. */
  readonly headers: HeaderRecord;
  readonly url: URL;
  readonly redirects: HttpRedirectRecord[];
}

/**
 * One attempt: its own abort (so a phase timeout ends the attempt, not the request), one
 * watchdog for its phase limits, and the redirect chain.
 */
export class Attempt implements ConnectProgress {
  readonly number: number;
  readonly watchdog: PhaseWatchdog<HttpPhase>;
  #abort = new AttemptAbort();
  #scope: RequestScope;
  #phase: HttpPhase = 'headers';
  #unsubscribe: () => void;
  /** Body activity: the idle limit counts from now (passed to the engine per chunk). */
  readonly touch = (): void => this.watchdog.touch();

  constructor(scope: RequestScope, number: number) {
    this.#scope = scope;
    this.number = number;
    this.watchdog = new PhaseWatchdog((phase, ms) => this.#abort.abort(httpTimeout(phase, ms)));
    this.#unsubscribe = scope.onAbort((reason) => this.#abort.abort(reason));
  }

  /** Sends the request and follows redirects per the plan; throws a classified ExecutionError. */
  async exchange(): Promise<Exchanged> {
    const { plan, engine, emit } = this.#scope;
    let url = plan.url;
    let method = plan.method;
    let headers = this.#scope.headers;
    let body = this.#scope.body;
    const redirects: HttpRedirectRecord[] = [];
    for (let hop = 0; ; hop++) {
      const requested = emit('http.request', {
        attempt: this.number,
        redirect: hop,
        method,
        url: redactUrl(url, plan.redaction),
        headers: redactHeaders(headers, plan.redaction.credentials),
      });
      if (requested) await requested;
      this.#phase = 'headers';
      this.limit('headers', plan.headersMs);
      let response: EngineResponse;
      try {
        response = await engine.send({
          url,
          method,
          headers,
          body,
          abort: this.#abort,
          continueMs: plan.continueMs,
          proxy: proxyFor(plan.proxy, url),
          progress: this,
        });
      } catch (error) {
        throw this.classify(error);
      }
      // Until the body is read, time is spent on the consumer (backpressure), not the server.
      this.watchdog.pause();
      const status = response.status;
      const redacted = redactHeaders(response.headers, plan.redaction.credentials);
      const responded = emit('http.response', {
        attempt: this.number,
        redirect: hop,
        status,
        status_text: response.statusText,
        headers: redacted,
        url: redactUrl(url, plan.redaction),
      });
      if (responded) await responded;
      const done = { response, headers: redacted, url, redirects };
      if (!plan.followRedirects || !isRedirectStatus(status)) return done;
      const next = nextHop(
        status,
        response.headers.location,
        { url, method, headers },
        plan.redaction.credentials,
      );
      // A one-shot stream cannot be sent again to a 307/308 target: the 3xx is the answer.
      if (!next || (!next.dropBody && !isReplayable(body))) return done;
      response.discard();
      if (redirects.length >= plan.maxRedirects) throw tooManyRedirects(plan.maxRedirects);
      const record = {
        status,
        from: redactUrl(url, plan.redaction),
        to: redactUrl(next.url, plan.redaction),
        stripped_headers: next.stripped,
      };
      redirects.push(record);
      const redirected = emit('http.redirect', { ...record, method: next.method });
      if (redirected) await redirected;
      url = next.url;
      method = next.method;
      headers = next.headers;
      if (next.dropBody) body = undefined;
    }
  }

  /**
   * Starts a phase limit, unless the execution's own timeout comes first: the default 300 s
   * headers and idle limits under the default 30 s execution can never fire, and arming them cost
   * a timer per request. Skipped, no limit applies until the next phase (an armed timer stays).
   */
  limit(phase: HttpPhase, ms: number): void {
    const deadline = this.#scope.deadline;
    if (deadline !== null && Date.now() + ms > deadline) this.watchdog.pause();
    else this.watchdog.enter(phase, ms);
  }

  /** Enters the body phase: the idle limit applies between chunks from now on. */
  readingBody(): void {
    this.#phase = 'body';
    this.limit('idle', this.#scope.plan.idleMs);
  }

  /** The ExecutionError for what an engine threw: the abort reason when this attempt was aborted. */
  classify(error: unknown): ExecutionError {
    const reason = this.#abort.aborted ? this.#abort.reason : error;
    return classifyTransportError(reason, this.#phase);
  }

  /** Calls `listener` once when this attempt is aborted (cancel, timeouts); returns the unsubscribe. */
  onAbort(listener: (reason: unknown) => void): () => void {
    return this.#abort.onAbort(listener);
  }

  close(): void {
    this.watchdog.stop();
    this.#unsubscribe();
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
}
