import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import type { HeaderRecord } from '../internal/http/headers.js';

/** A decoder for a `content-encoding` the engines asked for (`ACCEPT_ENCODING`), or `undefined` for identity. */
export function decoderFor(encoding: string | undefined): Transform | undefined {
  const options = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(options);
    case 'deflate':
      return zlib.createInflate(options);
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** Whether a response to `method` with `status` has a body (HEAD, 204 and 304 have none). */
export function hasBody(method: string, status: number): boolean {
  return method !== 'HEAD' && status !== 204 && status !== 304;
}

/** The `content-encoding` of a response's body, `undefined` when it has no body. */
export function bodyEncoding(method: string, status: number, headers: HeaderRecord): string | undefined {
  return hasBody(method, status) ? headers['content-encoding'] : undefined;
}
