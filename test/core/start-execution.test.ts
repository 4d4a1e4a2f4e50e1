import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import {
  defineLane,
  ExecutionError,
  type ExecutionEvent,
  isExecutionError,
  memoryLane,
  startExecution,
} from '../../src/core/index.js';

function recordingLane(defaultTimeoutMs?: number | null) {
  const start = vi.fn(async () => ({ output: 'ran' }));
  const lane = defineLane({
    id: 'recording',
    input: z.strictObject({ n: z.number() }),
    start,
    defaultTimeoutMs,
  });
  return { lane, start };
}

function syncError(fn: () => unknown): ExecutionError {
  try {
    fn();
  } catch (error) {
    if (isExecutionError(error)) return error;
    throw error;
  }
  throw new Error('expected a synchronous throw');
}

async function collect(execution: AsyncIterable<ExecutionEvent>) {
  const events: ExecutionEvent[] = [];
  for await (const event of execution) events.push(event);
  return events;
}

describe('startExecution: bad input', () => {
  it.each([
    [{ timeoutMs: -1 }, 'timeoutMs', '-1 (number)'],
    [{ timeoutMs: 1.5 }, 'timeoutMs', '1.5 (number)'],
    [{ timeoutMs: '5' }, 'timeoutMs', '"5" (string)'],
    [{ eventQueueCapacity: 0 }, 'eventQueueCapacity', '0 (number)'],
    [{ abortGraceMs: Number.NaN }, 'abortGraceMs', 'NaN (number)'],
    [{ signal: {} }, 'signal', 'an object'],
    [{ deadline: '2026-01-01T00:00:00' }, 'deadline', '"2026-01-01T00:00:00" (string)'],
    [{ ref: '' }, 'ref', '"" (string)'],
    [{ timeout: 5 }, 'timeout', 'an unknown option key'],
  ])(
    'rejects %o synchronously with INVALID_OPTIONS before the lane starts',
    async (options, option, received) => {
      const { lane, start } = recordingLane();
      const error = syncError(() => startExecution(lane, { n: 1 }, options as never));
      expect(error.code).toBe('INVALID_OPTIONS');
      expect(error.message).toContain(`\`${option}\``);
      expect(error.message).toContain(received);
      await Promise.resolve();
      expect(start).not.toHaveBeenCalled();
    },
  );

  it('rejects an invalid payload with INVALID_OPTIONS naming the field', () => {
    const { lane, start } = recordingLane();
    const error = syncError(() => startExecution(lane, { n: 'one' }));
    expect(error.message).toBe(
      'Invalid option `n` for recording lane payload: expected number, got "one" (string)',
    );
    expect(start).not.toHaveBeenCalled();
  });
});

describe('startExecution: timeouts and abort', () => {
  it('never starts the lane for a signal that is already aborted', async () => {
    const { lane, start } = recordingLane();
    const outcome = await startExecution(lane, { n: 1 }, { signal: AbortSignal.abort('too late') }).result;
    expect(outcome.status).toBe('cancelled');
    expect(outcome.failure?.reason).toContain('too late');
    expect(start).not.toHaveBeenCalled();
  });

  it('never starts the lane when cancelled before its first microtask', async () => {
    const { lane, start } = recordingLane();
    const execution = startExecution(lane, { n: 1 });
    const outcome = await execution.cancel('changed my mind');
    expect(outcome.status).toBe('cancelled');
    expect(start).not.toHaveBeenCalled();
  });

  it('times out at once for a deadline in the past (the reference ignored it)', async () => {
    const { lane, start } = recordingLane();
    const outcome = await startExecution(lane, { n: 1 }, { deadline: Date.now() - 1_000 }).result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure?.failure_class).toBe('timeout');
    expect(start).not.toHaveBeenCalled();
  });

  it('uses the smallest of timeoutMs and the deadline', async () => {
    const execution = startExecution(
      memoryLane,
      { hang: true },
      { timeoutMs: 10_000, deadline: new Date(Date.now() + 80) },
    );
    const events = await collect(execution);
    const started = events[0]?.payload as { timeout_ms: number };
    expect(started.timeout_ms).toBeGreaterThan(40);
    expect(started.timeout_ms).toBeLessThanOrEqual(80);
    expect((await execution.result).status).toBe('timed_out');
  });

  it("applies the lane's default timeout, and none when timeoutMs is null", async () => {
    const { lane } = recordingLane(1_234);
    const [started] = await collect(startExecution(lane, { n: 1 }));
    expect(started?.payload).toMatchObject({ timeout_ms: 1_234 });
    const [none] = await collect(startExecution(lane, { n: 1 }, { timeoutMs: null }));
    expect(none?.payload).toMatchObject({ timeout_ms: null, deadline_at: null });
    const [session] = await collect(startExecution(recordingLane(null).lane, { n: 1 }));
    expect(session?.payload).toMatchObject({ timeout_ms: null });
    const [fallback] = await collect(startExecution(recordingLane().lane, { n: 1 }));
    expect(fallback?.payload).toMatchObject({ timeout_ms: 30_000 });
  });

  it('settles without an unresponsive lane after the abort grace', async () => {
    const execution = startExecution(
      memoryLane,
      { hang: true, ignoreAbort: true },
      { timeoutMs: 20, abortGraceMs: 50 },
    );
    const outcome = await execution.result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure?.details).toMatchObject({ lane_unresponsive: true, abort_grace_ms: 50 });
    expect(outcome.metrics.duration_ms).toBeGreaterThanOrEqual(60);
  });

  it('leaks no listener on one AbortSignal shared by 10 000 executions', async () => {
    const controller = new AbortController();
    const executions = Array.from({ length: 10_000 }, () =>
      startExecution(memoryLane, { output: 1 }, { signal: controller.signal }),
    );
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    const outcomes = await Promise.all(executions.map((e) => e.result));
    expect(outcomes.every((o) => o.status === 'succeeded')).toBe(true);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('cancels every execution sharing a signal with one abort', async () => {
    const controller = new AbortController();
    const executions = Array.from({ length: 100 }, () =>
      startExecution(memoryLane, { hang: true }, { signal: controller.signal }),
    );
    controller.abort();
    const outcomes = await Promise.all(executions.map((e) => e.result));
    expect(new Set(outcomes.map((o) => o.status))).toEqual(new Set(['cancelled']));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('LaneContext: onAbort and the lazily made signal', () => {
  // A lane that parks until aborted, exposing its context to the test.
  function parkedLane() {
    const seen: { ctx?: import('../../src/core/lane.js').LaneContext } = {};
    const lane = defineLane({
      id: 'parked',
      input: z.null(),
      start: (_input: null, ctx) => {
        seen.ctx = ctx;
        return new Promise<{ output: string }>((resolve) =>
          ctx.onAbort(() => resolve({ output: 'stopped' })),
        );
      },
    });
    return { lane, seen };
  }

  it('calls every listener once with the ExecutionError, and not after unsubscribing', async () => {
    const { lane, seen } = parkedLane();
    const execution = startExecution(lane, null);
    await vi.waitFor(() => expect(seen.ctx).toBeDefined());
    const ctx = seen.ctx!;
    const first = vi.fn();
    const dropped = vi.fn();
    ctx.onAbort(first);
    ctx.onAbort(dropped)();
    const outcome = await execution.cancel('enough');
    expect(outcome.status).toBe('cancelled');
    expect(first).toHaveBeenCalledTimes(1);
    expect(first.mock.calls[0]?.[0]).toMatchObject({ code: 'CANCELLED', message: 'enough' });
    expect(dropped).not.toHaveBeenCalled();
    // Already aborted: a listener runs at once, and a signal read now is aborted with the reason.
    const late = vi.fn();
    ctx.onAbort(late);
    expect(late).toHaveBeenCalledWith(first.mock.calls[0]?.[0]);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe(first.mock.calls[0]?.[0]);
  });

  it('aborts a signal read before the abort, and a throwing listener does not stop the others', async () => {
    const { lane, seen } = parkedLane();
    const execution = startExecution(lane, null, { timeoutMs: 400 });
    await vi.waitFor(() => expect(seen.ctx).toBeDefined());
    const signal = seen.ctx!.signal;
    expect(signal.aborted).toBe(false);
    const after = vi.fn();
    seen.ctx!.onAbort(() => {
      throw new Error('listener bug');
    });
    seen.ctx!.onAbort(after);
    // The throw is reported from a microtask (as an AbortSignal's listener's would be): recorded here.
    const real = globalThis.queueMicrotask;
    const reported: unknown[] = [];
    const spy = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((fn) =>
      real(() => {
        try {
          fn();
        } catch (error) {
          reported.push(error);
        }
      }),
    );
    try {
      expect((await execution.result).status).toBe('timed_out');
    } finally {
      spy.mockRestore();
    }
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toMatchObject({ code: 'TIMEOUT' });
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([expect.objectContaining({ message: 'listener bug' })]);
  });
});

describe('startExecution: outcomes', () => {
  it('classifies a thrown ExecutionError by its failure class', async () => {
    const lane = defineLane({
      id: 'thrower',
      input: z.unknown(),
      start: async () => {
        throw new ExecutionError('FRAMING_ERROR', 'bad frame', {
          failureClass: 'protocol_framing_failed',
          details: { offset: 3 },
        });
      },
    });
    const outcome = await startExecution(lane, null).result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      reason: 'bad frame',
      retryable: false,
      details: { offset: 3 },
    });
  });

  it('treats any other throw as a transport failure and never rejects result', async () => {
    const lane = defineLane({
      id: 'buggy',
      input: z.unknown(),
      start: async () => {
        throw new TypeError('cannot read x');
      },
    });
    const execution = startExecution(lane, null);
    const outcome = await execution.result;
    expect(outcome.failure).toMatchObject({ failure_class: 'transport_failed', reason: 'cannot read x' });
    await expect(execution.output()).rejects.toMatchObject({
      code: 'EXECUTION_FAILED',
      failureClass: 'transport_failed',
    });
  });

  it('records a failed fact without a failure class, keeping the output', async () => {
    const lane = defineLane({
      id: 'exit',
      input: z.unknown(),
      start: async () => ({
        status: 'failed' as const,
        output: { exit_code: 3 },
        metrics: { bytes_read: 7 },
      }),
    });
    const execution = startExecution(lane, null);
    const outcome = await execution.result;
    expect(outcome).toMatchObject({ status: 'failed', failure: null, output: { exit_code: 3 } });
    expect(outcome.metrics.bytes_read).toBe(7);
    const error = await execution.output().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EXECUTION_FAILED', details: { outcome } });
  });

  it('maps timeout and cancellation failures reported by a lane to their statuses', async () => {
    const timedOut = await startExecution(memoryLane, {
      failure: { failure_class: 'timeout', reason: 'headers timeout' },
    }).result;
    expect(timedOut.status).toBe('timed_out');
    const cancelled = await startExecution(memoryLane, { failure: { failure_class: 'cancellation' } }).result;
    expect(cancelled.status).toBe('cancelled');
  });

  it('is not a thenable and ignores emits after it settled', async () => {
    let late: (() => unknown) | undefined;
    const lane = defineLane({
      id: 'late',
      input: z.unknown(),
      start: async (_payload, { emit }) => {
        late = () => emit('late.event', 1);
        return { output: 'ok' };
      },
    });
    const execution = startExecution(lane, null);
    expect('then' in execution).toBe(false);
    await execution.result;
    expect(late?.()).toBeUndefined();
    const events = await collect(execution);
    expect(events.map((e) => e.event_type)).toEqual(['execution.started', 'execution.completed']);
  });

  it('uses a caller-supplied ref for the execution and its event ids', async () => {
    const execution = startExecution(
      memoryLane,
      { events: [{ type: 'memory.note' }] },
      { ref: 'exec-admitted-7' },
    );
    const events = await collect(execution);
    expect(execution.ref).toBe('exec-admitted-7');
    expect(events.map((e) => e.event_id)).toEqual([
      'exec-admitted-7:0',
      'exec-admitted-7:1',
      'exec-admitted-7:2',
    ]);
  });
});

describe('iteration', () => {
  it('can iterate again after a finished iteration, and after break', async () => {
    const execution = startExecution(memoryLane, {
      events: [{ type: 'memory.note', repeat: 3, delayMs: 5 }],
    });
    for await (const event of execution) if (event.seq === 1) break;
    const rest = await collect(execution);
    expect(rest.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(await collect(execution)).toEqual([]);
  });

  it('ends an iteration that waits for the next event when the execution completes', async () => {
    const execution = startExecution(memoryLane, { hang: true });
    const events = collect(execution);
    await new Promise((r) => setTimeout(r, 10));
    await execution.cancel();
    expect((await events).map((e) => e.event_type)).toEqual(['execution.started', 'execution.completed']);
    expect(await collect(execution)).toEqual([]);
  });
});

describe('batches()', () => {
  it('yields every event once, in order, in arrays of at most max', async () => {
    const execution = startExecution(memoryLane, { events: [{ type: 'memory.tick', repeat: 500 }] });
    const sizes: number[] = [];
    const seqs: number[] = [];
    for await (const batch of execution.batches({ max: 64 })) {
      sizes.push(batch.length);
      for (const event of batch) seqs.push(event.seq);
    }
    expect(seqs).toEqual(Array.from({ length: 502 }, (_, i) => i));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
    expect(sizes.length).toBeLessThan(502);
  });

  it('applies backpressure, shares the one-consumer rule and rejects a bad max', async () => {
    const execution = startExecution(
      memoryLane,
      { events: [{ type: 'memory.tick', repeat: 1_000 }] },
      { eventQueueCapacity: 8 },
    );
    const iterator = execution.batches()[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    expect(() => execution[Symbol.asyncIterator]()).toThrow(/already being iterated/);
    await new Promise((r) => setTimeout(r, 50));
    expect(execution.status).toBe('running');
    await iterator.return?.();
    expect((await execution.result).status).toBe('succeeded');
    expect(() => execution.batches({ max: 0 })).toThrow(/`max`/);
  });
});
