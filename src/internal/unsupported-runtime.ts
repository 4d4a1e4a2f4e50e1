import { ExecutionError } from '../core/errors.js';

/**
 * The error a Node-only feature raises in the portable build (browsers, workers, any bundle made
 * without the `node` export condition): code `UNSUPPORTED_RUNTIME`, class `placement_unavailable`,
 * with what to use instead. Thrown when the feature is asked for, never on import.
 */
export function unsupportedRuntime(feature: string, instead: string): ExecutionError {
  return new ExecutionError(
    'UNSUPPORTED_RUNTIME',
    `${feature} needs Node.js (this is the portable build of execution-plane): ${instead}`,
    { failureClass: 'placement_unavailable', details: { feature, instead } },
  );
}
