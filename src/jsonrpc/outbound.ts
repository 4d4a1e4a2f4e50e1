import { ExecutionError, isExecutionError } from '../core/errors.js';
import { ChurnTable } from '../internal/churn-table.js';
import { createRedactor, type Redactor } from '../internal/redact.js';
import { DeadlineSweeper } from './deadline-sweeper.js';
import { jsonRpcDefaults } from './defaults.js';
import type { JsonRpcDialect } from './dialect.js';
import { type JsonRpcId, readErrorObject } from './message.js';
import { JsonRpcRemoteError } from './remote-error.js';
import type { ResultSchema } from './result-schema.js';
import { SignalWatch } from './signal-watch.js';

/**
 * Per-request options of `request()` and `batch()`. With a `schema`, the result is validated and
 * typed by it.
 *
 * @typeParam T - the result type, inferred from `schema`
 */
export interface JsonRpcRequestOptions<T = unknown> {
  /**
   * Time to wait for the response; `null` waits forever.
   * @defaultValue the connection's `requestTimeoutMs`
   */
  readonly timeoutMs?: number | null | undefined;
  /**
   * Aborting cancels the request: it rejects with `CANCELLED` and a cancel notification is sent.
   * @defaultValue none
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Called with each progress value the peer reports for this request; a progress token is
   * attached to the params (`workDoneToken` for LSP, `_meta.progressToken` for MCP).
   * @defaultValue none
   */
  readonly onProgress?: ((value: unknown) => void) | undefined;
  /** Restart the timeout on every progress report. @defaultValue the connection's setting */
  readonly resetTimeoutOnProgress?: boolean | undefined;
  /** Hard cap on the request's total time, progress or not; `null` for none. @defaultValue the connection's setting */
  readonly maxTotalTimeoutMs?: number | null | undefined;
  /**
   * Validates the result: a zod 4 schema (classic or `zod/mini`) or any Standard Schema. A
   * mismatch rejects with `INVALID_RESULT` naming the method and the first issue's path; the
   * request resolves with the schema's output. Ignored by `batch()`.
   * @defaultValue none (the result is `unknown`)
   */
  readonly schema?: ResultSchema<T> | undefined;
}

/** Connection-wide defaults for {@link JsonRpcRequestOptions}. */
export interface OutboundDefaults {
  readonly requestTimeoutMs: number | null;
  readonly maxTotalTimeoutMs: number | null;
  readonly resetTimeoutOnProgress: boolean;
  readonly maxInFlight: number;
  /** Values scrubbed from a peer's error responses (`message`, `data`). */
  readonly secrets?: readonly string[] | undefined;
}

// Lean on purpose: one is made per request. Per-request options stay in the caller's object.
class Outstanding {
  deadline = Number.POSITIVE_INFINITY;
  constructor(
    readonly id: JsonRpcId,
    readonly method: string,
    readonly resolve: (value: unknown) => void,
    readonly reject: (error: unknown) => void,
    readonly options: JsonRpcRequestOptions | undefined,
    readonly started: number,
    // Kept apart from `options`: listener counts must not follow a caller mutating its object.
    readonly signal: AbortSignal | undefined,
  ) {}
}

/**
 * Our requests awaiting responses: ids, timeouts (idle with optional reset on progress, plus a
 * hard total cap), caller cancellation with a cancel notification on the wire, progress routing,
 * and rejection of everything when the connection ends.
 */
export class OutboundRequests {
  // Not a Map: an entry per request comes and goes (see ChurnTable for why that matters).
  #pending = new ChurnTable<JsonRpcId, Outstanding>();
  #abandoned = new Set<JsonRpcId>();
  #defaults: OutboundDefaults;
  #dialect: JsonRpcDialect;
  #notify: (method: string, params: unknown) => void;
  #nextId: number;
  #redactor: Redactor;
  #sweeper = new DeadlineSweeper<Outstanding>(
    () => this.#pending.values(),
    (entry) => this.#timeout(entry),
  );
  // A signal that aborts cancels every pending request that was given it.
  #signals = new SignalWatch((signal, reason) => {
    for (const entry of this.#pending.values()) {
      if (entry.signal === signal) this.#cancelled(entry, reason);
    }
  });
  #tidyQueued = false;

  constructor(
    defaults: OutboundDefaults,
    dialect: JsonRpcDialect,
    firstId: number,
    notify: (method: string, params: unknown) => void,
  ) {
    this.#defaults = defaults;
    this.#dialect = dialect;
    this.#nextId = firstId;
    this.#notify = notify;
    this.#redactor = createRedactor({ secrets: defaults.secrets });
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Refuses a new request when `maxInFlight` are pending. */
  checkCapacity(count = 1): ExecutionError | undefined {
    if (this.#pending.size + count <= this.#defaults.maxInFlight) return undefined;
    return new ExecutionError(
      'LIMIT_EXCEEDED',
      `more than ${this.#defaults.maxInFlight} requests in flight`,
      {
        details: { limit: 'maxInFlight', value: this.#defaults.maxInFlight },
      },
    );
  }

  nextId(): number {
    return this.#nextId++;
  }

  /** Registers request `id`; the promise settles with its response, timeout, cancel or close. */
  add(
    id: JsonRpcId,
    method: string,
    options: JsonRpcRequestOptions | undefined,
    resolve: (value: unknown) => void,
    reject: (error: unknown) => void,
  ): void {
    const timed = this.#timeoutOf(options) !== null || this.#totalOf(options) !== null;
    const signal = options?.signal;
    const entry = new Outstanding(
      id,
      method,
      resolve,
      reject,
      options,
      timed ? performance.now() : 0,
      signal,
    );
    this.#pending.set(id, entry);
    if (timed) this.#schedule(entry, entry.started);
    if (signal) {
      if (signal.aborted) this.#cancelled(entry, signal.reason);
      else this.#signals.add(signal);
    }
  }

  /**
   * Settles request `id` with a response (an `error` member rejects with a
   * {@link JsonRpcRemoteError}); false when no request of ours has that id.
   */
  settle(id: JsonRpcId, message: Readonly<Record<string, unknown>>): boolean {
    const entry = this.#pending.get(id);
    if (!entry) {
      // A late answer to a request we gave up on is expected, not a diagnostic.
      return this.#abandoned.delete(id);
    }
    // Resolve first: the caller's continuation is queued before the tidy-up, so a sequential
    // caller's next request finds the signal listener and the timer still in place.
    if (message.error !== undefined && !('result' in message)) {
      const error = readErrorObject(message.error);
      // A peer may echo a param into its error: the error is ours to report, so it is scrubbed.
      const { scrub, scrubDeep } = this.#redactor;
      entry.reject(
        new JsonRpcRemoteError(error.code, scrub(error.message), scrubDeep(error.data), entry.method),
      );
    } else entry.resolve(message.result);
    this.#release(entry);
    return true;
  }

  /** Routes a progress report to its request; false when the token is not ours. */
  progress(token: JsonRpcId, value: unknown): boolean {
    const entry = this.#pending.get(token);
    const onProgress = entry?.options?.onProgress;
    if (!entry || !onProgress) return false;
    if (entry.options?.resetTimeoutOnProgress ?? this.#defaults.resetTimeoutOnProgress) {
      this.#schedule(entry, performance.now());
    }
    onProgress(value);
    return true;
  }

  /** Fails one request (its write failed). */
  fail(id: JsonRpcId, error: unknown): void {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#release(entry);
    entry.reject(error);
  }

  /** Rejects every pending request with an error made for it; returns how many there were. */
  rejectAll(makeError: (method: string, id: JsonRpcId) => ExecutionError): number {
    const entries = this.#pending.values();
    for (const entry of entries) {
      this.#release(entry);
      entry.reject(makeError(entry.method, entry.id));
    }
    this.#sweeper.stop();
    this.#signals.clear();
    return entries.length;
  }

  #timeoutOf(options: JsonRpcRequestOptions | undefined): number | null {
    return options?.timeoutMs === undefined ? this.#defaults.requestTimeoutMs : options.timeoutMs;
  }

  #totalOf(options: JsonRpcRequestOptions | undefined): number | null {
    return options?.maxTotalTimeoutMs === undefined
      ? this.#defaults.maxTotalTimeoutMs
      : options.maxTotalTimeoutMs;
  }

  // The nearer of the idle timeout from `now` and the total cap. A later deadline than before
  // needs no re-arming: the sweeper re-checks when the old one comes due.
  #schedule(entry: Outstanding, now: number): void {
    const timeoutMs = this.#timeoutOf(entry.options);
    const totalMs = this.#totalOf(entry.options);
    const idle = timeoutMs === null ? Number.POSITIVE_INFINITY : now + timeoutMs;
    entry.deadline = Math.min(idle, totalMs === null ? Number.POSITIVE_INFINITY : entry.started + totalMs);
    if (entry.deadline !== Number.POSITIVE_INFINITY) this.#sweeper.watch(entry.deadline);
  }

  #timeout(entry: Outstanding): void {
    const totalMs = this.#totalOf(entry.options);
    const kind = totalMs !== null && entry.deadline >= entry.started + totalMs ? 'total' : 'idle';
    const ms = (kind === 'total' ? totalMs : this.#timeoutOf(entry.options)) ?? 0;
    const what = kind === 'total' ? 'exceeded its total time cap of' : 'timed out after';
    this.#abandon(
      entry,
      new ExecutionError('TIMEOUT', `request ${entry.method} (id ${entry.id}) ${what} ${ms} ms`, {
        failureClass: 'timeout',
        details: { method: entry.method, id: entry.id, timeout_ms: ms, kind },
      }),
    );
  }

  #cancelled(entry: Outstanding, reason: unknown): void {
    const why =
      reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'signal aborted';
    const error =
      isExecutionError(reason) && reason.failureClass === 'cancellation'
        ? reason
        : new ExecutionError('CANCELLED', `request ${entry.method} (id ${entry.id}) cancelled: ${why}`, {
            failureClass: 'cancellation',
            details: { method: entry.method, id: entry.id },
            cause: reason,
          });
    this.#abandon(entry, error);
  }

  // We stop waiting: reject, tell the peer (unless the method must never be cancelled), and
  // remember the id so its late response is dropped quietly.
  #abandon(entry: Outstanding, error: ExecutionError): void {
    if (this.#pending.get(entry.id) !== entry) return;
    this.#release(entry);
    this.#abandoned.add(entry.id);
    if (this.#abandoned.size > jsonRpcDefaults.abandonedIdsRemembered) {
      this.#abandoned.delete(this.#abandoned.values().next().value as JsonRpcId);
    }
    if (!this.#dialect.neverCancel.includes(entry.method)) {
      const cancel = this.#dialect.cancelNotification(entry.id, error.message);
      if (cancel) this.#notify(cancel.method, cancel.params);
    }
    entry.reject(error);
  }

  #release(entry: Outstanding): void {
    this.#pending.deleteIf(entry.id, entry);
    const signal = entry.options?.signal;
    if (signal) this.#signals.delete(signal);
    if (!this.#tidyQueued) {
      this.#tidyQueued = true;
      queueMicrotask(this.#tidy);
    }
  }

  // Once per burst of settled requests: drop unused signal listeners, let an idle timer go.
  #tidy = () => {
    this.#tidyQueued = false;
    this.#signals.releaseUnused();
    if (this.#pending.size === 0) this.#sweeper.idle();
  };
}
