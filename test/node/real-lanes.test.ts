/** Real lanes behind the node: a governed process execution with real children, HTTP to a local server. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBoundary } from '../../src/core/contracts/boundary/boundary-codec.js';
import { EvidenceSchema } from '../../src/core/contracts/boundary/evidence.js';
import { httpLane } from '../../src/http/index.js';
import { processLane } from '../../src/process/index.js';
import { governed, governedNode } from './fakes.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/node/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ep-node-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('real process lane behind the node', () => {
  it('runs a governed process execution and records it as evidence', async () => {
    const path = join(dir, 'process.jsonl');
    const { node, sink } = await governedNode(processLane, path);
    const result = await node.execute(
      governed('process', { command: process.execPath, args: [fixture('greet.mjs'), 'node', 'world'] }),
    );
    expect(result.status).toBe('succeeded');
    expect(result.output).toMatchObject({ stdout: 'hello node\nhello world\n', exit_code: 0 });
    const types = (result.events as Array<{ event_type: string }>).map((e) => e.event_type);
    expect(types[0]).toBe('execution.started');
    expect(types).toContain('process.spawned');
    expect(types.at(-1)).toBe('execution.completed');
    await node.close();
    await sink.close();
    const records = readFileSync(path, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => decodeBoundary(EvidenceSchema, l));
    expect(records.map((r) => r.evidence_type)).toEqual([
      'admission.accepted',
      'target.selected',
      'execution.started',
      'execution.completed',
    ]);
    expect(
      records.every((r) => r.target_id === 'local-process' && r.policy_bundle_hash === 'sha256:real'),
    ).toBe(true);
    // The argv is in the payload, never in the evidence: a fingerprint stands for it.
    expect(readFileSync(path, 'utf8')).not.toContain('greet.mjs');
  });

  it('refuses a payload the process lane rejects, before anything is spawned', async () => {
    const { node } = await governedNode(processLane, join(dir, 'invalid.jsonl'));
    const result = await node.execute(governed('process', { command: process.execPath, cwd: 42 }));
    expect(result.status).toBe('rejected');
    expect(result.error).toMatchObject({ reason: 'invalid_lane_request' });
    expect((result.error as { message: string }).message).toContain('cwd');
    await node.close();
  });

  it('cancels a running child through the node: the process is killed and the outcome is cancelled', async () => {
    const { node } = await governedNode(processLane, join(dir, 'cancel.jsonl'));
    const verdict = await node.stream(
      governed('process', { command: process.execPath, args: [fixture('linger.mjs')] }),
    );
    if (!verdict.ok) throw new Error(verdict.rejection.message ?? 'refused');
    let pid = 0;
    for await (const event of verdict.events) {
      if (event.event_type === 'process.output') {
        pid = Number((event.payload as { lines: string[] }).lines[0]);
        expect(await node.cancel(verdict.events.executionRef)).toEqual({ ok: true, cancelled: true });
      }
    }
    const result = await verdict.events.result;
    expect(result.status).toBe('cancelled');
    expect(pid).toBeGreaterThan(0);
    expect(isAlive(pid)).toBe(false);
    await node.close();
  });

  it('close() kills the children of every execution in flight', async () => {
    const { node } = await governedNode(processLane, join(dir, 'close.jsonl'));
    const ready = [0, 1, 2].map((i) => join(dir, `linger-ready-${i}`));
    const running = ready.map((path) =>
      node.execute(governed('process', { command: process.execPath, args: [fixture('linger.mjs'), path] })),
    );
    // Every child has printed its pid (a fixed sleep was too short on a loaded machine): at most 10 s.
    for (let waited = 0; !ready.every((path) => existsSync(path)) && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(ready.every((path) => existsSync(path))).toBe(true);
    await node.close();
    const results = await Promise.all(running);
    expect(results.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const pids = results.map((r) => Number((r.output as { stdout: string }).stdout.trim()));
    expect(pids.every((pid) => pid > 0 && !isAlive(pid))).toBe(true);
  });
});

describe('real HTTP lane behind the node', () => {
  it('governed HTTP request executes through runtime client to attested HTTP target', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ http: 'ok' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items`;
    const path = join(dir, 'http.jsonl');
    const { node, sink } = await governedNode(httpLane, path);
    try {
      const result = await node.execute(
        governed('http', { url, responseType: 'json', headers: { authorization: 'Bearer sk-do-not-log' } }),
      );
      expect(result.status).toBe('succeeded');
      expect(result.output).toMatchObject({ status: 200, body: { http: 'ok' } });
      expect(seen[0]?.authorization).toBe('Bearer sk-do-not-log');
      await node.close();
      await sink.close();
      // The credential reached the server, never the evidence.
      expect(readFileSync(path, 'utf8')).not.toContain('sk-do-not-log');
    } finally {
      await node.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
