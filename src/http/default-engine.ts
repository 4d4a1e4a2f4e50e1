/**
 * The engine a request without `engine` or `fetch` uses: node:http where it exists. Bun and Deno
 * also set `process.versions.node` and ship node:http, so the Node engine works there. The
 * portable build swaps this module for `default-engine.web.ts` (fetch), because that build has
 * no Node engine even when it runs on one of those runtimes.
 */
export const defaultEngine: 'node' | 'fetch' =
  typeof process !== 'undefined' && typeof process.versions?.node === 'string' ? 'node' : 'fetch';
