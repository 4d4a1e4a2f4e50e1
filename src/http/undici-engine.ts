import type { HeaderRecord } from '../internal/http/headers.js';
import { withAcceptEncoding } from './accept-encoding.js';
import type { EngineRequest, EngineResponse, HttpEngine } from './engine.js';
import { type HeaderName, UndiciExchange } from './undici-exchange.js';

/** The part of an undici `Dispatcher` the engine calls (undici ≥ 6): `dispatch` with a handler. */
export interface UndiciDispatcher {
  dispatch(
    options: {
      origin: string;
      path: string;
      method: string;
      headers: HeaderRecord;
      body: string | Uint8Array | AsyncIterable<Uint8Array> | null;
    },
    handler: UndiciExchange,
  ): unknown;
}

/**
 * The undici engine: undici's global dispatcher (keep-alive pools), asked with `dispatch` and a
 * handler object per request (`UndiciExchange`), the layer under undici's own `request()`.
 * Like the fetch engine it cannot observe the connect phase; like the Node engine it asks for
 * and decodes gzip, deflate and br. `dispatcher` is asked per request, so a dispatcher set
 * with undici's `setGlobalDispatcher` later is used from then on. `nameOf` is undici's
 * `util.headerNameToString` where it has one.
 */
export function createUndiciEngine(dispatcher: () => UndiciDispatcher, nameOf?: HeaderName): HttpEngine {
  // The last URL's origin and path: requests to one URL share its parsed URL (`requestUrl`), and
  // `origin` and `pathname` are strings made anew each time they are read.
  let last: URL | undefined;
  let origin = '';
  let path = '';
  return {
    send(req: EngineRequest): Promise<EngineResponse> {
      const exchange = new UndiciExchange(req.abort, req.method, nameOf);
      const url = req.url;
      if (url !== last) {
        last = url;
        origin = url.origin;
        path = url.pathname + url.search;
      }
      const body = req.body;
      try {
        dispatcher().dispatch(
          {
            origin,
            path,
            method: req.method,
            headers: withAcceptEncoding(req.headers),
            body: body === undefined ? null : body.kind === 'bytes' ? body.data : body.stream,
          },
          exchange,
        );
      } catch (error) {
        // undici's own dispatchers report through `onError`; another one may throw.
        exchange.onError(error as Error);
      }
      return exchange.response;
    },
  };
}
