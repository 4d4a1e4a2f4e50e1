import type { Transform } from 'node:stream';
import zlib from 'node:zlib';

/** What the Node and undici engines ask for, and decode, like fetch does. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** A decoder for a `content-encoding` the engines asked for, or `undefined` for identity. */
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
