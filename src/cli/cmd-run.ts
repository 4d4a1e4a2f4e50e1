import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import type { ExecutionOutcome } from '../core/index.js';
import { type ProcessOutput, run } from '../process/index.js';
import { commonFlags, intFlag, parseFlags, splitAtProgram, UsageError } from './args.js';
import { exitCodeOf, processExitCode } from './exit-codes.js';
import { createOutput, describeFailure } from './output.js';
import { readStdin, watchInterrupt } from './terminal-io.js';

export const runFlags = {
  ...commonFlags,
  cwd: { type: 'string' },
  env: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  stdin: { type: 'string' },
  pty: { type: 'boolean' },
} as const;

/** `execution-plane run [flags] <cmd> [args…]`: one process execution, output streamed live. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  const [ours, program] = splitAtProgram(argv, runFlags);
  const { values } = parseFlags('run', ours, runFlags);
  const [command, ...args] = program;
  if (!command) throw new UsageError('run', 'missing the command to run');
  const out = createOutput(values.json === true);
  const env: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('run', `--env expects NAME=value, got ${pair}`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const stdin =
    values.stdin === undefined
      ? undefined
      : values.stdin === '-'
        ? await readStdin()
        : await readFile(values.stdin);
  const execution = run(command, args, {
    framing: 'raw',
    ...(values.cwd ? { cwd: values.cwd } : {}),
    ...(values.env ? { env } : {}),
    ...(stdin ? { stdin } : {}),
    ...(values.pty ? { pty: true } : {}),
    timeoutMs: intFlag('run', 'timeout', values.timeout) ?? null,
  });
  const stop = watchInterrupt(() => execution.cancel('interrupted'));
  try {
    for await (const event of execution) {
      if (out.json) out.line(event);
      else if (event.event_type === 'process.output' && 'data' in event.payload) {
        (event.payload.stream === 'stderr' ? process.stderr : process.stdout).write(event.payload.data);
      }
    }
  } finally {
    stop();
  }
  const outcome: ExecutionOutcome<ProcessOutput> = await execution.result;
  if (outcome.failure && !out.json) {
    out.error(describeFailure(outcome));
  }
  const output = outcome.output;
  if (output && (outcome.status === 'succeeded' || outcome.status === 'failed')) {
    return processExitCode(output.exit_code, output.signal, constants.signals as Record<string, number>);
  }
  return exitCodeOf(outcome.status);
}
