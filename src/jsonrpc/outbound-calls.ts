import { ExecutionError, invalidOptions, isExecutionError } from '../core/errors.js';
import { BatchSupport, batchUnsupported, isBatchRefusal } from './batch-support.js';
import type { JsonRpcChannel } from './channel.js';
import type { JsonRpcDialect } from './dialect.js';
import type { JsonRpcId } from './message.js';
import type { JsonRpcRequestOptions, OutboundRequests } from './outbound.js';
import { isJsonRpcRemoteError, type JsonRpcRemoteError } from './remote-error.js';

/** One call of a batch; `notification: true` sends it without an id (no response). */
export interface JsonRpcBatchCall {
  /** The method to call. */
  readonly method: string;
  /** Its params (any JSON value), none when left out. */
  readonly params?: unknown;
  /** Send it as a notification: no id, no response. @defaultValue false */
  readonly notification?: boolean;
}

/** The result of one batch call, in call order (notifications resolve `ok` with no result). */
export type JsonRpcBatchResult =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: JsonRpcRemoteError };

/** What outbound calls need from their connection. */
export interface CallPort {
  readonly channel: JsonRpcChannel;
  readonly outbound: OutboundRequests;
  readonly dialect: JsonRpcDialect;
  readonly closedError: ExecutionError | undefined;
}

const RESOLVED = Promise.resolve();

/** Serializes and sends our requests, notifications and batches. */
export class OutboundCalls {
  requestsSent = 0;
  notificationsSent = 0;
  readonly batchSupport: BatchSupport;
  #port: CallPort;
  #maxBatch: number;
  #split: boolean;

  constructor(
    port: CallPort,
    maxBatch: number,
    batch: { unsupported: 'fail' | 'split'; probeMs: number | null } = { unsupported: 'fail', probeMs: null },
  ) {
    this.#port = port;
    this.#maxBatch = maxBatch;
    this.#split = batch.unsupported === 'split';
    this.batchSupport = new BatchSupport(batch.probeMs, (id, error) => port.outbound.fail(id, error));
  }

  request(method: string, params: unknown, options: JsonRpcRequestOptions | undefined): Promise<unknown> {
    const refused = this.#refuse(method, options, 1);
    if (refused) return Promise.reject(refused);
    const outbound = this.#port.outbound;
    const id = outbound.nextId();
    // A token can only be attached to object params (or none); positional params stay as given.
    const tokened = options?.onProgress && isObjectOrNone(params);
    const text = requestText(id, method, tokened ? this.#port.dialect.withProgressToken(params, id) : params);
    if (text instanceof ExecutionError) return Promise.reject(text);
    return new Promise((resolve, reject) => {
      outbound.add(id, method, options, resolve, reject);
      this.requestsSent++;
      const wait = this.#port.channel.send(text);
      if (wait) wait.then(undefined, (error: unknown) => outbound.fail(id, sendFailed(error, method)));
    });
  }

  notify(method: string, params: unknown): Promise<void> {
    const refused = this.#refuse(method, undefined, 0);
    if (refused) return Promise.reject(refused);
    const text = notificationText(method, params);
    if (text instanceof ExecutionError) return Promise.reject(text);
    this.notificationsSent++;
    const wait = this.#port.channel.send(text);
    return wait ? wait.catch((error: unknown) => Promise.reject(sendFailed(error, method))) : RESOLVED;
  }

  batch(
    calls: readonly JsonRpcBatchCall[],
    options: JsonRpcRequestOptions | undefined,
  ): Promise<JsonRpcBatchResult[]> {
    if (!Array.isArray(calls) || calls.length === 0 || calls.length > this.#maxBatch) {
      return Promise.reject(
        invalidOptions(
          'calls',
          `an array of 1 to ${this.#maxBatch} calls`,
          String(calls?.length ?? calls),
          'batch()',
        ),
      );
    }
    const requests = calls.filter((c) => !c.notification).length;
    for (const call of calls) {
      const refused = this.#refuse(call?.method, options, requests);
      if (refused) return Promise.reject(refused);
    }
    if (this.batchSupport.state === 'no') {
      return this.#split ? this.#oneByOne(calls, options) : Promise.reject(batchUnsupported());
    }
    const outbound = this.#port.outbound;
    const parts: string[] = [];
    const results: Array<Promise<JsonRpcBatchResult>> = [];
    const ids: JsonRpcId[] = [];
    // Requests refused with the batch are sent alone ('split') or fail the batch.
    const refusedCall = (call: JsonRpcBatchCall, error: unknown): Promise<JsonRpcBatchResult> =>
      isBatchRefusal(error) && this.#split ? this.#single(call, options) : Promise.reject(error);
    const notified: Array<{ call: JsonRpcBatchCall; index: number }> = [];
    for (const call of calls) {
      if (call.notification) {
        const text = notificationText(call.method, call.params);
        if (text instanceof ExecutionError) return Promise.reject(text);
        parts.push(text);
        notified.push({ call, index: results.length });
        results.push(Promise.resolve({ ok: true, result: undefined }));
        continue;
      }
      const id = outbound.nextId();
      const text = requestText(id, call.method, call.params);
      if (text instanceof ExecutionError) {
        for (const earlier of ids) outbound.fail(earlier, text);
        return Promise.reject(text);
      }
      parts.push(text);
      ids.push(id);
      results.push(
        new Promise<unknown>((resolve, reject) =>
          outbound.add(id, call.method, options, resolve, reject),
        ).then(
          (result) => {
            this.batchSupport.answered();
            return { ok: true, result };
          },
          (error: unknown) => {
            if (!isJsonRpcRemoteError(error)) return refusedCall(call, error);
            this.batchSupport.answered();
            return { ok: false, error };
          },
        ),
      );
    }
    const probe = this.batchSupport.probe(ids);
    if (probe) {
      void Promise.allSettled(results).then(probe.done);
      // A refused batch's notifications were dropped with it: they go again, one by one.
      for (const { call, index } of notified) {
        results[index] = probe.decided.then((state) =>
          state === 'no' ? refusedCall(call, batchUnsupported()) : { ok: true, result: undefined },
        );
      }
    }
    this.requestsSent += ids.length;
    this.notificationsSent += calls.length - ids.length;
    const wait = this.#port.channel.send(`[${parts.join(',')}]`);
    if (wait) {
      wait.then(undefined, (error: unknown) => {
        for (const id of ids) outbound.fail(id, sendFailed(error, 'batch'));
      });
    }
    return Promise.all(results);
  }

  #oneByOne(calls: readonly JsonRpcBatchCall[], options: JsonRpcRequestOptions | undefined) {
    return Promise.all(calls.map((call) => this.#single(call, options)));
  }

  #single(call: JsonRpcBatchCall, options: JsonRpcRequestOptions | undefined): Promise<JsonRpcBatchResult> {
    if (call.notification) {
      return this.notify(call.method, call.params).then(() => ({ ok: true, result: undefined }));
    }
    return this.request(call.method, call.params, options).then(
      (result) => ({ ok: true, result }),
      (error: unknown) => (isJsonRpcRemoteError(error) ? { ok: false, error } : Promise.reject(error)),
    );
  }

  #refuse(
    method: unknown,
    options: JsonRpcRequestOptions | undefined,
    requests: number,
  ): ExecutionError | undefined {
    const closed = this.#port.closedError;
    if (closed) {
      return new ExecutionError('SESSION_ENDED', `connection is closed: ${closed.message}`, {
        failureClass: closed.failureClass,
        details: { method },
      });
    }
    if (typeof method !== 'string' || method.length === 0) {
      return invalidOptions('method', 'a non-empty string', typeof method, 'request()');
    }
    if (options?.signal?.aborted) {
      const reason = options.signal.reason;
      return isExecutionError(reason) && reason.failureClass === 'cancellation'
        ? reason
        : new ExecutionError('CANCELLED', `request ${method} cancelled before it was sent`, {
            failureClass: 'cancellation',
            details: { method },
            cause: reason,
          });
    }
    return requests > 0 ? this.#port.outbound.checkCapacity(requests) : undefined;
  }
}

function isObjectOrNone(params: unknown): boolean {
  return params === undefined || (typeof params === 'object' && params !== null && !Array.isArray(params));
}

// Built by hand: faster than stringifying a wrapper object, and ids are always our numbers.
function requestText(id: number, method: string, params: unknown): string | ExecutionError {
  const body = paramsText(params, method);
  if (body instanceof ExecutionError) return body;
  return `{"jsonrpc":"2.0","id":${id},"method":${methodJson(method)}${body}}`;
}

function notificationText(method: string, params: unknown): string | ExecutionError {
  const body = paramsText(params, method);
  if (body instanceof ExecutionError) return body;
  return `{"jsonrpc":"2.0","method":${methodJson(method)}${body}}`;
}

// Callers repeat the same method; remember the last one's JSON form.
let lastMethod = '';
let lastMethodJson = '""';
function methodJson(method: string): string {
  if (method !== lastMethod) {
    lastMethod = method;
    lastMethodJson = JSON.stringify(method);
  }
  return lastMethodJson;
}

function paramsText(params: unknown, method: string): string | ExecutionError {
  if (params === undefined) return '';
  try {
    const json = JSON.stringify(params);
    return json === undefined ? '' : `,"params":${json}`;
  } catch (error) {
    return new ExecutionError('INVALID_PARAMS', `params of ${method} are not JSON-serializable`, {
      details: { method },
      cause: error,
    });
  }
}

function sendFailed(error: unknown, method: string): ExecutionError {
  if (isExecutionError(error)) {
    return new ExecutionError(error.code, `sending ${method} failed: ${error.message}`, {
      failureClass: error.failureClass ?? 'transport_failed',
      details: { ...error.details, method },
      cause: error,
    });
  }
  return new ExecutionError(
    'WRITE_FAILED',
    `sending ${method} failed: ${error instanceof Error ? error.message : String(error)}`,
    {
      failureClass: 'transport_failed',
      details: { method },
      cause: error,
    },
  );
}
