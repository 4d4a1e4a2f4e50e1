/** The local peers a doc block can be pointed at. */
export type DocPeerName = 'http' | 'ws';

/**
 * Every origin a doc example may name, and the local peer it is rewritten to before the block
 * runs. A block that names any other origin fails: nothing a doc block runs reaches the network.
 * Add a row here when an example needs a new host (and teach `doc-peers.ts` what it serves).
 */
export const DOC_HOSTS: Readonly<Record<string, DocPeerName>> = {
  // JSON endpoints, a POST echo, and SSE at any path ending in /chat/completions.
  'https://api.example.com': 'http',
  // A WebSocket echo (any subprotocol accepted).
  'wss://realtime.example': 'ws',
  'ws://127.0.0.1:8080': 'ws',
};

const URL_PATTERN = /\b(?:https?|wss?):\/\/[^\s'"`)\]]+/g;

/**
 * Rewrites each URL of `code` to its local peer (`peers` maps a peer name to its origin, e.g.
 * `http://127.0.0.1:41234`). Throws naming the origin when one is not in {@link DOC_HOSTS}.
 */
export function rewriteHosts(code: string, peers: Readonly<Record<DocPeerName, string>>): string {
  return code.replace(URL_PATTERN, (url) => {
    // A URL the block builds from its own local server (`http://127.0.0.1:${port}/…`) stays as it
    // is; a template after the origin (`…/rt?room=${room}`) leaves the origin to rewrite.
    const template = url.indexOf('${');
    if (template !== -1) {
      if (/^(?:https?|wss?):\/\/(?:127\.0\.0\.1|localhost):\$\{/.test(url)) return url;
      if (!/^(?:https?|wss?):\/\/[^/$]+\//.test(url.slice(0, template))) {
        throw new Error(`names ${url}, a computed URL that is not on loopback`);
      }
    }
    const { origin } = new URL(template === -1 ? url : url.slice(0, template));
    const peer = DOC_HOSTS[origin];
    if (peer === undefined) {
      throw new Error(
        `names ${origin}, which has no local peer: add it to DOC_HOSTS in test/docs/doc-hosts.ts`,
      );
    }
    return peers[peer] + url.slice(origin.length);
  });
}
