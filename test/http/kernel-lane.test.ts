import { describe, expect, it } from 'vitest';
import { contractFixtures } from '../../src/core/contracts/fixtures/contract-fixtures.js';
import { createKernel } from '../../src/core/kernel/kernel.js';
import { httpKernelLane } from '../../src/http/index.js';
import { closedPort } from '../fixtures/http/collect.js';
import { serve } from '../fixtures/http/serve.js';

// The fixture's envelope deadline is long past; these dispatches run under the route budget.
const intentFixture = {
  ...contractFixtures.httpExecutionIntent,
  envelope: { ...contractFixtures.httpExecutionIntent.envelope, deadline_at: null },
};

function route(target: Record<string, unknown>) {
  return { ...contractFixtures.httpExecutionRoute, resolved_target: target };
}

describe('httpKernelLane', () => {
  it('runs an http_execution_intent.v1 through the kernel against a real server', async () => {
    await using server = await serve((req, res, body) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          method: req.method,
          type: req.headers['content-type'],
          accept: req.headers.accept,
          body,
        }),
      );
    });
    const kernel = createKernel({ lanes: [httpKernelLane] });
    const intent = intentFixture;
    const { ok, events, outcome } = await kernel.execute(intent, route({ url: `${server.url}/echo` }));
    expect(ok).toBe(true);
    expect(events.map((e) => e.event_type)).toEqual(['dispatch.started', 'dispatch.completed']);
    expect(outcome.status).toBe('succeeded');
    expect(outcome.raw_payload).toMatchObject({ status_code: 201, attempts: 1 });
    expect(JSON.parse(outcome.raw_payload.body as string)).toEqual({
      method: 'POST',
      type: 'application/json',
      accept: 'application/json',
      body: '{"ping":"pong"}',
    });
    expect(outcome.metrics).toMatchObject({ timeout_ms: 5000, attempts: 1 });
    expect(outcome.lineage).toMatchObject({ idempotency_key: intent.envelope.idempotency_key });
  });

  it('reports a refused connection as a transport_failed outcome with dispatch.failed', async () => {
    const kernel = createKernel({ lanes: [httpKernelLane] });
    const intent = { ...intentFixture, retry_class: null };
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const { ok, events, outcome } = await kernel.execute(intent, route({ url }));
    expect(ok).toBe(false);
    expect(events.at(-1)?.event_type).toBe('dispatch.failed');
    expect(outcome.failure).toMatchObject({ failure_class: 'transport_failed' });
  });

  it('rejects a GET that carries a body before any event or I/O (the reference failed it at httpc)', async () => {
    const kernel = createKernel({ lanes: [httpKernelLane] });
    const url = `http://127.0.0.1:${await closedPort()}/`;
    await expect(kernel.execute(intentFixture, route({ url, method: 'GET' }))).rejects.toMatchObject({
      code: 'INVALID_OPTIONS',
      details: { option: 'body' },
    });
  });
});
