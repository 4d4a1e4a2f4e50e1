import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { invalidOptions } from '../core/errors.js';

/** What a node server knows about a connection when it decides whether to accept it. */
export interface ConnectionInfo {
  /** The upgrade request's headers (lower-case names). */
  readonly headers: IncomingHttpHeaders;
  /** The peer's address. */
  readonly remoteAddress: string | undefined;
  /** The request path and query. */
  readonly url: string;
}

/**
 * Decides whether a connection may talk to the node, and as whom. `true` accepts it as an
 * anonymous principal of its own (its executions are reachable from that connection only); a
 * non-empty string (at most 256 characters) accepts it as the principal of that name (its
 * executions are reachable from every connection of that principal, and from `operators`).
 * Anything else (`false`, a throw, a rejection, no answer within the timeout) refuses the upgrade
 * with HTTP 401.
 */
export type Authenticate = (connection: ConnectionInfo) => boolean | string | Promise<boolean | string>;

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The minimum authentication: a shared token presented as `Authorization: Bearer <token>`
 * (`RemoteRuntimeClient`'s `token` option). Tokens are compared in constant time, through
 * equal-length sha256 digests, so neither content nor length leaks through timing.
 *
 * @example
 * await serveNode(node, { port: 0, authenticate: sharedTokenAuthenticator(process.env.NODE_TOKEN!) });
 */
export function sharedTokenAuthenticator(token: string): Authenticate {
  if (typeof token !== 'string' || token.length === 0) {
    throw invalidOptions(
      'token',
      'a non-empty string',
      'an empty or missing value',
      'sharedTokenAuthenticator()',
    );
  }
  const expected = digest(token);
  return ({ headers }) => {
    const header = headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(header.slice('Bearer '.length)), expected);
  };
}
