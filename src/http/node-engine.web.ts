import { unsupportedRuntime } from '../internal/unsupported-runtime.js';
import type * as NodeEngine from './node-engine.js';

/**
 * The portable build's stand-in for `node-engine.ts` (swapped in by tsup.config.ts): node:http
 * does not exist off Node, so asking for `engine: 'node'` (or `agents`) fails with
 * `UNSUPPORTED_RUNTIME` instead of a bundler error at build time. The default engine there is fetch.
 */
export const createNodeEngine: typeof NodeEngine.createNodeEngine = () => {
  throw unsupportedRuntime("engine: 'node'", "use engine: 'fetch' (the default off Node.js)");
};
