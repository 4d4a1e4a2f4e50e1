import { describe, expect, it } from 'vitest';
import type { AuthorityVerifier } from '../../src/core/contracts/boundary/boundary-interfaces.js';
import { governedRequest, registeredNode } from './fakes.js';

const sleepPayload = (ms: number) => ({
  events: [{ type: 'memory.tick', delayMs: ms }],
  output: { slept: ms },
});

describe('concurrency', () => {
  it('runs 1 000 executions of 100 ms at once, far faster than one after another (100 s)', async () => {
    const { node, sink } = await registeredNode();
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 1_000 }, () => node.execute(governedRequest({ payload: sleepPayload(100) }))),
    );
    const elapsed = performance.now() - started;
    expect(results.every((r) => r.status === 'succeeded')).toBe(true);
    expect(new Set(results.map((r) => r.execution_ref)).size).toBe(1_000);
    expect(elapsed).toBeLessThan(10_000);
    expect(sink.records).toHaveLength(4_000);
    expect(node.stats()).toMatchObject({ in_flight: 0, finished_retained: 1_000, admitted: 1_000 });
  });

  it('a slow lane blocks neither admission, describe, nor other executions', async () => {
    const { node } = await registeredNode();
    const slow = node.execute(governedRequest({ payload: { hang: true } }));
    const fast = await node.execute(governedRequest({ payload: { output: 'fast' } }));
    expect(fast.output).toBe('fast');
    expect((await node.admit(governedRequest())).ok).toBe(true);
    expect((await node.describe()).node_id).toBe('node-test');
    expect(node.stats().in_flight).toBe(1);
    await node.close();
    expect((await slow).status).toBe('cancelled');
  });

  it('a slow authority verifier delays only the requests it is verifying', async () => {
    const { node } = await registeredNode();
    let release!: () => void;
    const slowAuthority: AuthorityVerifier = {
      verifierId: 'slow-authority',
      verify: (ref) =>
        ref.ref === 'slow'
          ? new Promise((resolve) => {
              release = () => resolve({ ok: true, claims: {} });
            })
          : { ok: true, claims: {} },
    };
    node.registerAuthorityVerifier(slowAuthority);
    const waiting = node.execute(governedRequest({ authority_ref: { ref: 'slow' } }));
    expect((await node.execute(governedRequest())).status).toBe('succeeded');
    release();
    expect((await waiting).status).toBe('succeeded');
  });

  it('cancels an execution in flight: it ends cancelled, with evidence started → cancelled → completed', async () => {
    const { node, sink } = await registeredNode();
    const stream = await node.stream(governedRequest({ payload: { hang: true } }));
    if (!stream.ok) throw new Error('expected a stream');
    const ref = stream.events.executionRef;
    const execute = node.execute(governedRequest({ payload: { hang: true } }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const executing = node.stats().in_flight;
    const refs = sink.records
      .filter((r) => r.evidence_type === 'execution.started')
      .map((r) => r.execution_ref);
    const executeRef = refs.find((r) => r !== ref) as string;
    expect(await node.cancel(executeRef)).toEqual({ ok: true, cancelled: true });
    const result = await execute;
    expect(executing).toBe(2);
    expect(result.status).toBe('cancelled');
    expect((result.error as { failure_class: string; reason: string }).failure_class).toBe('cancellation');
    expect(sink.records.filter((r) => r.execution_ref === executeRef).map((r) => r.evidence_type)).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.cancelled',
      'execution.completed',
    ]);
    // Cancel is idempotent: a second one reports the execution already finished.
    expect(await node.cancel(executeRef)).toEqual({ ok: true, cancelled: false });
    expect(await node.cancel({ contract_version: 1, ref })).toEqual({ ok: true, cancelled: true });
    expect((await stream.events.result).status).toBe('cancelled');
    expect(node.stats().in_flight).toBe(0);
  });

  it("the caller's signal cancels through the node", async () => {
    const { node } = await registeredNode();
    const controller = new AbortController();
    const running = node.execute(governedRequest({ payload: { hang: true } }), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const result = await running;
    expect(result.status).toBe('cancelled');
  });

  it('an already-aborted signal cancels the execution before its lane runs', async () => {
    const { node } = await registeredNode();
    const result = await node.execute(governedRequest({ payload: { hang: true } }), {
      signal: AbortSignal.abort('too late'),
    });
    expect(result.status).toBe('cancelled');
  });

  it('carries the caller timeout to the target: the execution times out', async () => {
    const { node, sink } = await registeredNode();
    const result = await node.execute(governedRequest({ payload: { hang: true } }), { timeoutMs: 30 });
    expect(result.status).toBe('timed_out');
    const started = sink.records.find((r) => r.evidence_type === 'execution.started');
    expect(started?.payload).toMatchObject({ timeout_ms: 30 });
  });

  it('keeps a bounded table of finished executions', async () => {
    const { node } = await registeredNode({ retainFinished: 2 });
    const refs: string[] = [];
    for (let i = 0; i < 3; i++) refs.push((await node.execute(governedRequest())).execution_ref as string);
    expect(node.stats().finished_retained).toBe(2);
    const forgotten = await node.cancel(refs[0] as string);
    expect(!forgotten.ok && forgotten.rejection.reason).toBe('unknown_execution_ref');
    expect(await node.cancel(refs[2] as string)).toEqual({ ok: true, cancelled: false });
  });

  it('close() cancels everything in flight, waits for it, and is idempotent', async () => {
    const { node, sink } = await registeredNode();
    const running = Array.from({ length: 20 }, () =>
      node.execute(governedRequest({ payload: { hang: true } })),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    await Promise.all([node.close(), node.close()]);
    expect(node.stats().in_flight).toBe(0);
    const results = await Promise.all(running);
    expect(results.every((r) => r.status === 'cancelled')).toBe(true);
    expect(sink.types().filter((t) => t === 'execution.completed')).toHaveLength(20);
  });
});
