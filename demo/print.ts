import type { ExecutionEvent, ExecutionOutcome } from 'execution-plane/core';

const LINE = 110;
const STRING_INLINE = 72;
const STRING_BLOCK = 240;
const BLOCK_LINES = 24;

/** A string cut at a word or line boundary, never inside a value, with how much was left out. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const boundary = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'), head.lastIndexOf(','));
  const kept = boundary > max / 2 ? head.slice(0, boundary) : head;
  return `${kept}… (+${text.length - kept.length} chars)`;
}

/** One value on one line: short values whole, long strings cut at a boundary, nesting summarised. */
function inline(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(cut(value, STRING_INLINE));
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) {
    const items = depth > 1 ? [] : value.slice(0, 3).map((v) => inline(v, depth + 1));
    return `[${items.join(', ')}${value.length > items.length ? `${items.length ? ', ' : ''}…${value.length} items` : ''}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (depth > 1) return `{…${entries.length} keys}`;
  return `{ ${entries.map(([k, v]) => `${k}: ${inline(v, depth + 1)}`).join(', ')} }`;
}

/** Prints one event as `seq  type  payload`, the payload summarised so no value is cut in the middle. */
export function printEvent(event: ExecutionEvent): void {
  if (event.event_type === 'execution.completed') return;
  let text = inline(event.payload);
  if (text.length > LINE) text = `${text.slice(0, text.lastIndexOf(',', LINE) + 1 || LINE)} …`;
  console.log(`  ${String(event.seq).padStart(3)}  ${event.event_type.padEnd(24)} ${text}`);
}

/** A value as indented JSON, long strings cut at a boundary, at most {@link BLOCK_LINES} lines. */
export function block(value: unknown, indent = '      '): string {
  const json = JSON.stringify(
    value,
    (_key, v: unknown) =>
      typeof v === 'string' ? cut(v, STRING_BLOCK) : v instanceof Uint8Array ? `<${v.length} bytes>` : v,
    2,
  );
  const lines = (json ?? 'null').split('\n');
  const shown = lines.slice(0, BLOCK_LINES);
  if (lines.length > BLOCK_LINES) shown.push(`… (+${lines.length - BLOCK_LINES} more lines)`);
  return shown.map((line) => indent + line).join('\n');
}

/** Prints an outcome: status, failure (code, class, reason), duration, then the lane's output. */
export function printOutcome(outcome: ExecutionOutcome): void {
  const failure = outcome.failure
    ? ` ${outcome.failure.code} (${outcome.failure.failure_class}): ${outcome.failure.reason}`
    : '';
  console.log(
    `  → ${outcome.status}${failure} in ${outcome.metrics.duration_ms} ms (${outcome.execution_ref})`,
  );
  if (outcome.output !== null) console.log(`    output:\n${block(outcome.output)}`);
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
