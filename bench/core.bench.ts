/** Per-execution overhead of the handle around a no-op lane, and events/s through the handle. */
import { defineLane, memoryLane, startExecution } from 'execution-plane/core';
import * as z from 'zod/mini';
import { type BenchReport, measure } from './report.ts';

const noopLane = defineLane({
  id: 'noop',
  input: z.unknown(),
  start: async () => ({ output: null }),
});
const EVENTS = 100_000;
const burst = { events: [{ type: 'memory.tick', payload: 1, repeat: EVENTS }] };

export async function run(): Promise<BenchReport> {
  const rawCall = await measure(() =>
    noopLane.start(null, {
      ref: 'r',
      signal: new AbortController().signal,
      onAbort: () => () => {},
      deadline: null,
      emit: () => undefined,
    }),
  );
  const handle = await measure(() => startExecution(noopLane, null).result);
  const consumed = await measure(
    async () => {
      for await (const _ of startExecution(memoryLane, burst)) {
        // draining is the work being measured
      }
    },
    3_000,
    EVENTS,
  );
  const unconsumed = await measure(() => startExecution(memoryLane, burst).result, 3_000, EVENTS);
  return {
    title: 'core: execution handle',
    rows: [
      { name: 'raw lane.start call (no handle)', value: rawCall, unit: 'ops/s' },
      {
        name: 'startExecution + result (no-op lane)',
        value: handle,
        unit: 'ops/s',
        baseline: 'raw lane.start call (no handle)',
        note: `${(1e6 / handle).toFixed(2)} µs per execution`,
      },
      { name: 'events through the handle, consumed by for-await', value: consumed, unit: 'events/s' },
      { name: 'events with nobody iterating (bounded retention)', value: unconsumed, unit: 'events/s' },
    ],
  };
}
