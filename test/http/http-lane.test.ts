import { describe, expect, it } from 'vitest';
import { contractFixtures } from '../../src/core/contracts/fixtures/contract-fixtures.js';
import { isExecutionError, startExecution } from '../../src/core/index.js';
import { httpLane } from '../../src/http/index.js';
import { httpPayloadFromIntent } from '../../src/http/intent.js';
import { serve } from '../fixtures/http/serve.js';

function route(target: Record<string, unknown>, budget: Record<string, unknown> = {}) {
  return { ...contractFixtures.httpExecutionRoute, resolved_target: target, resolved_budget: budget };
}
function intent(fields: Record<string, unknown>) {
  const base = contractFixtures.httpExecutionIntent;
  return { ...base, headers: {}, body: null, timeouts: {}, retry_class: null, ...fields };
}

describe('httpLane', () => {
  it('runs a validated payload through startExecution, like the node does', async () => {
    await using server = await serve((req, res, body) => res.end(`${req.method} ${body}`));
    const execution = startExecution(httpLane, { url: server.url, method: 'PATCH', body: 'x' });
    expect(await execution.output()).toMatchObject({ status: 200, body: 'PATCH x' });
    expect(httpLane.capabilities).toMatchObject({
      lane_id: 'http',
      protocols: ['http'],
      supports_stream: false,
    });
  });

  it('rejects a bad payload with INVALID_OPTIONS before any I/O', () => {
    const error = (() => {
      try {
        startExecution(httpLane, { url: 'http://127.0.0.1/', method: 'BREW' });
      } catch (e) {
        return e;
      }
    })();
    expect(isExecutionError(error) && error.details.option).toBe('method');
  });

  it('hands timeouts.totalMs to core as the execution timeout when started directly', async () => {
    await using server = await serve(() => {});
    const outcome = await startExecution(httpLane, { url: server.url, timeouts: { totalMs: 80 } }).result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure).toMatchObject({ code: 'TIMEOUT', details: { timeout_ms: 80 } });
  });

  it('checks inherited keys too: the fast path leaves an odd object to the schema', () => {
    const payload = Object.assign(Object.create({ inherited: 1 }), { url: 'http://127.0.0.1/' });
    expect(() => httpLane.plan(payload)).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ option: 'inherited' }) }),
    );
  });
});

describe('httpPayloadFromIntent', () => {
  it('maps the reference intent and route (POST by default, JSON content type, total timeout)', async () => {
    await using server = await serve((req, res, body) =>
      res
        .writeHead(201, { 'content-type': 'application/json' })
        .end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body })),
    );
    const payload = httpPayloadFromIntent(
      intent({ body: '{"ping":"pong"}', timeouts: { request_timeout_ms: 750 }, headers: { 'x-n': 1 } }),
      route({ url: `${server.url}/echo` }, { timeout_ms: 1_500 }),
    );
    expect(payload).toMatchObject({
      method: 'POST',
      headers: { 'x-n': '1', 'content-type': 'application/json' },
      timeouts: { totalMs: 750 },
      retry: false,
    });
    const output = await startExecution(httpLane, payload).output();
    expect(output.status).toBe(201);
    expect(JSON.parse(output.body as string)).toEqual({
      method: 'POST',
      type: 'application/json',
      body: '{"ping":"pong"}',
    });
  });

  it('keeps a caller content-type in any case, sends no body for empty values, retries only safe_idempotent', () => {
    const mapped = httpPayloadFromIntent(
      intent({ body: {}, headers: { 'Content-Type': 'text/plain' }, retry_class: 'safe_idempotent' }),
      route({ url: 'http://127.0.0.1:9/', method: 'get' }),
    );
    expect(mapped).toEqual({
      url: 'http://127.0.0.1:9/',
      method: 'GET',
      headers: { 'Content-Type': 'text/plain' },
      retry: {},
    });
    const json = httpPayloadFromIntent(intent({ body: { a: 1 } }), route({ url: 'http://127.0.0.1:9/' }));
    expect(json).toMatchObject({ body: { a: 1 }, headers: { 'content-type': 'application/json' } });
  });

  it('refuses routes it must not run: lower simulation, wrong protocol, missing url', () => {
    const refuse = (r: unknown) => {
      try {
        httpPayloadFromIntent(intent({}), r);
      } catch (e) {
        return isExecutionError(e) ? e.code : 'other';
      }
      return 'accepted';
    };
    expect(refuse(route({ url: 'http://127.0.0.1:9/', lower_simulation: { scenario_ref: 's' } }))).toBe(
      'NOT_SUPPORTED',
    );
    expect(refuse({ ...route({ url: 'http://127.0.0.1:9/' }), protocol: 'jsonrpc' })).toBe(
      'INVALID_CONTRACT',
    );
    expect(refuse(route({}))).toBe('INVALID_CONTRACT');
    expect(refuse({ ...route({ url: 'http://127.0.0.1:9/' }), lineage: {} })).toBe('INVALID_CONTRACT');
  });
});
