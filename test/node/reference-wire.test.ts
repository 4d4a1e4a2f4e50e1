/** The node under a reference orchestrator: reference-shaped lane payloads, reference-shaped results, real peers. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeContract } from '../../src/core/contracts/codec.js';
import { httpLane } from '../../src/http/index.js';
import { processLane } from '../../src/process/index.js';
import { governed, governedNode } from './fakes.js';

const dir = mkdtempSync(join(tmpdir(), 'ep-node-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ReferenceOutput {
  events: Array<Record<string, unknown>>;
  outcome: { raw_payload: Record<string, unknown>; status: string; lineage: Record<string, string> } & Record<
    string,
    unknown
  >;
}

describe('process: a reference-shaped payload through the node', () => {
  it('runs a real child and answers with { events, outcome } as V1 contracts', async () => {
    const { node, sink } = await governedNode(processLane, join(dir, 'process.jsonl'));
    const result = await node.execute({
      ...governed('process', {
        command: 'sh',
        argv: ['-c', 'echo "$GREETING $0"; echo warn >&2', 'world'],
        env_projection: { GREETING: 'hello' },
        clear_env: true,
        stderr_mode: 'separate',
        close_stdin: true,
        timeout_ms: 10_000,
      }),
      request_id: 'req-ref-1',
    });
    expect(result.status).toBe('succeeded');
    expect(result.error).toBeNull();
    const output = result.output as unknown as ReferenceOutput;
    // What a reference orchestrator reads.
    expect(output.outcome.raw_payload).toMatchObject({
      stdout: 'hello world\n',
      stderr: 'warn\n',
      output: 'hello world\n',
      exit: { status: 'success', code: 0, signal: null },
    });
    const outcome = decodeContract(output.outcome, 'execution_outcome.v1');
    expect(outcome).toMatchObject({ status: 'succeeded', family: 'process', failure: null });
    expect(outcome.lineage).toMatchObject({ request_id: 'req-ref-1', idempotency_key: 'req-ref-1' });
    expect(outcome.metrics.timeout_ms).toBe(10_000);
    const events = output.events.map((e) => decodeContract(e, 'execution_event.v1'));
    expect(events[0]?.event_type).toBe('dispatch.started');
    expect(events[0]?.payload).toMatchObject({ family: 'process', protocol: 'process', timeout_ms: 10_000 });
    expect(events.map((e) => e.event_type)).toContain('process.spawned');
    expect(events.at(-1)?.event_type).toBe('dispatch.completed');
    expect(events.every((e) => e.route_id === outcome.route_id)).toBe(true);
    await node.close();
    await sink.close();
  });

  it('reports a non-zero exit as the reference does: failed, with the exit in the raw payload', async () => {
    const { node, sink } = await governedNode(processLane, join(dir, 'exit.jsonl'));
    const result = await node.execute({
      ...governed('process', { command: 'sh', argv: ['-c', 'exit 3'] }),
      metadata: { lineage: { idempotency_key: 'idem-3', tenant_id: 'tenant-a' } },
    });
    expect(result.status).toBe('failed');
    expect(result.error).toBe('process execution failed');
    const output = result.output as unknown as ReferenceOutput;
    expect(output.outcome.raw_payload).toMatchObject({ exit: { status: 'error', code: 3 } });
    expect(output.outcome.lineage).toMatchObject({ idempotency_key: 'idem-3', tenant_id: 'tenant-a' });
    expect(output.events.at(-1)).toMatchObject({ event_type: 'dispatch.failed' });
    await node.close();
    await sink.close();
  });

  it('answers a camelCase payload in this package shape, unless wire_shape asks for the reference', async () => {
    const { node, sink } = await governedNode(processLane, join(dir, 'own.jsonl'));
    const own = await node.execute(governed('process', { command: 'echo', args: ['x'] }));
    expect(own.output).toMatchObject({ stdout: 'x\n' });
    const asked = await node.execute({
      ...governed('process', { command: 'echo' }),
      metadata: { wire_shape: 'reference' },
    });
    expect((asked.output as unknown as ReferenceOutput).outcome.raw_payload).toMatchObject({ stdout: '\n' });
    await node.close();
    await sink.close();
  });

  it('refuses a mixed payload as invalid_lane_request naming the key', async () => {
    const { node, sink } = await governedNode(processLane, join(dir, 'mixed.jsonl'));
    const result = await node.execute(
      governed('process', { command: 'echo', argv: ['x'], closeStdin: true }),
    );
    expect(result.status).toBe('rejected');
    expect(result.error).toMatchObject({ reason: 'invalid_lane_request' });
    expect((result.error as { message: string }).message).toContain('`closeStdin`');
    await node.close();
    await sink.close();
  });
});

describe('http: a reference-shaped payload through the node', () => {
  it('POSTs by default to a real server and returns status_code, headers and body in raw_payload', async () => {
    const seen: Array<{ method?: string; body: string; type?: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ method: req.method, body, type: req.headers['content-type'] });
        res.writeHead(201, { 'content-type': 'application/json', 'x-peer': 'real' });
        res.end(JSON.stringify({ echoed: JSON.parse(body || 'null') }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { node, sink } = await governedNode(httpLane, join(dir, 'http.jsonl'));
    try {
      const result = await node.execute({
        ...governed('http', {
          url: `http://127.0.0.1:${port}/orders`,
          headers: { 'x-trace': 'abc' },
          body: { item: 'book' },
          timeout_ms: 5_000,
          retry_class: 'safe_idempotent',
        }),
        request_id: 'req-http-1',
      });
      expect(seen).toEqual([{ method: 'POST', body: '{"item":"book"}', type: 'application/json' }]);
      expect(result.status).toBe('succeeded');
      const output = result.output as unknown as ReferenceOutput;
      expect(output.outcome.raw_payload).toMatchObject({
        status_code: 201,
        headers: { 'x-peer': 'real' },
        body: '{"echoed":{"item":"book"}}',
      });
      expect(output.outcome.family).toBe('http');
      expect(output.events.map((e) => e.event_type)).toEqual(
        expect.arrayContaining(['dispatch.started', 'dispatch.completed']),
      );
      expect(output.events[0]).toMatchObject({ payload: { timeout_ms: 5_000, protocol: 'http' } });
    } finally {
      await node.close();
      await sink.close();
      server.close();
    }
  });

  it('fails a refused connection as transport_failed in the V1 outcome', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { node, sink } = await governedNode(httpLane, join(dir, 'http-down.jsonl'));
    const result = await node.execute(
      governed('http', { url: `http://127.0.0.1:${port}/`, timeout_ms: 2_000 }),
    );
    expect(result.status).toBe('failed');
    const output = result.output as unknown as ReferenceOutput;
    expect(output.outcome).toMatchObject({
      status: 'failed',
      failure: { failure_class: 'transport_failed' },
    });
    expect(output.outcome.raw_payload).toEqual({ error: expect.any(String) });
    expect(output.events.at(-1)).toMatchObject({
      event_type: 'dispatch.failed',
      payload: { failure_class: 'transport_failed' },
    });
    await node.close();
    await sink.close();
  });
});

describe('the direct path (docs/node.md example)', () => {
  it('answers a direct reference-shaped request in the reference shape', async () => {
    const { createNode, registerDefaultLanes } = await import('../../src/node/index.js');
    const node = createNode();
    await registerDefaultLanes(node, ['process']);
    const result = await node.execute({
      lane_id: 'process',
      provenance: { kind: 'direct_lower_lane_owner', owner: 'orchestrator' },
      payload: { command: 'echo', argv: ['hi'], timeout_ms: 5_000 },
    });
    const { outcome } = result.output as unknown as ReferenceOutput;
    expect(result.status).toBe('succeeded');
    expect(outcome.raw_payload.stdout).toBe('hi\n');
    await node.close();
  });
});
