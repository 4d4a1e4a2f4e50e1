import * as z from 'zod/mini';
import { sleep } from '../internal/sleep.js';
import { defineLane } from './define-lane.js';
import { FAILURE_CLASSES } from './failure-class.js';
import type { Lane } from './lane.js';

const ScriptedEventSchema = z.strictObject({
  /** Namespaced event type, e.g. `memory.note` or `process.output` when standing in for a lane. */
  type: z.string().check(z.regex(/^(?!execution\.)[a-z0-9_-]+(\.[a-z0-9_-]+)+$/)),
  payload: z.optional(z.unknown()),
  /** Wait this long before emitting. */
  delayMs: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(60_000))),
  /** Emit this many copies (floods for backpressure tests). */
  repeat: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(10_000_000))),
});

/** A memory lane script: events to emit, then how to end. */
export const MemoryScriptSchema = z.strictObject({
  events: z._default(z.array(ScriptedEventSchema).check(z.maxLength(100_000)), []),
  /** Output to resolve with. */
  output: z.optional(z.unknown()),
  /** End as a failure of this class. */
  failure: z.optional(
    z.strictObject({
      failure_class: z.enum(FAILURE_CLASSES),
      reason: z.optional(z.string()),
      details: z.optional(z.record(z.string(), z.unknown())),
    }),
  ),
  /** After the events, wait until cancelled or timed out. */
  hang: z._default(z.boolean(), false),
  /** Ignore the abort signal entirely (to exercise core's abort grace). */
  ignoreAbort: z._default(z.boolean(), false),
});

/** Validated memory lane script. */
export type MemoryScript = z.infer<typeof MemoryScriptSchema>;

/** Event payloads of the memory lane: any scripted type, with its scripted payload. */
export type MemoryLaneEvents = Record<string, unknown>;

/**
 * Creates an in-memory lane that plays a script: it emits the scripted events (honouring
 * backpressure and the abort signal) and ends with the scripted output or failure. It is the
 * reference implementation of the Lane contract and a deterministic test double.
 *
 * @example
 * const lane = createMemoryLane({ id: 'process' });
 * const execution = startExecution(lane, { events: [{ type: 'process.output', payload: 'hi' }], output: { exit_code: 0 } });
 */
export function createMemoryLane(
  options: { id?: string } = {},
): Lane<MemoryScript, unknown, MemoryLaneEvents> {
  return defineLane<MemoryScript, unknown, MemoryLaneEvents>({
    id: options.id ?? 'memory',
    capabilities: { protocols: ['memory'], surfaces: ['in_process'] },
    input: MemoryScriptSchema,
    start: async (script, { signal, emit }) => {
      const watch = script.ignoreAbort ? undefined : signal;
      for (const event of script.events) {
        for (let i = 0; i < (event.repeat ?? 1); i++) {
          if (watch?.aborted) return { output: script.output };
          if (event.delayMs) await sleep(event.delayMs, watch);
          const wait = emit(event.type, event.payload ?? null);
          if (wait) await wait;
        }
      }
      if (script.hang && !watch?.aborted) {
        await new Promise<void>((resolve) =>
          watch?.addEventListener('abort', () => resolve(), { once: true }),
        );
      }
      return { output: script.output, failure: script.failure };
    },
  });
}

/** The default in-memory lane (`id: 'memory'`). */
export const memoryLane: Lane<MemoryScript, unknown, MemoryLaneEvents> = /* @__PURE__ */ createMemoryLane();
