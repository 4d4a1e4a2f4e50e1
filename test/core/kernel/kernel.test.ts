import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { contractFixtures as f } from '../../../src/core/contracts/fixtures/contract-fixtures.js';
import type { ExecutionEventV1 } from '../../../src/core/contracts/v1/execution-event-v1.js';
import { createMemoryLane, defineLane, isExecutionError } from '../../../src/core/index.js';
import { createKernel } from '../../../src/core/kernel/kernel.js';
import { defineKernelLane } from '../../../src/core/kernel/kernel-lane.js';
import { recordingLane } from './recording-lane.js';

const NOW = Date.parse('2026-04-10T11:00:00Z');

const httpIntent = () => ({ ...f.httpExecutionIntent, timeouts: { request_timeout_ms: 750 } });
const httpRoute = (target: object = { url: 'http://127.0.0.1:1/echo', method: 'POST' }) => ({
  ...f.httpExecutionRoute,
  resolved_target: target,
  resolved_budget: { timeout_ms: 1500 },
});
const processIntent = () => ({ ...f.processExecutionIntent, command: '/bin/fixture.sh', argv: [] });

// A lane standing in for a process lane: a non-zero exit is a fact, not a failure class.
const exitLane = defineLane({
  id: 'process',
  input: z.object({ code: z.number() }),
  start: async ({ code }) => ({
    output: { stdout: 'stdout-line\n', stderr: 'stderr-line\n', exit: { code } },
    status: code === 0 ? ('succeeded' as const) : ('failed' as const),
  }),
});

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isExecutionError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('kernel.execute', () => {
  it('executes unary http on the V1 contracts and emits raw facts', async () => {
    const http = recordingLane('http');
    const kernel = createKernel({
      lanes: [
        defineKernelLane({
          protocol: 'http',
          lane: http.lane,
          toPayload: ({ intent, route }) => ({
            output: {
              status_code: 201,
              body: '{"ok":true}',
              url: route.resolved_target.url,
              sent: intent.body,
            },
          }),
        }),
      ],
    });
    const seen: ExecutionEventV1[] = [];
    const result = await kernel.execute(httpIntent(), httpRoute(), { now: NOW, emit: (e) => seen.push(e) });

    expect(result.ok).toBe(true);
    expect(result.plan.timeoutMs).toBe(750);
    expect(result.events.map((e) => e.event_type)).toEqual(['dispatch.started', 'dispatch.completed']);
    expect(seen).toEqual(result.events);
    expect(result.events[0]?.payload).toEqual({
      family: 'http',
      protocol: 'http',
      timeout_ms: 750,
      placement_family: 'local',
    });
    expect(result.events[1]?.payload).toEqual({ family: 'http', status: 'succeeded' });
    expect(result.outcome).toMatchObject({
      contract_version: 'execution_outcome.v1',
      status: 'succeeded',
      family: 'http',
      failure: null,
      raw_payload: {
        status_code: 201,
        body: '{"ok":true}',
        url: 'http://127.0.0.1:1/echo',
        sent: { ping: 'pong' },
      },
    });
    expect(result.outcome.lineage).toEqual(f.httpExecutionRoute.lineage);
    expect(http.starts).toHaveLength(1);
  });

  it('stamps metrics from its dispatch events and gives each event its own lineage id', async () => {
    const kernel = createKernel({
      lanes: [
        { protocol: 'http', lane: createMemoryLane({ id: 'http' }), toPayload: () => ({ output: {} }) },
      ],
    });
    const { events, outcome } = await kernel.execute(httpIntent(), httpRoute(), { now: NOW });
    expect(outcome.metrics).toMatchObject({
      started_at: events[0]?.timestamp,
      finished_at: events[1]?.timestamp,
      timeout_ms: 750,
      events_dropped: 0,
    });
    expect(typeof outcome.metrics.duration_ms).toBe('number');
    expect(events[0]?.event_id).not.toBe(events[1]?.event_id);
    for (const event of events) expect(event.lineage.event_id).toBe(event.event_id);
    expect(events[0]?.timestamp).toBe('2026-04-10T11:00:00.000Z');
  });

  it('runs a local process and keeps a non-zero exit as a fact with lineage preserved', async () => {
    const kernel = createKernel({
      lanes: [{ protocol: 'process', lane: exitLane, toPayload: () => ({ code: 3 }) }],
    });
    const route = { ...f.processExecutionRoute, resolved_budget: { timeout_ms: 1000 } };
    const result = await kernel.execute(processIntent(), route, { now: NOW });
    expect(result.ok).toBe(false);
    expect(result.outcome).toMatchObject({
      status: 'failed',
      family: 'process',
      failure: null,
      raw_payload: { stdout: 'stdout-line\n', stderr: 'stderr-line\n', exit: { code: 3 } },
    });
    expect(result.outcome.lineage).toMatchObject({
      trace_id: route.lineage.trace_id,
      route_id: 'route-process-1',
    });
    expect(result.events[1]).toMatchObject({
      event_type: 'dispatch.failed',
      payload: { failure_class: null },
    });
  });

  it('executes unary jsonrpc over the process family', async () => {
    const kernel = createKernel({
      lanes: [
        {
          protocol: 'jsonrpc',
          lane: createMemoryLane({ id: 'jsonrpc' }),
          toPayload: (plan) => ({
            output: {
              response: {
                jsonrpc: '2.0',
                id: 'attempt://1',
                result: { echo: (plan.intent as typeof f.jsonrpcExecutionIntent).request },
              },
            },
          }),
        },
      ],
    });
    const intent = {
      ...f.jsonrpcExecutionIntent,
      request: { method: 'session.start', params: { ok: true } },
    };
    const result = await kernel.execute(intent, f.jsonrpcExecutionRoute, { now: NOW });
    expect(result.ok).toBe(true);
    expect(result.outcome.family).toBe('process');
    expect(result.outcome.raw_payload).toMatchObject({
      response: { id: 'attempt://1', result: { echo: { method: 'session.start' } } },
    });
    expect(result.events.map((e) => e.event_type)).toEqual(['dispatch.started', 'dispatch.completed']);
  });

  it('classifies a timeout as a raw-fact failure and keeps the partial output', async () => {
    const kernel = createKernel({
      lanes: [
        {
          protocol: 'process',
          lane: createMemoryLane({ id: 'process' }),
          toPayload: () => ({ hang: true, output: { stdout: 'tick' } }),
        },
      ],
    });
    const route = { ...f.processExecutionRoute, resolved_budget: { timeout_ms: 25 } };
    const result = await kernel.execute(processIntent(), route, { now: NOW });
    expect(result.outcome.failure).toMatchObject({
      failure_class: 'timeout',
      durable_truth_relevance: 'raw_fact_only',
      'retryable?': true,
    });
    expect(result.outcome.status).toBe('failed');
    expect(result.outcome.raw_payload).toEqual({ stdout: 'tick' });
    expect(result.events.at(-1)).toMatchObject({
      event_type: 'dispatch.failed',
      payload: { failure_class: 'timeout' },
    });
  });

  it('cancels in flight through the caller signal', async () => {
    const kernel = createKernel({
      lanes: [
        { protocol: 'process', lane: createMemoryLane({ id: 'process' }), toPayload: () => ({ hang: true }) },
      ],
    });
    const controller = new AbortController();
    const pending = kernel.execute(processIntent(), f.processExecutionRoute, {
      now: NOW,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('operator stop')), 5);
    const result = await pending;
    expect(result.outcome.failure?.failure_class).toBe('cancellation');
  });

  it('fails a past deadline as a timeout without starting the lane', async () => {
    const process = recordingLane('process');
    const kernel = createKernel({
      lanes: [{ protocol: 'process', lane: process.lane, toPayload: () => ({}) }],
    });
    const result = await kernel.execute(processIntent(), f.processExecutionRoute, {
      now: Date.parse('2026-04-10T12:00:01Z'),
    });
    expect(process.starts).toEqual([]);
    expect(result.events[0]?.payload.timeout_ms).toBe(0);
    expect(result.outcome.failure).toMatchObject({
      failure_class: 'timeout',
      reason: 'deadline already passed before dispatch',
    });
  });

  it('rejects before any event when no lane serves the protocol or the payload is invalid', async () => {
    const seen: ExecutionEventV1[] = [];
    const none = await rejection(
      createKernel().execute(httpIntent(), httpRoute(), { now: NOW, emit: (e) => seen.push(e) }),
    );
    expect(none).toMatchObject({ code: 'NOT_SUPPORTED', message: 'no lane registered for protocol "http"' });
    const kernel = createKernel({
      lanes: [
        { protocol: 'http', lane: createMemoryLane({ id: 'http' }), toPayload: () => ({ hang: 'yes' }) },
      ],
    });
    expect(
      await rejection(kernel.execute(httpIntent(), httpRoute(), { now: NOW, emit: (e) => seen.push(e) })),
    ).toMatchObject({
      code: 'INVALID_OPTIONS',
    });
    expect(await rejection(kernel.execute({}, httpRoute(), { now: NOW }))).toMatchObject({
      code: 'INVALID_CONTRACT',
    });
    expect(seen).toEqual([]);
  });

  it('does not let the lane run when the dispatch.started observer throws', async () => {
    const process = recordingLane('process');
    const kernel = createKernel({
      lanes: [{ protocol: 'process', lane: process.lane, toPayload: () => ({ hang: true }) }],
    });
    const emit = () => {
      throw new Error('observer bug');
    };
    await expect(
      kernel.execute(processIntent(), f.processExecutionRoute, { now: NOW, emit }),
    ).rejects.toThrow('observer bug');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(process.starts).toEqual([]);
  });

  it('registers one lane per protocol', () => {
    const lane = createMemoryLane({ id: 'http' });
    const binding = { protocol: 'http' as const, lane, toPayload: () => ({}) };
    const kernel = createKernel({ lanes: [binding] });
    expect(kernel.protocols).toEqual(['http']);
    kernel.register({ ...binding, protocol: 'process' });
    expect(kernel.protocols).toEqual(['http', 'process']);
    expect(() => createKernel({ lanes: [binding, binding] })).toThrow(/one binding per protocol/);
    expect(() => kernel.register({ ...binding, protocol: 'sse' as 'http' })).toThrow(/protocol/);
    expect(() => kernel.register({ ...binding, toPayload: undefined as never })).toThrow(/toPayload/);
  });
});
