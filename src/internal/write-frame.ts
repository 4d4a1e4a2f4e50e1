/**
 * Key of a process session's frame write, which the stdio JSON-RPC channel uses instead of
 * `write()` (no promise per frame). Internal: in no barrel, so it is no part of the public
 * session; a symbol, so no session key can collide with it.
 */
export const writeFrame: unique symbol = Symbol('execution-plane.writeFrame');
