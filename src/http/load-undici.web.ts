import { unsupportedRuntime } from '../internal/unsupported-runtime.js';
import type * as LoadUndici from './load-undici.js';

/** The portable build's stand-in for `load-undici.ts`: undici runs on Node.js only. */
export const loadUndiciEngine: typeof LoadUndici.loadUndiciEngine = () =>
  Promise.reject(unsupportedRuntime("engine: 'undici'", "use engine: 'fetch' (the default off Node.js)"));
