import type { HeaderRecord } from '../internal/http/headers.js';

/** Whether a response to `method` with `status` has a body (HEAD, 204 and 304 have none). */
export function hasBody(method: string, status: number): boolean {
  return method !== 'HEAD' && status !== 204 && status !== 304;
}

/** The `content-encoding` of a response's body, `undefined` when it has no body. */
export function bodyEncoding(method: string, status: number, headers: HeaderRecord): string | undefined {
  return hasBody(method, status) ? headers['content-encoding'] : undefined;
}
