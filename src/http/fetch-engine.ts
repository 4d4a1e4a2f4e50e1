import { type FetchLike, type HeaderRecord, headerRecordOf } from '../internal/http/headers.js';
import { FETCH_ASKS_FOR_BROTLI, withAcceptEncoding } from './accept-encoding.js';
import type { BodyProgress, BodyReader, EngineRequest, EngineResponse, HttpEngine } from './engine.js';
import { readWhole } from './read-whole.js';

const EMPTY = new Uint8Array(0);
// A declared, unencoded body this small is read in one call instead of chunk by chunk.
const WHOLE_READ_LIMIT = 64 * 1024;

/**
 * The fetch engine: any WHATWG `fetch` (the global one by default). Redirects are handled by the
 * lane (`redirect: 'manual'`); fetch decodes gzip/deflate/br itself, and where it decodes br
 * without asking for it (Node, Bun, Deno) the engine asks: `accept-encoding: gzip, deflate, br`.
 * It cannot observe the connect phase, so only the headers, idle and total timeouts apply to it.
 */
export function createFetchEngine(fetchImpl: FetchLike = globalThis.fetch): HttpEngine {
  return {
    // Not async: one `then` with a shared function instead of an async step per request.
    send(request: EngineRequest): Promise<EngineResponse> {
      const init: RequestInit & { duplex?: 'half' } = {
        method: request.method,
        headers: FETCH_ASKS_FOR_BROTLI ? withAcceptEncoding(request.headers) : request.headers,
        redirect: 'manual',
        signal: request.abort.signal,
      };
      const body = request.body;
      if (body?.kind === 'bytes') init.body = body.data as BodyInit;
      else if (body?.kind === 'stream') {
        init.body = body.stream;
        init.duplex = 'half';
      }
      return fetchImpl(request.url.href, init).then(wrap);
    },
  };
}

const wrap = (response: Response): EngineResponse => new FetchResponse(response);
const bytesOf = (buffer: ArrayBuffer) => new Uint8Array(buffer);

// The response as the lane reads it: one object, its methods on the prototype (no closures per
// response). Its header record is read instead of `response.headers`, whose lookups are costlier.
class FetchResponse implements EngineResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderRecord;
  #response: Response;

  constructor(response: Response) {
    this.#response = response;
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = headerRecordOf(response.headers);
  }

  readBody(limit: number, progress: BodyProgress): Promise<Uint8Array> {
    const response = this.#response;
    if (!response.body) return Promise.resolve(EMPTY);
    const length = Number(this.headers['content-length'] ?? Number.NaN);
    if (length <= WHOLE_READ_LIMIT && length <= limit && this.headers['content-encoding'] === undefined) {
      // fetch enforces Content-Length, and without an encoding the decoded size is the same. One
      // read for the whole body: the idle limit counts from its start.
      progress.touch();
      return response.arrayBuffer().then(bytesOf);
    }
    return readWhole(readerOf(response), limit, progress);
  }

  open(): BodyReader {
    return readerOf(this.#response);
  }

  discard(): void {
    this.#response.body?.cancel().catch(() => {});
  }
}

const chunkOf = (result: ReadableStreamReadResult<Uint8Array>) => (result.done ? undefined : result.value);

const ENDED: BodyReader = { read: async () => undefined, cancel: () => {} };

function readerOf(response: Response): BodyReader {
  if (!response.body) return ENDED;
  const reader = response.body.getReader();
  return {
    // One promise per chunk: an async function would add a second.
    read: () => reader.read().then(chunkOf),
    cancel() {
      reader.cancel().catch(() => {});
    },
  };
}
