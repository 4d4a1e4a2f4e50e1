import type { CredentialNames, HeaderRecord } from './headers.js';

/** Redirect hops followed before failing (HTTP) or answering with the 3xx (SSE). */
export const MAX_REDIRECTS = 20;

/** Where a redirect leads and what is sent there. */
export interface RedirectHop {
  readonly url: URL;
  readonly method: string;
  readonly headers: HeaderRecord;
  /** The body is not sent again (the method became GET). */
  readonly dropBody: boolean;
  /** Credential headers removed because the hop leaves the origin. */
  readonly stripped: readonly string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Headers that describe a body; they go with it when a redirect turns the request into a GET.
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

/**
 * True for the statuses that carry a Location to follow: 301, 302, 303, 307, 308.
 *
 * @example
 * isRedirectStatus(304); // false
 */
export function isRedirectStatus(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * The next hop of a redirect, as fetch would make it (303, and 301/302 after POST, become GET
 * without a body), except that every credential header is stripped — not only Authorization —
 * when the hop leaves the origin (scheme, host or port changes). `undefined` when the Location
 * is missing or not an http(s) URL: the 3xx is then returned as it is.
 *
 * @example
 * nextHop(302, 'https://cdn.example/x', { url: new URL('https://api.example/a'), method: 'GET', headers: { authorization: 'Bearer t' } }, new Set(['authorization']));
 * // { url: https://cdn.example/x, method: 'GET', headers: {}, dropBody: false, stripped: ['authorization'] }
 */
export function nextHop(
  status: number,
  location: string | undefined,
  from: { readonly url: URL; readonly method: string; readonly headers: HeaderRecord },
  credentials: CredentialNames,
): RedirectHop | undefined {
  if (location === undefined) return undefined;
  const url = URL.parse(location, from.url);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return undefined;
  // Credentials in a Location are never forwarded.
  url.username = '';
  url.password = '';
  const toGet =
    (status === 303 && from.method !== 'HEAD') ||
    ((status === 301 || status === 302) && from.method === 'POST');
  const headers: HeaderRecord = { ...from.headers };
  if (toGet) for (const name of BODY_HEADERS) delete headers[name];
  const stripped: string[] = [];
  if (url.origin !== from.url.origin) {
    for (const name in headers) {
      if (credentials.has(name)) {
        stripped.push(name);
        delete headers[name];
      }
    }
  }
  return { url, method: toGet ? 'GET' : from.method, headers, dropBody: toGet, stripped };
}
