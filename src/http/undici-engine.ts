import type { HeaderRecord } from '../internal/http/headers.js';
import { ACCEPT_ENCODING } from './accept-encoding.js';
import type { EngineRequest, EngineResponse, HttpEngine } from './engine.js';
import { UndiciExchange } from './undici-exchange.js';

/** The part of an undici `Dispatcher` the engine calls (undici ≥ 6): `dispatch` with a handler. */
export interface UndiciDispatcher {
  dispatch(
    options: {
      origin: string;
      path: string;
      method: string;
      headers: string[];
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
 * with undici's `setGlobalDispatcher` later is used from then on.
 */
export function createUndiciEngine(dispatcher: () => UndiciDispatcher): HttpEngine {
  return {
    send(req: EngineRequest): Promise<EngineResponse> {
      const exchange = new UndiciExchange(req.abort, req.method);
      const target = targetOf(req.url);
      const body = req.body;
      try {
        dispatcher().dispatch(
          {
            origin: target.origin,
            path: target.path,
            method: req.method,
            headers: flatHeaders(req.headers),
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

interface Target {
  readonly href: string;
  readonly origin: string;
  readonly path: string;
}

// A request URL's origin and path, kept per URL object (the lane shares one per URL string):
// each read of `origin` or `pathname` makes a new string. Checked against `href`, which costs
// nothing to read, in case the caller changed a URL object they passed.
const targets = new WeakMap<URL, Target>();

function targetOf(url: URL): Target {
  const known = targets.get(url);
  if (known?.href === url.href) return known;
  const target = { href: url.href, origin: url.origin, path: url.pathname + url.search };
  targets.set(url, target);
  return target;
}

// The flat name/value list undici keeps internally, with `accept-encoding` unless the caller set one.
function flatHeaders(headers: HeaderRecord): string[] {
  const flat: string[] = [];
  for (const name in headers) flat.push(name, headers[name] as string);
  if (headers['accept-encoding'] === undefined) flat.push('accept-encoding', ACCEPT_ENCODING);
  return flat;
}
