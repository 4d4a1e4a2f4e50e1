/**
 * `execution-plane/process`. This lane is not built yet; the subpath resolves so consumers can
 * depend on its name.
 *
 * @module
 */

export {};
