import { pipeline, type Readable } from 'node:stream';
import type { HeaderRecord } from '../internal/http/headers.js';
import { withAcceptEncoding } from './accept-encoding.js';
import { decoderFor } from './content-decoder.js';
import type { BodyReader, EngineRequest, EngineResponse, HttpEngine } from './engine.js';
import { prematureClose, readableBodyReader } from './readable-body.js';

/** The part of undici's `request` the engine calls (undici ≥ 6). */
export type UndiciRequest = (
  url: URL,
  options: {
    method: string;
    headers: HeaderRecord;
    body?: string | Uint8Array | AsyncIterable<Uint8Array> | null;
    signal?: EngineRequest['abort'];
  },
) => Promise<{
  statusCode: number;
  statusText?: string;
  headers: Record<string, string | string[] | undefined>;
  body: Readable & {
    dump?(options?: { limit?: number }): Promise<void>;
    arrayBuffer(): Promise<ArrayBuffer>;
  };
}>;

// A redirect or retried response this small is drained so its keep-alive socket is reused.
const DRAIN_LIMIT = 64 * 1024;
// A declared, unencoded body this small is read in one call (undici's own consumer) instead of
// as a flowing stream: undici enforces Content-Length, so the size is known before it is read.
const WHOLE_READ_LIMIT = 64 * 1024;
const noop = () => {};

/**
 * The undici engine: undici's `request` on its global dispatcher (keep-alive pools). Like the
 * fetch engine it cannot observe the connect phase; like the Node engine it asks for and decodes
 * gzip, deflate and br, and aborts with the request's abort reason without an AbortController.
 */
export function createUndiciEngine(request: UndiciRequest): HttpEngine {
  return {
    async send(req: EngineRequest): Promise<EngineResponse> {
      const headers = withAcceptEncoding(req.headers);
      const body = req.body;
      // The URL object itself: undici takes it as it is, where a string is parsed again.
      const res = await request(req.url, {
        method: req.method,
        headers,
        body: body === undefined ? null : body.kind === 'bytes' ? body.data : body.stream,
        // The link is EventEmitter-shaped: no AbortController and no adapter per request.
        signal: req.abort,
      });
      return new UndiciResponse(res, req.method);
    },
  };
}

type Response = Awaited<ReturnType<UndiciRequest>>;

class UndiciResponse implements EngineResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: HeaderRecord = {};
  #body: Response['body'];
  #method: string;

  constructor(res: Response, method: string) {
    this.status = res.statusCode;
    this.statusText = res.statusText ?? '';
    this.#body = res.body;
    this.#method = method;
    const raw = res.headers;
    for (const name in raw) {
      const value = raw[name];
      if (value !== undefined) this.headers[name] = typeof value === 'string' ? value : value.join(', ');
    }
    // Until the body is read or discarded, a socket error must not become an uncaught one.
    res.body.on('error', noop);
  }

  readBody(limit: number, onChunk: () => void, tooLarge: () => Error): Promise<Uint8Array> {
    const body = this.#body;
    const hasBody = this.#method !== 'HEAD' && this.status !== 204 && this.status !== 304;
    const decoder = hasBody ? decoderFor(this.headers['content-encoding']) : undefined;
    const length = Number(this.headers['content-length'] ?? Number.NaN);
    if (!decoder && length <= WHOLE_READ_LIMIT && length <= limit && !body.destroyed) {
      return body.arrayBuffer().then((buffer) => {
        onChunk();
        return new Uint8Array(buffer);
      });
    }
    const source: Readable = decoder ?? body;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      let finished = false;
      // undici's pool keeps a finished request's body referenced for a while; detached
      // listeners keep it from holding the execution (through onChunk) past its end.
      const detach = () => {
        source.off('data', onData);
        source.off('end', onEnd);
        body.off('error', fail);
      };
      const fail = (error: Error) => {
        if (finished) return;
        finished = true;
        detach();
        body.destroy();
        decoder?.destroy();
        reject(error);
      };
      const onData = (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit) return fail(tooLarge());
        onChunk();
        chunks.push(chunk);
      };
      const onEnd = () => {
        finished = true;
        detach();
        resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
      };
      if (body.destroyed || body.readableEnded) {
        return fail(body.errored ?? prematureClose());
      }
      if (decoder) pipeline(body, decoder, (error) => error && fail(error));
      else body.on('error', fail);
      source.on('data', onData);
      source.on('end', onEnd);
    });
  }

  open(): BodyReader {
    const hasBody = this.#method !== 'HEAD' && this.status !== 204 && this.status !== 304;
    return readableBodyReader({
      body: this.#body,
      encoding: hasBody ? this.headers['content-encoding'] : undefined,
      release: noop,
    });
  }

  discard(): void {
    const body = this.#body;
    if (Number(this.headers['content-length']) > DRAIN_LIMIT || !body.dump) return void body.destroy();
    // Drain a small body so the keep-alive socket is reused; undici gives up past the limit.
    body.dump({ limit: DRAIN_LIMIT }).catch(noop);
  }
}
