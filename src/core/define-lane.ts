import type { ZodMiniType } from 'zod/mini';
import type { EventPayloadMap } from './event.js';
import type { ExecutionOptions } from './execution-options.js';
import type { Lane, LaneCapabilities, LaneContext, LaneResult } from './lane.js';
import { parseOptions } from './parse-options.js';

/** What {@link defineLane} needs: `plan` is derived from the `input` schema. */
export interface LaneSpec<P, O, E extends EventPayloadMap> {
  /** The lane id. */
  readonly id: string;
  /** Capabilities beyond the defaults (`protocols: [id]`, execute and stream supported). */
  readonly capabilities?: Partial<Omit<LaneCapabilities, 'lane_id'>> | undefined;
  /** zod schema (from `zod/mini`) that turns input into the plan, defaults included. */
  readonly input: ZodMiniType<P>;
  /** See {@link Lane.start}. */
  readonly start: (plan: P, context: LaneContext<E>) => Promise<LaneResult<O>>;
  /** See {@link Lane.executionDefaults}. */
  readonly executionDefaults?: ((plan: P) => ExecutionOptions) | undefined;
  /** See {@link Lane.defaultTimeoutMs}. */
  readonly defaultTimeoutMs?: number | null | undefined;
}

/**
 * Builds a {@link Lane} whose `plan` runs the input schema through the options funnel, so bad
 * input fails with `INVALID_OPTIONS` naming the field before any I/O.
 *
 * @example
 * const echoLane = defineLane({ id: 'echo', input: z.string(), start: async (text) => ({ output: text }) });
 */
export function defineLane<P, O, E extends EventPayloadMap = Record<string, unknown>>(
  spec: LaneSpec<P, O, E>,
): Lane<P, O, E> {
  const capabilities: LaneCapabilities = {
    protocols: [spec.id],
    surfaces: [],
    supports_execute: true,
    supports_stream: true,
    metadata: {},
    ...spec.capabilities,
    lane_id: spec.id,
  };
  const lane: Lane<P, O, E> = {
    id: spec.id,
    capabilities,
    plan: (input, entry) => parseOptions(spec.input, input, entry ?? `${spec.id} lane payload`),
    start: spec.start,
    defaultTimeoutMs: spec.defaultTimeoutMs,
  };
  return spec.executionDefaults ? { ...lane, executionDefaults: spec.executionDefaults } : lane;
}
