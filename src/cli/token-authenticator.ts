import { createHash, timingSafeEqual } from 'node:crypto';
import type { Authenticate } from '../node/index.js';

interface Accepted {
  readonly digest: Buffer;
  readonly principal: string | undefined;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Bearer tokens the service accepts, replaceable at run time (SIGHUP). A token maps to its
 * principal, or to a principal of each connection's own. Compared in constant time through
 * sha256 digests, every token checked, so timing says nothing about which one matched.
 */
export class TokenAuthenticator {
  #accepted: readonly Accepted[] = [];

  get size(): number {
    return this.#accepted.length;
  }

  replace(tokens: readonly { readonly token: string; readonly principal: string | undefined }[]): void {
    this.#accepted = tokens.map(({ token, principal }) => ({ digest: digest(token), principal }));
  }

  readonly authenticate: Authenticate = ({ headers }) => {
    const header = headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
    const presented = digest(header.slice('Bearer '.length));
    let match: Accepted | undefined;
    for (const accepted of this.#accepted) {
      if (timingSafeEqual(presented, accepted.digest) && !match) match = accepted;
    }
    if (!match) return false;
    return match.principal ?? true;
  };
}
