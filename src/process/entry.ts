import { invalidOptions } from '../core/errors.js';
import type { Execution } from '../core/execution.js';
import { enterLane } from '../core/start-execution.js';
import type { ProcessEvents, ProcessOutput } from './events.js';
import type { RunOptions, SpawnOptions } from './options.js';
import { createProcessLane, processLane } from './process-lane.js';
import { type ProcessSession, startSession } from './session.js';
import { SessionPort } from './session-port.js';

/** Options that ask for bytes: `run()` and `spawn()` then type their output's streams as `Uint8Array`. */
type BufferOptions<O> = O & { readonly encoding: 'buffer' };

/**
 * Runs a command to completion (no shell, argv only) and returns its {@link Execution}. The
 * output collects stdout and stderr (bounded by `maxBufferBytes`) with the exit code or signal;
 * text loses its final newline unless `stripFinalNewline: false`, bytes (`encoding: 'buffer'`)
 * are exact.
 * A non-zero exit or a signal death ends `failed` with the facts in the output; timeouts and
 * cancellation kill the whole process tree. stdin is closed unless `closeStdin: false`.
 * Invalid options and unsupported surface capabilities throw before anything is spawned.
 *
 * @example
 * const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: repo, timeoutMs: 5_000 }).output();
 */
export function run(
  command: string,
  options: BufferOptions<RunOptions>,
): Execution<ProcessOutput<Uint8Array>, ProcessEvents>;
export function run(
  command: string,
  args: readonly string[] | undefined,
  options: BufferOptions<RunOptions>,
): Execution<ProcessOutput<Uint8Array>, ProcessEvents>;
export function run(command: string, options?: RunOptions): Execution<ProcessOutput, ProcessEvents>;
export function run(
  command: string,
  args?: readonly string[],
  options?: RunOptions,
): Execution<ProcessOutput, ProcessEvents>;
export function run(
  command: string,
  args?: readonly string[] | RunOptions,
  options?: RunOptions,
): Execution<ProcessOutput, ProcessEvents> | Execution<ProcessOutput<Uint8Array>, ProcessEvents> {
  const payload = payloadOf(command, args, options, 'run()');
  // run()'s own default; the processLane payload keeps output as read.
  payload.stripFinalNewline ??= true;
  return enterLane(processLane, payload, 'run()');
}

/**
 * Starts a long-lived process session (no timeout unless given; stdin stays open; output is
 * streamed as events and not collected unless `maxBufferBytes` is set). Methods wait for the
 * spawn; once the process ended they reject with `SESSION_ENDED`, whose `cause` says why.
 *
 * @example
 * await using session = spawn('my-agent', [], { cwd: repo });
 * await session.write('{"prompt":"hello"}\n');
 * await session.end();
 * for await (const event of session) if (event.event_type === 'process.output') console.log(event.payload);
 */
export function spawn(command: string, options: BufferOptions<SpawnOptions>): ProcessSession<Uint8Array>;
export function spawn(
  command: string,
  args: readonly string[] | undefined,
  options: BufferOptions<SpawnOptions>,
): ProcessSession<Uint8Array>;
export function spawn(command: string, options?: SpawnOptions): ProcessSession;
export function spawn(command: string, args?: readonly string[], options?: SpawnOptions): ProcessSession;
export function spawn(
  command: string,
  args?: readonly string[] | SpawnOptions,
  options?: SpawnOptions,
): ProcessSession<string | Uint8Array> {
  const port = new SessionPort();
  const execution = enterLane(
    createProcessLane('session', port),
    payloadOf(command, args, options, 'spawn()'),
    'spawn()',
  );
  return startSession(execution, port);
}

// `(command, args?, options?)` as one payload-and-execution-options object: `args` may be left
// out (`run('ls', { cwd })`). Validation is the lane's `plan`; only the shape is checked here.
function payloadOf(
  command: unknown,
  args: unknown,
  options: unknown,
  entry: string,
): Record<string, unknown> {
  let argv = args;
  let opts = options;
  if (opts === undefined && argv !== undefined && !Array.isArray(argv)) {
    opts = argv;
    argv = undefined;
  }
  if (opts !== undefined && (typeof opts !== 'object' || opts === null || Array.isArray(opts))) {
    throw invalidOptions('options', 'an object', Array.isArray(opts) ? 'an array' : typeof opts, entry);
  }
  const input: Record<string, unknown> = { ...(opts as Record<string, unknown> | undefined), command };
  if (argv !== undefined) input.args = argv;
  return input;
}
