import {
  DEFAULT_ABORT_GRACE_MS,
  type ExecutionOptions,
  invalidOptions,
  splitExecutionOptions,
} from '../core/index.js';
import { DEFAULT_PROCESS_EVENT_QUEUE_CAPACITY } from './limits.js';
import type { ProcessOptions } from './options.js';
import type { ProcessSettings } from './settings.js';

/** Options of `run()` and `spawn()`: process options plus the execution options every lane takes. */
export type RunOptions = ProcessOptions & ExecutionOptions;

/**
 * Normalises `(command, args?, options?)` into a lane payload and execution options: `args` may
 * be left out (`run('ls', { cwd })`), and the execution keys are split from the process keys.
 */
export function splitArguments(
  command: unknown,
  args: unknown,
  options: unknown,
  entry: string,
): { input: Record<string, unknown>; execution: ExecutionOptions } {
  let argv = args;
  let opts = options;
  if (opts === undefined && argv !== undefined && !Array.isArray(argv)) {
    opts = argv;
    argv = undefined;
  }
  if (opts !== undefined && (typeof opts !== 'object' || opts === null || Array.isArray(opts))) {
    throw invalidOptions('options', 'an object', Array.isArray(opts) ? 'an array' : typeof opts, entry);
  }
  const { rest, execution } = splitExecutionOptions(opts ?? {});
  const input: Record<string, unknown> = { ...(rest as Record<string, unknown>), command };
  if (argv !== undefined) input.args = argv;
  return { input, execution };
}

/**
 * Process defaults for the execution options the caller left out: a smaller event queue (see
 * {@link DEFAULT_PROCESS_EVENT_QUEUE_CAPACITY}), and an abort grace that covers the kill ladder
 * and the drain, so the outcome does not settle without the partial output.
 */
export function executionDefaults(execution: ExecutionOptions, settings: ProcessSettings): ExecutionOptions {
  const needed = settings.forceKillAfterMs + settings.drainGraceMs + 1_000;
  return {
    ...execution,
    eventQueueCapacity: execution.eventQueueCapacity ?? DEFAULT_PROCESS_EVENT_QUEUE_CAPACITY,
    abortGraceMs: execution.abortGraceMs ?? Math.max(DEFAULT_ABORT_GRACE_MS, needed),
  };
}
