import { type Execution, startExecution } from '../core/index.js';
import { executionDefaults, type RunOptions, splitArguments } from './entry-options.js';
import type { ProcessEvents, ProcessOutput } from './events.js';
import { createProcessLane, validateProcess } from './process-lane.js';
import { ProcessSession } from './session.js';
import { SessionPort } from './session-port.js';

/**
 * Runs a command to completion (no shell, argv only) and returns its {@link Execution}. The
 * output collects stdout and stderr (bounded by `maxBufferBytes`) with the exit code or signal.
 * A non-zero exit or a signal death ends `failed` with the facts in the output; timeouts and
 * cancellation kill the whole process tree. stdin is closed unless `closeStdin: false`.
 * Invalid options and unsupported surface capabilities throw before anything is spawned.
 *
 * @example
 * const { stdout } = await run('git', ['rev-parse', 'HEAD'], { cwd: repo, timeoutMs: 5_000 }).output();
 */
export function run(
  command: string,
  args?: readonly string[] | RunOptions,
  options?: RunOptions,
): Execution<ProcessOutput, ProcessEvents> {
  const { input, execution } = splitArguments(command, args, options, 'run()');
  const { payload, settings } = validateProcess(input, 'run', 'run()');
  const lane = { ...createProcessLane('run', 'run()'), validate: () => payload };
  return startExecution(lane, payload, executionDefaults(execution, settings));
}

/**
 * Starts a long-lived process session (no timeout unless given; stdin stays open; output is
 * streamed as events and not collected unless `maxBufferBytes` is set).
 *
 * @example
 * const session = spawn('claude', ['--output-format', 'stream-json'], { cwd: repo });
 * await session.write('{"type":"user","text":"hello"}\n');
 * for await (const event of session) console.log(event.event_type, event.payload);
 */
export function spawn(
  command: string,
  args?: readonly string[] | RunOptions,
  options?: RunOptions,
): ProcessSession {
  const { input, execution } = splitArguments(command, args, options, 'spawn()');
  const { payload, settings } = validateProcess(input, 'session', 'spawn()');
  const port = new SessionPort(settings.pty !== null);
  const lane = { ...createProcessLane('session', 'spawn()', port), validate: () => payload };
  const handle = startExecution(lane, payload, executionDefaults(execution, settings));
  // A session cancelled before its lane started never spawns: its methods must not wait forever.
  void handle.result.then(() => port.end());
  return new ProcessSession(handle, port);
}
