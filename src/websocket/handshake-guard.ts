import { ExecutionError } from '../core/errors.js';

/**
 * The bounds of one connection attempt, shared by both socket openers (ws on Node, the runtime's
 * WebSocket in the portable build): `fail` is called once with `HANDSHAKE_TIMEOUT` after
 * `timeoutMs`, or with the signal's reason on abort. Returns the cleanup that disarms both; the
 * opener calls it when the attempt settles either way.
 */
export function guardHandshake(
  timeoutMs: number,
  signal: AbortSignal,
  fail: (error: unknown) => void,
): () => void {
  const timer = setTimeout(
    () =>
      fail(
        new ExecutionError('HANDSHAKE_TIMEOUT', `WebSocket handshake timed out after ${timeoutMs} ms`, {
          failureClass: 'timeout',
          details: { timeout_ms: timeoutMs },
        }),
      ),
    timeoutMs,
  );
  const onAbort = () => fail(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return () => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  };
}
