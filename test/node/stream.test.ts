import { describe, expect, it } from 'vitest';
import type { TargetClient } from '../../src/core/contracts/boundary/boundary-interfaces.js';
import type { ExecutionEvent } from '../../src/core/event.js';
import { createNode } from '../../src/node/index.js';
import { LocalTargetClient } from '../../src/node/local-target-client.js';
import {
  fakeLane,
  governedRequest,
  RecordingSink,
  registeredNode,
  stubAttestation,
  TestAuthority,
  TestTargetVerifier,
} from './fakes.js';

const chunks = (n: number) => ({
  events: [{ type: 'fake.chunk', payload: { n: 1 }, repeat: n }],
  output: { chunks: n },
});

async function streamOf(node: Awaited<ReturnType<typeof registeredNode>>['node'], payload: object) {
  const verdict = await node.stream(governedRequest({ payload }));
  if (!verdict.ok) throw new Error(`stream refused: ${verdict.rejection.reason}`);
  return verdict.events;
}

describe('stream', () => {
  it('streams the execution model events in order and is recorded with evidence', async () => {
    const { node, sink } = await registeredNode();
    // Each chunk 5 ms apart: the execution is still running when the stream is handed over.
    const stream = await streamOf(node, {
      events: [{ type: 'fake.chunk', payload: { n: 1 }, repeat: 3, delayMs: 5 }],
      output: { chunks: 3 },
    });
    expect(node.stats().in_flight).toBe(1);
    const events: ExecutionEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((e) => e.event_type)).toEqual([
      'execution.started',
      'fake.chunk',
      'fake.chunk',
      'fake.chunk',
      'execution.completed',
    ]);
    expect(events.every((e) => e.execution_ref === stream.executionRef)).toBe(true);
    const result = await stream.result;
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { chunks: 3 },
      execution_ref: stream.executionRef,
    });
    expect(result.events).toHaveLength(1);
    expect(sink.types()).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
    ]);
    expect(sink.records[2]?.payload).toMatchObject({ mode: 'stream' });
    expect(node.stats().in_flight).toBe(0);
  });

  it('ends and records its evidence even when nobody iterates it', async () => {
    const { node, sink } = await registeredNode();
    const stream = await streamOf(node, chunks(5_000));
    const result = await stream.result;
    expect(result.status).toBe('succeeded');
    expect(sink.types().at(-1)).toBe('execution.completed');
  });

  it('breaking out of the loop stops reading without cancelling the execution', async () => {
    const { node } = await registeredNode();
    const stream = await streamOf(node, {
      events: [
        { type: 'fake.chunk', payload: 1, repeat: 10 },
        { type: 'fake.chunk', delayMs: 20 },
      ],
      output: 'done',
    });
    for await (const event of stream) if (event.event_type === 'fake.chunk') break;
    const result = await stream.result;
    expect(result.status).toBe('succeeded');
    expect(result.output).toBe('done');
  });

  it('a slow consumer slows the lane down (backpressure through the node)', async () => {
    const { node } = await registeredNode();
    const stream = await streamOf(node, chunks(3_000));
    let seen = 0;
    for await (const event of stream) {
      if (event.event_type !== 'fake.chunk') continue;
      seen++;
      if (seen === 1) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        // Nothing was dropped while we dawdled: the lane waited for us.
        expect(node.stats().in_flight).toBe(1);
      }
    }
    const result = await stream.result;
    expect(seen).toBe(3_000);
    const completed = result.events[0] as { payload: { outcome: { metrics: { events_dropped: number } } } };
    expect(completed.payload.outcome.metrics.events_dropped).toBe(0);
  });

  it('a target client that throws gives a failed result and no events, never a throw', async () => {
    const node = createNode();
    const sink = new RecordingSink();
    node.registerEvidenceSink(sink);
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    const broken: TargetClient = {
      describe: async () => ({}),
      execute: async () => {
        throw new Error('socket hang up');
      },
      stream: async () => {
        throw new Error('socket hang up');
      },
      cancel: async () => ({ ok: true, cancelled: false }),
    };
    await node.connectTarget(stubAttestation(), broken);
    node.completeRegistration();
    const result = await node.execute(governedRequest());
    expect(result).toMatchObject({ status: 'failed', error: { failure_class: 'transport_failed' } });
    expect((result.error as { reason: string }).reason).toContain('socket hang up');
    const verdict = await node.stream(governedRequest());
    if (!verdict.ok) throw new Error('expected a stream');
    const events: unknown[] = [];
    for await (const event of verdict.events) events.push(event);
    expect(events).toEqual([]);
    expect((await verdict.events.result).status).toBe('failed');
    expect(sink.types().filter((t) => t === 'execution.completed')).toHaveLength(2);
    expect(node.stats().in_flight).toBe(0);
  });

  it('a target answering garbage gives a failed result', async () => {
    const node = createNode();
    node.registerLane(fakeLane());
    node.registerTargetVerifier(new TestTargetVerifier());
    node.registerAuthorityVerifier(new TestAuthority());
    const client = new LocalTargetClient();
    await node.connectTarget(stubAttestation(), {
      describe: () => client.describe(),
      execute: async () => 'not a result' as never,
      stream: (request, options) => client.stream(request, options),
      cancel: (ref) => client.cancel(ref),
    });
    node.completeRegistration();
    const result = await node.execute(governedRequest());
    expect(result.status).toBe('failed');
    expect((result.error as { reason: string }).reason).toBe('target returned no execution result');
  });
});
