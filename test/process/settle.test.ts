import { describe, expect, it } from 'vitest';
import { spawn } from '../../src/process/index.js';
import { markerPerTest, survivors } from './support/survivors.js';

const newMarker = markerPerTest();

// The leader starts an escaped writer that inherits stdout and floods it, then exits 0. `yes`
// with a marker argument is the writer; `(setsid … &)` puts it in a new session whose parent is
// gone, so only a cgroup can still reach it.
function leaderWithEscapedWriter(marker: string): [string, string[]] {
  return ['sh', ['-c', `(setsid yes ${marker} &); sleep 0.2; exit 0`]];
}

async function readSlowly(session: AsyncIterable<unknown>): Promise<number> {
  let events = 0;
  for await (const _ of session) {
    events++;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return events;
}

describe('an execution whose leader exits while an escaped descendant keeps writing', () => {
  it.each(['cgroup', 'process-tree'] as const)(
    'settles on the leader exit 0 within a bounded drain, for a slow consumer (%s)',
    async (containment) => {
      const marker = newMarker();
      const [command, args] = leaderWithEscapedWriter(marker);
      const started = Date.now();
      const session = spawn(command, args, { containment });
      const reading = readSlowly(session);
      const outcome = await session.result;
      const took = Date.now() - started;
      await reading;
      expect(outcome.status).toBe('succeeded');
      expect(outcome.output?.exit_code).toBe(0);
      expect(took).toBeLessThan(5_000);
      // A cgroup ends the writer with the leader; the walk cannot reach it, so it only loses its pipe.
      if (containment === 'cgroup') expect(await survivors(marker)).toBe(0);
    },
  );

  it('a cancel after the leader exited does not turn its exit into cancelled', async () => {
    const marker = newMarker();
    const [command, args] = leaderWithEscapedWriter(marker);
    const session = spawn(command, args, { containment: 'process-tree' });
    const reading = readSlowly(session);
    // Long after the leader's exit (0.2 s) and the drain: the outcome is already the exit.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const outcome = await session.cancel();
    await reading;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output?.exit_code).toBe(0);
  });
});
