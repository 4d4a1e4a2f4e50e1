import { createMemoryLane, type Lane, type MemoryScript } from '../../../src/core/index.js';

/** A memory lane that records every payload it is started with (a recorder, not a mock). */
export function recordingLane(id: string): { lane: Lane<MemoryScript>; starts: MemoryScript[] } {
  const memory = createMemoryLane({ id });
  const starts: MemoryScript[] = [];
  const lane: Lane<MemoryScript> = {
    ...memory,
    start: (payload, context) => {
      starts.push(payload);
      return memory.start(payload, context);
    },
  };
  return { lane, starts };
}
