import type { ExecutionEvent, ExecutionOutcome } from 'execution-plane/core';

const MAX = 100;

/** Prints one event as `seq  type  payload` on one line, the payload cut to 100 characters. */
export function printEvent(event: ExecutionEvent): void {
  if (event.event_type === 'execution.completed') return;
  const payload = JSON.stringify(event.payload) ?? '';
  const cut = payload.length > MAX ? `${payload.slice(0, MAX)}…` : payload;
  console.log(`  ${String(event.seq).padStart(3)}  ${event.event_type.padEnd(24)} ${cut}`);
}

/** Prints an outcome's status, failure and duration. */
export function printOutcome(outcome: ExecutionOutcome): void {
  const failure = outcome.failure ? ` ${outcome.failure.failure_class}: ${outcome.failure.reason}` : '';
  console.log(
    `  → ${outcome.status}${failure} in ${outcome.metrics.duration_ms} ms (${outcome.execution_ref})`,
  );
}

/** Iterates an execution, printing every event, then prints its outcome. */
export async function show(
  execution: AsyncIterable<ExecutionEvent> & { result: Promise<ExecutionOutcome> },
): Promise<ExecutionOutcome> {
  for await (const event of execution) printEvent(event);
  const outcome = await execution.result;
  printOutcome(outcome);
  return outcome;
}
