import type * as DefaultEngine from './default-engine.js';

/** The portable build's default engine: fetch, on every runtime (it has no Node engine). */
export const defaultEngine: typeof DefaultEngine.defaultEngine = 'fetch';
