/**
 * Key of a process session's stdout hand-off, which the stdio JSON-RPC channel uses instead of
 * reading `process.output` events: the child's stdout chunks go straight from the pipe to the
 * channel's framer (no event envelope, queue or iterator step per read). Internal: in no barrel,
 * so it is no part of the public session; a symbol, so no session key can collide with it.
 */
export const takeStdout: unique symbol = Symbol('execution-plane.takeStdout');

/**
 * Takes one chunk of stdout; a promise pauses the pipe until it settles (backpressure, as a full
 * event queue would).
 */
export type StdoutTaker = (chunk: Uint8Array) => undefined | Promise<void>;
