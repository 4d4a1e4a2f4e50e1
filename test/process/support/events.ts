import type { ExecutionEvent } from '../../../src/core/index.js';

/** Output lines of one stream, from `process.output` events in `lines` framing. */
export function linesOf(events: readonly ExecutionEvent[], stream = 'stdout'): string[] {
  const lines: string[] = [];
  for (const event of events) {
    const payload = event.payload as { stream?: string; lines?: string[] };
    if (event.event_type === 'process.output' && payload.stream === stream && payload.lines) {
      lines.push(...payload.lines);
    }
  }
  return lines;
}

/** Every event of an execution. */
export async function collect(execution: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const event of execution) events.push(event);
  return events;
}

/**
 * Reads stdout lines until `done(lines)` is true, then stops iterating (the execution keeps
 * running). Throws if the execution ends first.
 */
export async function readLinesUntil(
  execution: AsyncIterable<ExecutionEvent>,
  done: (lines: string[]) => boolean,
): Promise<string[]> {
  const lines: string[] = [];
  for await (const event of execution) {
    const payload = event.payload as { stream?: string; lines?: string[] };
    if (event.event_type === 'process.output' && payload.stream === 'stdout' && payload.lines) {
      lines.push(...payload.lines);
      if (done(lines)) return lines;
    }
  }
  throw new Error(`execution ended before the expected output; got ${JSON.stringify(lines)}`);
}
