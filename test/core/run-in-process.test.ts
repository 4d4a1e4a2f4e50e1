import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  defineLane,
  ExecutionError,
  type ExecutionEvent,
  type ExecutionOutcome,
  memoryLane,
  startExecution,
} from '../../src/core/index.js';
import { runInProcess } from '../../src/core/run-in-process.js';

interface Observed {
  events: ExecutionEvent[];
  completed: ExecutionEvent | undefined;
  outcome: Promise<ExecutionOutcome>;
}

// An observer that records every event and settles `outcome` at the end.
function observe(): Observed & { observer: Parameters<typeof runInProcess>[3] } {
  let settle!: (outcome: ExecutionOutcome) => void;
  const observed: Observed = {
    events: [],
    completed: undefined,
    outcome: new Promise((resolve) => {
      settle = resolve;
    }),
  };
  return {
    ...observed,
    get completed() {
      return observed.completed;
    },
    observer: {
      event: (event) => observed.events.push(event),
      end: (completed, outcome) => {
        observed.completed = completed;
        settle(outcome);
      },
    },
  };
}

// What may differ between two runs of one script: refs, ids, clocks.
const shapeOf = (event: ExecutionEvent) => ({ seq: event.seq, type: event.event_type });

describe('runInProcess', () => {
  it('hands on the same events and outcome as startExecution, as the lane emits them', async () => {
    const script = {
      events: [
        { type: 'memory.note', payload: 'a' },
        { type: 'memory.note', payload: 'b', delayMs: 5 },
      ],
      output: { ok: 1 },
    };
    const handle = startExecution(memoryLane, script, { ref: 'exec-handle' });
    const viaHandle: ExecutionEvent[] = [];
    for await (const event of handle) viaHandle.push(event);
    const seen = observe();
    const run = runInProcess(memoryLane, script, { ref: 'exec-run' }, seen.observer);
    expect(run.ref).toBe('exec-run');
    // `execution.started` at once, before the lane runs (it starts in a microtask).
    expect(seen.events.map(shapeOf)).toEqual([{ seq: 0, type: 'execution.started' }]);
    const outcome = await seen.outcome;
    const expected = await handle.result;
    expect([...seen.events, seen.completed].map((e) => e && shapeOf(e))).toEqual(viaHandle.map(shapeOf));
    expect(seen.events[1]).toMatchObject({ event_id: 'exec-run:1', execution_ref: 'exec-run', payload: 'a' });
    expect(seen.completed?.payload).toEqual({ outcome });
    expect(outcome).toMatchObject({ status: 'succeeded', failure: null, output: { ok: 1 } });
    expect(Object.keys(outcome.metrics).sort()).toEqual(Object.keys(expected.metrics).sort());
    expect(outcome.metrics).toMatchObject({ events_emitted: 4, events_dropped: 0 });
  });

  it('never makes the lane wait and drops nothing, past the queue capacity a handle would have', async () => {
    const waits: unknown[] = [];
    const lane = defineLane({
      id: 'burst',
      input: z.unknown(),
      start: async (_plan, { emit }) => {
        for (let i = 0; i < 50; i++) waits.push(emit('burst.item' as never, i as never));
        return { output: null };
      },
    });
    const seen = observe();
    runInProcess(lane, null, { eventQueueCapacity: 4 }, seen.observer);
    const outcome = await seen.outcome;
    expect(waits.every((w) => w === undefined)).toBe(true);
    expect(seen.events).toHaveLength(51);
    expect(outcome.metrics).toMatchObject({ events_emitted: 52, events_dropped: 0 });
  });

  it('throws INVALID_OPTIONS synchronously for bad options or input, before anything runs', () => {
    const seen = observe();
    expect(() => runInProcess(memoryLane, {}, { timeoutMs: -1 }, seen.observer)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(() => runInProcess(memoryLane, { events: 'x' }, undefined, seen.observer)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
    expect(seen.events).toEqual([]);
  });

  it('times out, and ends an unresponsive lane after the abort grace', async () => {
    const seen = observe();
    runInProcess(
      memoryLane,
      { hang: true, ignoreAbort: true },
      { timeoutMs: 20, abortGraceMs: 30 },
      seen.observer,
    );
    const outcome = await seen.outcome;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure).toMatchObject({
      failure_class: 'timeout',
      details: { timeout_ms: 20, lane_unresponsive: true, abort_grace_ms: 30 },
    });
  });

  it('cancels: cancel() resolves once the run has ended, and again at once', async () => {
    const seen = observe();
    const run = runInProcess(memoryLane, { hang: true }, undefined, seen.observer);
    await new Promise((resolve) => setTimeout(resolve, 5));
    let ended = false;
    void seen.outcome.then(() => {
      ended = true;
    });
    await run.cancel('enough');
    await Promise.resolve();
    expect(ended).toBe(true);
    const outcome = await seen.outcome;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.failure).toMatchObject({
      failure_class: 'cancellation',
      code: 'CANCELLED',
      reason: 'enough',
    });
    await expect(run.cancel()).resolves.toBeUndefined();
  });

  it("ends before returning for an aborted signal, without starting the lane; cancels on the caller's signal", async () => {
    let started = 0;
    const lane = defineLane({
      id: 'counted',
      input: z.unknown(),
      start: async (_plan, { signal }) => {
        started++;
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        return { output: null };
      },
    });
    const early = observe();
    runInProcess(lane, null, { signal: AbortSignal.abort('gone') }, early.observer);
    expect(early.completed?.event_type).toBe('execution.completed');
    expect((await early.outcome).status).toBe('cancelled');

    const controller = new AbortController();
    const late = observe();
    runInProcess(lane, null, { signal: controller.signal }, late.observer);
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('caller left'));
    const outcome = await late.outcome;
    expect(outcome).toMatchObject({ status: 'cancelled', failure: { reason: 'cancelled: caller left' } });
    expect(started).toBe(1);
  });

  it('keeps the failure taxonomy of a throwing lane', async () => {
    const lane = defineLane({
      id: 'thrower',
      input: z.unknown(),
      start: async () => {
        throw new ExecutionError('FRAMING_ERROR', 'bad frame', { failureClass: 'protocol_framing_failed' });
      },
    });
    const seen = observe();
    runInProcess(lane, null, undefined, seen.observer);
    expect(await seen.outcome).toMatchObject({
      status: 'failed',
      failure: { failure_class: 'protocol_framing_failed', code: 'FRAMING_ERROR', reason: 'bad frame' },
    });
  });
});
