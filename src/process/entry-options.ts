import { DEFAULT_ABORT_GRACE_MS, type ExecutionOptions, invalidOptions } from '../core/index.js';
import type { ProcessOptions } from './options.js';
import type { ProcessSettings } from './settings.js';

const EXECUTION_KEYS = new Set([
  'timeoutMs',
  'deadline',
  'signal',
  'eventQueueCapacity',
  'abortGraceMs',
  'ref',
]);

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
  const input: Record<string, unknown> = { command };
  if (argv !== undefined) input.args = argv;
  const execution: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((opts ?? {}) as Record<string, unknown>)) {
    if (EXECUTION_KEYS.has(key)) execution[key] = value;
    else input[key] = value;
  }
  return { input, execution };
}

/**
 * The core's abort grace must cover the kill ladder and the drain, or the outcome would settle
 * without the partial output; it is widened unless the caller chose one.
 */
export function withAbortGrace(execution: ExecutionOptions, settings: ProcessSettings): ExecutionOptions {
  if (execution.abortGraceMs !== undefined) return execution;
  const needed = settings.forceKillAfterMs + settings.drainGraceMs + 1_000;
  return needed <= DEFAULT_ABORT_GRACE_MS ? execution : { ...execution, abortGraceMs: needed };
}
