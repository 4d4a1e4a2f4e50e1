import { invalidOptions } from '../core/errors.js';
import { describeValue } from '../internal/describe-value.js';

/** A request body ready for an engine: bytes (replayable) or a one-shot stream. */
export type PreparedBody =
  | { readonly kind: 'bytes'; readonly data: string | Uint8Array }
  | { readonly kind: 'stream'; readonly stream: ReadableStream<Uint8Array> };

function isStream(body: unknown): body is ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> {
  return (
    body instanceof ReadableStream ||
    (typeof body === 'object' && body !== null && Symbol.asyncIterator in body && !ArrayBuffer.isView(body))
  );
}

function isJsonValue(body: unknown): boolean {
  if (typeof body === 'number') return Number.isFinite(body);
  if (typeof body === 'boolean' || Array.isArray(body)) return true;
  if (typeof body !== 'object' || body === null) return false;
  const proto = Object.getPrototypeOf(body);
  return proto === Object.prototype || proto === null;
}

/** Throws `INVALID_OPTIONS` for a body the lane cannot send; runs before any I/O. */
export function checkBody(body: unknown, method: string, entry: string): void {
  if (body === undefined || body === null) return;
  if (method === 'GET' || method === 'HEAD') {
    throw invalidOptions('body', `no body with ${method}`, describeValue(body), entry);
  }
  const known =
    typeof body === 'string' ||
    ArrayBuffer.isView(body) ||
    body instanceof ArrayBuffer ||
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    body instanceof Blob ||
    isStream(body) ||
    isJsonValue(body);
  if (!known) {
    throw invalidOptions(
      'body',
      'a string, bytes, URLSearchParams, FormData, Blob, a byte stream or a JSON value',
      describeValue(body),
      entry,
    );
  }
}

/** True when the body can be sent again (retries, 307/308 redirects). */
export function isReplayable(body: PreparedBody | undefined): boolean {
  return body === undefined || body.kind === 'bytes';
}

/** A prepared body and the content type fetch would give it (used unless the caller set one). */
export interface BodyWithType {
  readonly body: PreparedBody;
  readonly contentType: string | undefined;
}

/**
 * Turns a checked body into bytes or a stream, with the content type fetch would set. FormData
 * and Blob are serialised once, so a retry sends the same bytes.
 */
export async function prepareBody(body: unknown): Promise<BodyWithType | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return bytes(body, 'text/plain;charset=UTF-8');
  if (ArrayBuffer.isView(body)) {
    return bytes(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), undefined);
  }
  if (body instanceof ArrayBuffer) return bytes(new Uint8Array(body), undefined);
  if (body instanceof URLSearchParams) {
    return bytes(body.toString(), 'application/x-www-form-urlencoded;charset=UTF-8');
  }
  if (body instanceof FormData || body instanceof Blob) {
    // Response serialises multipart exactly as fetch would, boundary included.
    const serialised = new Response(body);
    const data = new Uint8Array(await serialised.arrayBuffer());
    return bytes(data, serialised.headers.get('content-type') ?? undefined);
  }
  if (body instanceof ReadableStream)
    return { body: { kind: 'stream', stream: body }, contentType: undefined };
  if (isStream(body)) return { body: { kind: 'stream', stream: streamOf(body) }, contentType: undefined };
  return bytes(JSON.stringify(body), 'application/json');
}

function bytes(data: string | Uint8Array, contentType: string | undefined): BodyWithType {
  return { body: { kind: 'bytes', data }, contentType };
}

// Pull-based, so the iterable is read only as fast as the engine sends.
function streamOf(iterable: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = iterable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}
