import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { ExecutionEvent, ExecutionOptions, FailureClass } from '../../src/core/index.js';
import { isExecutionError } from '../../src/core/index.js';

/** A running execution as the suite sees it (any lane's output and events). */
export interface ContractExecution extends AsyncIterable<ExecutionEvent>, AsyncDisposable {
  readonly ref: string;
  readonly status: string;
  readonly result: Promise<{
    status: string;
    failure: { failure_class: string } | null;
    metrics: { events_emitted: number; events_dropped: number };
    execution_ref: string;
  }>;
  output(): Promise<unknown>;
  cancel(reason?: string): Promise<unknown>;
}

/**
 * How the shared suite drives one lane. Each function starts one real execution of the lane
 * with the given core options merged in.
 */
export interface LaneContractSubject {
  /** Emits at least one lane event, then succeeds. */
  succeed(options: ExecutionOptions): ContractExecution;
  /** Keeps running (without finishing on its own) until cancelled or timed out. */
  hang(options: ExecutionOptions): ContractExecution;
  /**
   * Emits at least `count` lane events as fast as the lane can, then ends. Lanes that cannot
   * stream many events (unary requests) leave it out; the backpressure cases then do not apply.
   */
  flood?(count: number, options: ExecutionOptions): ContractExecution;
  /** Ends as a failure of `failureClass`. */
  fail?: { start(options: ExecutionOptions): ContractExecution; failureClass: FailureClass };
}

async function collect(execution: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const event of execution) events.push(event);
  return events;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The lane contract every lane must pass: ordering, seq, exactly one completion, cancel, dispose,
 * timeout and abort classification, backpressure and bounded retention.
 */
export function describeLaneContract(name: string, subject: LaneContractSubject): void {
  describe(`lane contract: ${name}`, () => {
    it('emits execution.started first and exactly one execution.completed last', async () => {
      const execution = subject.succeed({});
      const events = await collect(execution);
      const outcome = await execution.result;
      expect(events[0]?.event_type).toBe('execution.started');
      expect(events.at(-1)?.event_type).toBe('execution.completed');
      expect(events.filter((e) => e.event_type === 'execution.completed')).toHaveLength(1);
      expect(events.length).toBeGreaterThanOrEqual(3);
      expect((events.at(-1)!.payload as { outcome: unknown }).outcome).toEqual(outcome);
      expect(outcome.status).toBe('succeeded');
      expect(outcome.metrics.events_emitted).toBe(events.length);
    });

    it('numbers events 0..n contiguously with unique ids, the ref and ISO timestamps', async () => {
      const execution = subject.succeed({});
      const events = await collect(execution);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
      expect(new Set(events.map((e) => e.event_id)).size).toBe(events.length);
      for (const event of events) {
        expect(event.contract_version).toBe(1);
        expect(event.execution_ref).toBe(execution.ref);
        expect(Number.isNaN(Date.parse(event.emitted_at))).toBe(false);
        expect(event.emitted_at).toMatch(/Z$/);
      }
    });

    it('cancel is idempotent and ends the execution as cancelled', async () => {
      const execution = subject.hang({});
      await delay(20);
      expect(execution.status).toBe('running');
      const [first, second] = await Promise.all([execution.cancel('first'), execution.cancel('second')]);
      const third = await execution.cancel('third');
      const outcome = await execution.result;
      expect(first).toBe(outcome);
      expect(second).toBe(outcome);
      expect(third).toBe(outcome);
      expect(outcome.status).toBe('cancelled');
      expect(outcome.failure?.failure_class).toBe('cancellation');
    });

    it('await using cancels a running execution on scope exit', async () => {
      let captured: ContractExecution | undefined;
      {
        await using execution = subject.hang({});
        captured = execution;
        await delay(10);
      }
      expect(captured.status).toBe('cancelled');
    });

    it('classifies a timeout as timed_out / timeout', async () => {
      const outcome = await subject.hang({ timeoutMs: 100 }).result;
      expect(outcome.status).toBe('timed_out');
      expect(outcome.failure?.failure_class).toBe('timeout');
    });

    it("classifies the caller's abort as cancelled / cancellation and removes its listener", async () => {
      const controller = new AbortController();
      const execution = subject.hang({ signal: controller.signal });
      await delay(20);
      expect(getEventListeners(controller.signal, 'abort').length).toBe(1);
      controller.abort(new Error('caller gave up'));
      const outcome = await execution.result;
      expect(outcome.status).toBe('cancelled');
      expect(outcome.failure?.failure_class).toBe('cancellation');
      const shared = new AbortController();
      await Promise.all([
        subject.succeed({ signal: shared.signal }).result,
        subject.succeed({ signal: shared.signal }).result,
      ]);
      expect(getEventListeners(shared.signal, 'abort').length).toBe(0);
    });

    it('result never rejects and output() rejects with an ExecutionError on failure', async () => {
      const cancelled = subject.hang({});
      void cancelled.cancel();
      await expect(cancelled.result).resolves.toMatchObject({ status: 'cancelled' });
      const error = await cancelled.output().catch((e: unknown) => e);
      expect(isExecutionError(error)).toBe(true);
      if (subject.fail) {
        const failed = subject.fail.start({});
        const outcome = await failed.result;
        expect(outcome.failure?.failure_class).toBe(subject.fail.failureClass);
        const failure = await failed.output().catch((e: unknown) => e);
        expect(isExecutionError(failure) && failure.failureClass).toBe(subject.fail.failureClass);
      }
    });

    it('allows one iterator at a time', async () => {
      const execution = subject.hang({});
      const iterator = execution[Symbol.asyncIterator]();
      expect(() => execution[Symbol.asyncIterator]()).toThrow(/already being iterated/);
      await iterator.return?.();
      await execution.cancel();
    });

    const { flood } = subject;
    if (flood) {
      it('applies backpressure: a paused consumer holds the lane', async () => {
        const execution = flood(2_000, { eventQueueCapacity: 4 });
        const iterator = execution[Symbol.asyncIterator]();
        await iterator.next();
        await iterator.next();
        await delay(300);
        expect(execution.status).toBe('running');
        const rest: ExecutionEvent[] = [];
        for (let next = await iterator.next(); !next.done; next = await iterator.next())
          rest.push(next.value);
        const outcome = await execution.result;
        expect(rest.at(-1)?.event_type).toBe('execution.completed');
        expect(outcome.metrics.events_dropped).toBe(0);
        expect(rest.map((e) => e.seq)).toEqual(rest.map((_, i) => i + 2));
      });

      it('never blocks when nobody iterates: bounded retention with counted drops', async () => {
        const execution = flood(2_000, { eventQueueCapacity: 4 });
        const outcome = await execution.result;
        expect(outcome.metrics.events_dropped).toBeGreaterThan(0);
        const retained = await collect(execution);
        expect(retained.length).toBeLessThanOrEqual(5);
        expect(retained.at(-1)?.event_type).toBe('execution.completed');
        expect(outcome.metrics.events_emitted - outcome.metrics.events_dropped).toBe(retained.length);
      });
    }
  });
}
