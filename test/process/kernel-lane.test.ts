import { describe, expect, it } from 'vitest';
import { contractFixtures as f } from '../../src/core/contracts/fixtures/contract-fixtures.js';
import { createKernel } from '../../src/core/kernel/kernel.js';
import { processKernelLane } from '../../src/process/index.js';

const kernel = createKernel({ lanes: [processKernelLane] });
// The fixture envelope's deadline is a fixed instant in the past; these run in real time.
const fixture = {
  ...f.processExecutionIntent,
  envelope: { ...f.processExecutionIntent.envelope, deadline_at: null },
};

describe('processKernelLane: V1 intents through the kernel to real processes', () => {
  it('runs the intent and reports the output as the raw payload', async () => {
    const intent = {
      ...fixture,
      command: 'sh',
      argv: ['-c', 'echo "$CODEX_ENV"; pwd; cat; exit 3'],
      cwd: '/tmp',
      stdio_mode: 'pipe',
      stdin: 'from the intent',
    };
    const { ok, events, outcome } = await kernel.execute(intent, f.processExecutionRoute);
    expect(ok).toBe(false);
    expect(events.map((e) => e.event_type)).toEqual(['dispatch.started', 'dispatch.failed']);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toBeNull();
    expect(outcome.raw_payload).toMatchObject({
      stdout: 'test\n/tmp\nfrom the intent',
      exit_code: 3,
      signal: null,
    });
  });

  it('fails a missing command as launch_failed, on a PTY as the fixture asks', async () => {
    const { outcome } = await kernel.execute(fixture, f.processExecutionRoute);
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.failure_class).toBe('launch_failed');
    // The fixture's /tmp/workspace does not exist here; that is checked before the PTY spawn.
    // The V1 wire failure has no code field: the kernel carries the stable code in its details.
    expect(outcome.failure).toMatchObject({ details: { cwd: '/tmp/workspace', code: 'CWD_NOT_FOUND' } });
    expect(outcome.failure?.reason).toContain('Working directory not found');
  });

  it("applies the route's timeout budget and kills the process", async () => {
    const intent = { ...fixture, command: 'sleep', argv: ['30'], stdio_mode: 'pipe', cwd: null };
    const route = { ...f.processExecutionRoute, resolved_budget: { timeout_ms: 300 } };
    const { outcome } = await kernel.execute(intent, route);
    expect(outcome.failure?.failure_class).toBe('timeout');
    expect(outcome.raw_payload).toMatchObject({ signal: 'SIGTERM' });
  });
});
