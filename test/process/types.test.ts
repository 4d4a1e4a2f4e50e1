import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorCode } from '../../src/core/error-codes.js';
import type { Execution, ExecutionOutcome } from '../../src/core/index.js';
import {
  type ExitFacts,
  type ProcessBytesPayload,
  type ProcessDataPayload,
  type ProcessErrorCode,
  type ProcessEvents,
  type ProcessKillPayload,
  type ProcessLinesPayload,
  type ProcessOutput,
  type ProcessSession,
  type ProcessSpawnedPayload,
  pipe,
  type RunOptions,
  run,
  type SpawnOptions,
  spawn,
} from '../../src/process/index.js';

// Type-level only: nothing here spawns (the functions are never called at run time).
const never = false as boolean;

describe('process types', () => {
  it('narrows event payloads by event_type', () => {
    const consume = async (execution: Execution<ProcessOutput, ProcessEvents>) => {
      for await (const event of execution) {
        if (event.event_type === 'process.output') {
          expectTypeOf(event.payload).toEqualTypeOf<
            ProcessLinesPayload | ProcessDataPayload | ProcessBytesPayload
          >();
        } else if (event.event_type === 'process.spawned') {
          expectTypeOf(event.payload).toEqualTypeOf<ProcessSpawnedPayload>();
          expectTypeOf(event.payload.pid).toEqualTypeOf<number | null>();
        } else if (event.event_type === 'process.kill') {
          expectTypeOf(event.payload).toEqualTypeOf<ProcessKillPayload>();
        } else if (event.event_type === 'process.exit') {
          expectTypeOf(event.payload).toEqualTypeOf<ExitFacts>();
        }
      }
    };
    expectTypeOf(consume).toBeFunction();
  });

  it('takes exact options: an unknown key does not compile', () => {
    if (never) {
      run('ls', { cwd: '/', timeoutMs: 5_000, signal: AbortSignal.timeout(1) });
      run('ls', ['-l'], { framing: 'raw', pty: { cols: 100 } });
      // @ts-expect-error `timeout` is not an option (it is `timeoutMs`)
      run('ls', { timeout: 5_000 });
      // @ts-expect-error `shell` is not an option: argv only
      run('ls', [], { shell: true });
      // @ts-expect-error an unknown key inside `pty`
      spawn('bash', { pty: { columns: 100 } });
      // @ts-expect-error `framing` takes 'lines' or 'raw'
      spawn('cat', { framing: 'words' });
    }
    expectTypeOf<RunOptions>().toHaveProperty('maxBufferBytes');
    expectTypeOf<RunOptions>().toHaveProperty('eventQueueCapacity');
    expectTypeOf<SpawnOptions>().toEqualTypeOf<RunOptions>();
  });

  it('has a closed code union', () => {
    expectTypeOf<'COMMAND_NOT_FOUND'>().toExtend<ProcessErrorCode>();
    expectTypeOf<'LINE_TOO_LONG'>().toExtend<ProcessErrorCode>();
    expectTypeOf<'SESSION_ENDED'>().toExtend<ProcessErrorCode>();
    expectTypeOf<'HTTP_STATUS'>().not.toExtend<ProcessErrorCode>();
    expectTypeOf<'CLOSED'>().not.toExtend<ErrorCode>();
  });

  it('types results: output(), result and the session', () => {
    if (never) {
      expectTypeOf(run('ls').output()).toEqualTypeOf<Promise<ProcessOutput>>();
      expectTypeOf(run('ls').result).toEqualTypeOf<Promise<ExecutionOutcome<ProcessOutput>>>();
      const session = spawn('cat');
      expectTypeOf(session).toEqualTypeOf<ProcessSession>();
      expectTypeOf(session.close()).toEqualTypeOf<Promise<ExecutionOutcome<ProcessOutput>>>();
      expectTypeOf(session.resize).returns.toEqualTypeOf<Promise<void>>();
      // Bytes are typed as bytes, with or without args.
      expectTypeOf(run('gzip', { encoding: 'buffer' }).output()).toEqualTypeOf<
        Promise<ProcessOutput<Uint8Array>>
      >();
      expectTypeOf(
        run('gzip', ['-c'], { encoding: 'buffer', stdin: new Uint8Array(1) }).output(),
      ).toEqualTypeOf<Promise<ProcessOutput<Uint8Array>>>();
      expectTypeOf(run('ls', { encoding: 'utf8' }).output()).toEqualTypeOf<Promise<ProcessOutput>>();
      expectTypeOf(spawn('cat', [], { encoding: 'buffer' })).toEqualTypeOf<ProcessSession<Uint8Array>>();
      // @ts-expect-error an unknown key is still an error with bytes
      run('gzip', { encoding: 'buffer', stripNewline: true });
      // @ts-expect-error `stdio` takes 'pipe' or 'inherit' per stream
      run('ls', { stdio: { stdout: 'ignore' } });
      expectTypeOf(pipe(run('ls'), spawn('cat'))).toEqualTypeOf<Promise<void>>();
    }
    expectTypeOf<ProcessOutput['exit_code']>().toEqualTypeOf<number | null>();
    expectTypeOf<ProcessOutput['stdout']>().toEqualTypeOf<string>();
  });
});
