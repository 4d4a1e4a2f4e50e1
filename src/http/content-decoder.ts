import type { Transform } from 'node:stream';
import zlib from 'node:zlib';

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
