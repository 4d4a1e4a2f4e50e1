import type { ExecutionEvent } from '../../src/core/index.js';

/** Drains an execution's events. */
export async function collect(execution: AsyncIterable<ExecutionEvent>): Promise<ExecutionEvent[]> {
  const events: ExecutionEvent[] = [];
  for await (const event of execution) events.push(event);
  return events;
}

/** Event types in order, without the core start/completion events. */
export function laneTypes(events: readonly ExecutionEvent[]): string[] {
  return events.map((e) => e.event_type).filter((t) => !t.startsWith('execution.'));
}

/** TCP handles alive in this process (client and server side). */
export function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** Polls `condition` every 10 ms for at most `ms`; resolves whether it became true. */
export async function waitFor(condition: () => boolean, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
