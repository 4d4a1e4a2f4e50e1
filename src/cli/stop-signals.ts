import { EXIT } from './exit-codes.js';
import { logJson } from './log.js';

/**
 * Runs `stop` on the first SIGTERM or SIGINT (logged); a second signal exits at once with
 * `EXIT.failed`, for an operator who will not wait. Returns the function that removes the handlers.
 */
export function onStopSignals(stop: (signal: string) => void): () => void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logJson('warn', 'second signal: exiting without waiting', { signal });
      process.exit(EXIT.failed);
    }
    stopping = true;
    logJson('info', 'signal', { signal });
    stop(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
