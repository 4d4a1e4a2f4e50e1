/**
 * The node's own way into a local target (`executeInProcess` in `src/node/dispatch.ts`): it must
 * answer exactly as the `TargetClient` round through `LocalTargetClient.execute` does — results,
 * cancels, signals, timeouts, refusals — while holding the execution itself.
 */
import { describe, expect, it } from 'vitest';
import type { ExecutionRequest } from '../../src/core/contracts/boundary/execution-request.js';
import type { ExecutionResult } from '../../src/core/contracts/boundary/execution-result.js';
import { createNode } from '../../src/node/create-node.js';
import { LocalTargetClient } from '../../src/node/local-target-client.js';
import type { RuntimeNode } from '../../src/node/runtime-node.js';
import {
  fakeLane,
  governedRequest,
  RecordingSink,
  stubAttestation,
  TestAuthority,
  TestTargetVerifier,
} from './fakes.js';

// Overrides `execute`, so the node calls it like any target (the generic path).
class RoundTripClient extends LocalTargetClient {
  calls = 0;
  seen: ExecutionRequest[] = [];
  override execute(request: ExecutionRequest, options?: Parameters<LocalTargetClient['execute']>[1]) {
    this.calls++;
    this.seen.push(request);
    return super.execute(request, options);
  }
}

async function nodeWith(client: LocalTargetClient): Promise<{ node: RuntimeNode; sink: RecordingSink }> {
  const node = createNode({ nodeId: 'in-process' });
  const sink = new RecordingSink();
  node.registerLane(fakeLane());
  node.registerTargetVerifier(new TestTargetVerifier());
  node.registerAuthorityVerifier(new TestAuthority());
  node.registerEvidenceSink(sink);
  await node.connectTarget(stubAttestation(), client);
  node.completeRegistration();
  return { node, sink };
}

const VARYING = new Set([
  'execution_ref',
  'event_id',
  'evidence_id',
  'request_id',
  'emitted_at',
  'started_at',
  'finished_at',
  'duration_ms',
  'deadline_at',
]);
// What differs between any two runs (refs, clocks) is dropped; everything else must match.
const stable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, item) => (VARYING.has(key) ? undefined : item)));

type Scenario = (node: RuntimeNode) => Promise<ExecutionResult>;
const scenarios: Record<string, Scenario> = {
  succeeds: (node) =>
    node.execute(
      governedRequest({ payload: { output: { ok: 1 }, events: [{ type: 'memory.note', payload: 'x' }] } }),
    ),
  fails: (node) =>
    node.execute(
      governedRequest({ payload: { failure: { failure_class: 'transport_failed', reason: 'down' } } }),
    ),
  'refuses a payload its lane refuses': (node) =>
    node.execute(governedRequest({ payload: { events: 'no' } })),
  'times out': (node) => node.execute(governedRequest({ payload: { hang: true } }), { timeoutMs: 20 }),
  'is cancelled through the node': async (node) => {
    const running = node.execute(governedRequest({ payload: { hang: true } }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const ref = inFlightRef();
    expect(await node.cancel(ref)).toEqual({ ok: true, cancelled: true });
    return running;
  },
  "is cancelled by the caller's signal": async (node) => {
    const controller = new AbortController();
    const running = node.execute(governedRequest({ payload: { hang: true } }), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('caller gave up')), 10);
    return running;
  },
  'is cancelled by an aborted signal before its lane runs': (node) =>
    node.execute(governedRequest({ payload: { hang: true } }), { signal: AbortSignal.abort('too late') }),
  'is cancelled by node.close()': async (node) => {
    const running = node.execute(governedRequest({ payload: { hang: true } }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await node.close();
    return running;
  },
};

// The ref of the one execution in flight, read from the evidence of its start.
let lastSink: RecordingSink | undefined;
function inFlightRef(): string {
  const started = lastSink?.records.findLast((r) => r.evidence_type === 'execution.started');
  return started?.execution_ref as string;
}

describe('in-process dispatch', () => {
  for (const [name, run] of Object.entries(scenarios)) {
    it(`${name}: the same result and evidence as the round through execute()`, async () => {
      const direct = await nodeWith(new LocalTargetClient());
      lastSink = direct.sink;
      const fast = await run(direct.node);
      const client = new RoundTripClient();
      const generic = await nodeWith(client);
      lastSink = generic.sink;
      const slow = await run(generic.node);
      expect(client.calls).toBe(1);
      expect(stable(fast)).toEqual(stable(slow));
      expect(stable(direct.sink.records)).toEqual(stable(generic.sink.records));
      await Promise.all([direct.node.close(), generic.node.close()]);
    });
  }

  it('a cancel that arrives while the start is recorded (a sink calling cancel) still cancels', async () => {
    const { node } = await nodeWith(new LocalTargetClient());
    node.registerEvidenceSink({
      sinkId: 'canceller',
      emit: (record) => {
        if (record.evidence_type === 'execution.started') void node.cancel(record.execution_ref as string);
      },
    });
    const result = await node.execute(governedRequest({ payload: { hang: true } }));
    expect(result.status).toBe('cancelled');
    expect(result.error).toMatchObject({
      failure_class: 'cancellation',
      reason: 'cancelled through the node',
    });
  });

  it('a target receives a frozen provenance and a frozen target descriptor, sinks or none', async () => {
    const client = new RoundTripClient();
    const node = createNode({ nodeId: 'no-sinks' });
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    await node.connectTarget(stubAttestation(), client);
    node.completeRegistration();
    await node.execute(governedRequest({ provenance: { kind: 'node_admitted', details: { a: { b: 1 } } } }));
    const [request] = client.seen;
    expect(Object.isFrozen(request?.provenance)).toBe(true);
    expect(Object.isFrozen(request?.provenance.details.a)).toBe(true);
    expect(Object.isFrozen(request?.target_descriptor)).toBe(true);
    expect(() => {
      (request?.provenance as { owner: unknown }).owner = 'changed';
    }).toThrow(TypeError);
  });

  it('keeps the first maxResultEvents - 1 events and the final execution.completed', async () => {
    const node = createNode({ nodeId: 'capped', maxResultEvents: 3 });
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    await node.connectTarget(stubAttestation());
    node.completeRegistration();
    const notes = Array.from({ length: 10 }, (_, i) => ({ type: 'memory.note', payload: i }));
    const result = await node.execute(governedRequest({ payload: { events: notes, output: 'done' } }));
    const events = result.events as unknown as { event_type: string; seq: number }[];
    expect(events.map((e) => e.event_type)).toEqual([
      'execution.started',
      'memory.note',
      'execution.completed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 11]);
  });

  it("a caller's own LocalTargetClient still lists and cancels what the node runs on it", async () => {
    const client = new LocalTargetClient();
    const { node, sink } = await nodeWith(client);
    const running = node.execute(governedRequest({ payload: { hang: true } }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await client.describe()).toMatchObject({ running: 1 });
    const ref = sink.records.find((r) => r.evidence_type === 'execution.started')?.execution_ref as string;
    expect(await client.cancel({ contract_version: 1, ref } as never)).toEqual({ ok: true, cancelled: true });
    expect((await running).status).toBe('cancelled');
    expect(await client.describe()).toMatchObject({ running: 0 });
  });
});
