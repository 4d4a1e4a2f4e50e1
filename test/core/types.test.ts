import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod/mini';
import {
  type CoreErrorCode,
  defineLane,
  type ErrorCode,
  type Execution,
  type ExecutionError,
  type ExecutionOutcome,
  type Failure,
  type HttpErrorCode,
  memoryLane,
  type ProcessErrorCode,
  type Session,
  startExecution,
} from '../../src/core/index.js';

// Type-level tests: `npm run typecheck` checks them; the `it` bodies only keep vitest honest.
describe('core types', () => {
  it('narrows an outcome by status', () => {
    const check = (outcome: ExecutionOutcome<{ n: number }>) => {
      if (outcome.status === 'succeeded') {
        expectTypeOf(outcome.failure).toEqualTypeOf<null>();
        expectTypeOf(outcome.output).toEqualTypeOf<{ n: number } | null>();
      } else if (outcome.status === 'timed_out' || outcome.status === 'cancelled') {
        expectTypeOf(outcome.failure).toEqualTypeOf<Failure>();
        expectTypeOf(outcome.failure.code).toEqualTypeOf<ErrorCode>();
      } else if (outcome.status === 'failed') {
        expectTypeOf(outcome.failure).toEqualTypeOf<Failure | null>();
      }
    };
    expectTypeOf(check).toBeFunction();
  });

  it('narrows event payloads by event_type', () => {
    const lane = defineLane<{ text: string }, string, { 'echo.said': { text: string; at: number } }>({
      id: 'echo',
      input: z.strictObject({ text: z.string() }),
      start: async ({ text }, { emit }) => {
        await emit('echo.said', { text, at: 1 });
        return { output: text };
      },
    });
    const consume = async (execution: Execution<string, { 'echo.said': { text: string; at: number } }>) => {
      for await (const event of execution) {
        if (event.event_type === 'echo.said') expectTypeOf(event.payload.at).toEqualTypeOf<number>();
        if (event.event_type === 'execution.completed') {
          expectTypeOf(event.payload.outcome).toEqualTypeOf<ExecutionOutcome<string>>();
        }
        if (event.event_type === 'execution.started')
          expectTypeOf(event.payload.timeout_ms).toEqualTypeOf<number | null>();
      }
    };
    expectTypeOf(startExecution(lane, { text: 'hi' })).toEqualTypeOf<
      Execution<string, { 'echo.said': { text: string; at: number } }>
    >();
    expectTypeOf(consume).toBeFunction();
  });

  it('keeps error codes closed', () => {
    expectTypeOf<'TIMEOUT'>().toExtend<CoreErrorCode>();
    expectTypeOf<'HTTP_STATUS'>().toExtend<HttpErrorCode>();
    expectTypeOf<'SPAWN_FAILED'>().toExtend<ProcessErrorCode>();
    expectTypeOf<'SPAWN_FAILED'>().not.toExtend<HttpErrorCode>();
    expectTypeOf<'NOT_A_CODE'>().not.toExtend<ErrorCode>();
    expectTypeOf<ExecutionError['code']>().toEqualTypeOf<ErrorCode>();
  });

  it('rejects unknown execution options at compile time', () => {
    const bad = () =>
      // @ts-expect-error `timeout` is not an execution option (it is `timeoutMs`)
      startExecution(memoryLane, { events: [] }, { timeout: 5 });
    expectTypeOf(bad).toBeFunction();
  });

  it('describes sessions as executions with ready and close', () => {
    expectTypeOf<Session<string>>().toExtend<Execution<string>>();
    expectTypeOf<Session<string>['close']>().returns.toEqualTypeOf<Promise<ExecutionOutcome<string>>>();
    expectTypeOf<Session['ready']>().returns.toEqualTypeOf<Promise<void>>();
  });
});
