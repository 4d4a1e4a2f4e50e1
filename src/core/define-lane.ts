import type { ZodMiniType } from 'zod/mini';
import type { EventPayloadMap } from './event.js';
import type { Lane, LaneCapabilities, LaneContext, LaneResult } from './lane.js';
import { parseOptions } from './parse-options.js';

/** What {@link defineLane} needs; `validate` is derived from the schema. */
export interface LaneSpec<P, O, E extends EventPayloadMap> {
  readonly id: string;
  readonly capabilities?: Partial<Omit<LaneCapabilities, 'lane_id'>> | undefined;
  readonly payloadSchema: ZodMiniType<P>;
  readonly start: (payload: P, context: LaneContext<E>) => Promise<LaneResult<O>>;
  readonly defaultTimeoutMs?: number | null | undefined;
}

/**
 * Builds a {@link Lane} whose `validate` runs the payload schema through the options funnel, so
 * bad input fails with `INVALID_OPTIONS` naming the field before any I/O.
 *
 * @example
 * const echoLane = defineLane({ id: 'echo', payloadSchema: z.string(), start: async (text) => ({ output: text }) });
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
  return {
    id: spec.id,
    capabilities,
    payloadSchema: spec.payloadSchema,
    validate: (input) => parseOptions(spec.payloadSchema, input, `${spec.id} lane payload`),
    start: spec.start,
    defaultTimeoutMs: spec.defaultTimeoutMs,
  };
}
