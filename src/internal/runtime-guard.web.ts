/**
 * The portable build's stand-in for `runtime-guard.ts`: empty on purpose. The guard only ever
 * acts on Node.js, and Node.js resolves the `node` export condition to the Node build, which keeps
 * it; here a bare import of it would only leave consumers' bundlers warning about an import of a
 * side-effect-free chunk.
 *
 * @module
 */
export {};
