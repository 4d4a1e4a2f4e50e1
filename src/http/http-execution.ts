import { invalidOptions } from '../core/errors.js';
import type { Execution } from '../core/execution.js';
import { ExecutionDelegate } from '../core/execution-delegate.js';
import { outcomeError } from '../core/outcome-error.js';
import { concatBytes } from '../internal/concat-bytes.js';
import { decodeUtf8 } from '../internal/utf8.js';
import { bodyPreview, parseJson } from './decode-body.js';
import { httpStatusError } from './errors.js';
import type { HttpLaneEvents, HttpResponseOutput } from './events.js';
import { httpDefaults } from './limits.js';
import type { ResponseType } from './options.js';

/**
 * What `request()` returns: the request's Execution, plus `json()`, `text()` and `bytes()`,
 * which wait for the response and give its body alone. They reject with `HTTP_STATUS` for a
 * 4xx/5xx final response, and with the execution's error when it did not succeed.
 *
 * @typeParam B - `output.body`'s type, set by `responseType`
 * @example
 * const items = await request('https://api.example.com/items').json();
 */
export interface HttpExecution<B = string> extends Execution<HttpResponseOutput<B>, HttpLaneEvents> {
  /**
   * The body parsed as JSON (`null` when empty; `HTTP_INVALID_JSON` when invalid). Works with any
   * `responseType`.
   */
  json<T = unknown>(): Promise<T>;
  /** The body as UTF-8 text. Not with `responseType: 'json'` (the text is gone by then). */
  text(): Promise<string>;
  /** The body's bytes. Needs `responseType: 'bytes'` or `'stream'` (text has lost them). */
  bytes(): Promise<Uint8Array>;
}

/** The handle behind {@link HttpExecution}; with `stream`, `output()` resolves at the headers. */
export class RequestExecution<B> extends ExecutionDelegate<HttpResponseOutput<B>, HttpLaneEvents> {
  #type: ResponseType;
  #atHeaders: Promise<HttpResponseOutput<B>> | undefined;

  constructor(
    execution: Execution<HttpResponseOutput<B>, HttpLaneEvents>,
    type: ResponseType,
    atHeaders?: Promise<HttpResponseOutput<B>>,
  ) {
    super(execution);
    this.#type = type;
    this.#atHeaders = atHeaders;
  }

  override output(): Promise<HttpResponseOutput<B>> {
    return this.#atHeaders ?? super.output();
  }

  async json<T = unknown>(): Promise<T> {
    const output = await this.#ok();
    const body: unknown = output.body;
    if (this.#type === 'json') return body as T;
    if (typeof body === 'string')
      return parseJson(body, () => body.slice(0, httpDefaults.bodyPreviewBytes)) as T;
    const bytes = await this.#bytesOf(body);
    return parseJson(decodeUtf8(bytes), () => bodyPreview(bytes)) as T;
  }

  async text(): Promise<string> {
    if (this.#type === 'json') throw this.#refuse('text()', "'text', 'bytes' or 'stream'");
    const body: unknown = (await this.#ok()).body;
    return typeof body === 'string' ? body : decodeUtf8(await this.#bytesOf(body));
  }

  async bytes(): Promise<Uint8Array> {
    if (this.#type === 'text' || this.#type === 'json') throw this.#refuse('bytes()', "'bytes' or 'stream'");
    return this.#bytesOf((await this.#ok()).body);
  }

  async #ok(): Promise<HttpResponseOutput<B>> {
    const output = await this.output();
    if (output.status < 400) return output;
    // The error body is read (within maxResponseBytes) for its preview, as with throwOnHttpError.
    const body: unknown = output.body;
    let preview: string | undefined;
    if (typeof body === 'string') preview = body.slice(0, httpDefaults.bodyPreviewBytes);
    else if (body instanceof Uint8Array || body instanceof ReadableStream) {
      preview = bodyPreview(await this.#bytesOf(body).catch(() => new Uint8Array(0)));
    }
    throw httpStatusError(output.status, output.status_text, preview);
  }

  async #bytesOf(body: unknown): Promise<Uint8Array> {
    if (!(body instanceof ReadableStream)) return body as Uint8Array;
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body as ReadableStream<Uint8Array> & AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      total += chunk.byteLength;
    }
    // A body that failed (limit, idle timeout, reset) ends the outcome with that failure.
    const outcome = await this.result;
    if (outcome.status !== 'succeeded') throw outcomeError(outcome);
    return concatBytes(chunks, total);
  }

  #refuse(call: string, expected: string): Error {
    return invalidOptions('responseType', `${expected} for ${call}`, `'${this.#type}'`, call);
  }
}

/**
 * The output at the headers: resolved by the lane's `onHeaders`, or settled by the outcome when
 * the request ends before (a failure, or a body read whole for `throwOnHttpError`).
 */
export function outputAtHeaders<O>(): {
  promise: Promise<O>;
  deliver: (output: unknown) => void;
  follow: (execution: Execution<O, HttpLaneEvents>) => void;
} {
  let resolve!: (output: O) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<O>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may ask for output(): a failure before the headers must not be an unhandled rejection.
  promise.catch(() => {});
  return {
    promise,
    deliver: (output) => resolve(output as O),
    follow: (execution) => {
      execution.result.then((outcome) =>
        outcome.status === 'succeeded' ? resolve(outcome.output as O) : reject(outcomeError(outcome)),
      );
    },
  };
}
