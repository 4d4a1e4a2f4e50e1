import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteRuntimeClient } from '../../src/node/index.js';
import { ensureBuilt, jsonLines, runCli, waitForStderr } from './helpers.js';
import { processRequest, startServe, TOKEN, writeServeFixture } from './serve-helpers.js';

/** `node call <url> admit --lane process --grant <grant> …extra` through the real bin. */
const admitCli = (url: string, grant: string, ...extra: string[]) =>
  runCli(['node', 'call', url, 'admit', '--lane', 'process', '--grant', grant, ...extra]);

beforeAll(() => ensureBuilt(), 120_000);

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function serve(extra: Record<string, unknown> = {}) {
  const fixture = writeServeFixture(extra);
  const served = await startServe(fixture.config);
  cleanups.push(() => served.child.kill('SIGKILL'));
  return { ...fixture, ...served };
}

describe('execution-plane node serve', () => {
  it('is driven by node call: describe, admit, execute, stream, cancel', async () => {
    const { url } = await serve();
    const auth = ['--token', TOKEN];
    const described = await runCli(['node', 'call', url, 'describe', '--json', ...auth]);
    expect(described.code).toBe(0);
    const descriptor = JSON.parse(described.stdout) as { node_id: string; registration_complete: boolean };
    expect(descriptor).toMatchObject({ node_id: 'cli-node' });

    const admitted = await admitCli(url, 'grant://ci', '--payload', '{"command":"echo"}', '--json', ...auth);
    expect(admitted.code).toBe(0);
    expect(JSON.parse(admitted.stdout)).toMatchObject({ ok: true });
    const refused = await admitCli(url, 'grant://other', '--json', ...auth);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({
      ok: false,
      rejection: { reason: 'authority_rejected' },
    });

    const request = JSON.stringify(processRequest('echo', ['governed']));
    const executed = await runCli(['node', 'call', url, 'execute', '--request', request, '--json'], {
      env: { EXECUTION_PLANE_TOKEN: TOKEN },
    });
    expect(executed.code).toBe(0);
    const events = jsonLines(executed.stdout);
    const last = events.at(-1) as {
      event_type: string;
      payload: { outcome: { status: string; output: { stdout: string } } };
    };
    expect(last.event_type).toBe('execution.completed');
    expect(last.payload.outcome).toMatchObject({ status: 'succeeded', output: { stdout: 'governed\n' } });

    const streamed = await runCli(['node', 'call', url, 'stream', '--request', request, '--json', ...auth]);
    expect(streamed.code).toBe(0);
    expect(jsonLines(streamed.stdout).at(-1)?.event_type).toBe('execution.completed');

    const rejectedRun = await runCli([
      'node',
      'call',
      url,
      'execute',
      '--lane',
      'process',
      '--payload',
      '{"command":"echo"}',
      ...auth,
    ]);
    expect(rejectedRun.code).toBe(3);

    // Cancel from another connection of the same principal (`ci`) reaches a running execution.
    const client = new RemoteRuntimeClient(url, { token: TOKEN });
    cleanups.push(() => void client.close());
    const started = await client.stream(processRequest('sleep', ['5']));
    if (!started.ok) throw new Error('stream refused');
    const cancelled = await runCli([
      'node',
      'call',
      url,
      'cancel',
      started.events.executionRef,
      '--json',
      ...auth,
    ]);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ ok: true, cancelled: true });
    expect((await started.events.result).status).toBe('cancelled');
  });

  it('is driven by RemoteRuntimeClient; a wrong token is refused', async () => {
    const { url } = await serve();
    await using client = new RemoteRuntimeClient(url, { token: TOKEN });
    const result = await client.execute(processRequest('echo', ['remote']));
    expect(result.status).toBe('succeeded');
    expect(result.output).toMatchObject({ stdout: 'remote\n' });
    const wrong = await runCli(['node', 'call', url, 'describe', '--token', 'not-the-token']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/AUTHENTICATION_FAILED|401|refused the credentials/i);
  });

  it('serves /healthz, /readyz and Prometheus /metrics on the same port', async () => {
    const { url, port } = await serve();
    await using client = new RemoteRuntimeClient(url, { token: TOKEN });
    await client.execute(processRequest('echo', ['one']));
    await client.execute(processRequest('sh', ['-c', 'exit 3']));
    await client.admit({ ...processRequest('echo', []), authority_ref: { ref: 'grant://nope' } });
    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok\n');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, problems: [] });
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheus(await metrics.text());
    expect(samples.get('execution_plane_executions_total{lane="process",status="succeeded"}')).toBe(1);
    expect(samples.get('execution_plane_executions_total{lane="process",status="failed"}')).toBe(1);
    expect(samples.get('execution_plane_admissions_total{reason="accepted"}')).toBe(2);
    expect(samples.get('execution_plane_admissions_total{reason="authority_rejected"}')).toBe(1);
    expect(samples.get('execution_plane_in_flight')).toBe(0);
    expect(samples.get('execution_plane_execution_duration_seconds_count{lane="process"}')).toBe(2);
    expect(samples.get('execution_plane_execution_duration_seconds_bucket{lane="process",le="+Inf"}')).toBe(
      2,
    );
    const sink = [...samples.keys()].find((key) => key.startsWith('execution_plane_sink_backlog{'));
    expect(sink).toMatch(/evidence\.jsonl/);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${base}/`)).status).toBe(426);
  });

  it('SIGTERM drains: the execution in flight finishes, evidence is flushed, exit 0', async () => {
    const { url, child, done, evidence } = await serve();
    const client = new RemoteRuntimeClient(url, { token: TOKEN });
    const running = client.execute(processRequest('sh', ['-c', 'sleep 0.6; echo drained']));
    await waitFor(() =>
      readEvidence(evidence).some((record) => record.evidence_type === 'execution.started'),
    );
    child.kill('SIGTERM');
    const result = await running;
    expect(result.status).toBe('succeeded');
    expect(result.output).toMatchObject({ stdout: 'drained\n' });
    const exit = await done();
    expect(exit.code).toBe(0);
    const logs = jsonLines(exit.stderr).map((line) => line.msg);
    expect(logs).toEqual(expect.arrayContaining(['listening', 'signal', 'draining', 'stopped']));
    const types = readEvidence(evidence).map((record) => record.evidence_type);
    expect(types.slice(-2)).toEqual(['execution.started', 'execution.completed']);
    await client.close();
  });

  it('past the grace the drain cancels what still runs', async () => {
    const { url, child, done } = await serve({ drain: { graceMs: 200 } });
    await using client = new RemoteRuntimeClient(url, { token: TOKEN });
    const running = client.execute(processRequest('sleep', ['10']));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    expect((await running).status).toBe('cancelled');
    expect((await done()).code).toBe(0);
  });

  it('routes a lane to a remote target: another served node (serveAsTarget)', async () => {
    const b = await serve({ nodeId: 'node-b', serveAsTarget: true, targets: [] });
    const a = await serve({
      nodeId: 'node-a',
      targets: [{ id: 'b', lane: 'process', url: b.url, token: { file: 'token' } }],
    });
    const request = JSON.stringify(processRequest('echo', ['ran on b']));
    const result = await runCli(['node', 'call', a.url, 'execute', '--request', request, '--token', TOKEN]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ran on b/);
    await waitFor(() =>
      readEvidence(b.evidence).some((record) => record.evidence_type === 'execution.completed'),
    );
    expect(readEvidence(a.evidence).map((record) => record.evidence_type)).toContain('target.selected');
  });

  it('loads an authority verifier of your own from a module', async () => {
    const fixture = writeServeFixture({
      authority: { kind: 'module', module: 'authority.mjs', export: 'create' },
    });
    writeFileSync(
      join(fixture.dir, 'authority.mjs'),
      `export const create = async () => ({ verifierId: 'mine', verify: (ref) => ref.ref.startsWith('grant://mine/') ? { ok: true, claims: {} } : { ok: false, rejection: { contract_version: 1, reason: 'authority_rejected', message: 'not mine', details: {}, request_id: null } } });`,
    );
    const served = await startServe(fixture.config);
    cleanups.push(() => served.child.kill('SIGKILL'));
    const admit = (grant: string) => admitCli(served.url, grant, '--token', TOKEN);
    expect((await admit('grant://mine/1')).code).toBe(0);
    const refused = await admit('grant://ci');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/not mine/);
    writeFileSync(join(fixture.dir, 'authority.mjs'), 'export const create = 42;');
    const bad = await runCli(['node', 'serve', '--check', '--config', fixture.config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /authority\.module: export create of .*authority\.mjs is not an AuthorityVerifier/,
    );
  });

  it('SIGHUP reloads tokens and grants; a broken file keeps the old ones', async () => {
    const { url, child, dir } = await serve();
    writeFileSync(join(dir, 'token'), 'rotated-token-5678\n');
    writeFileSync(join(dir, 'grants.json'), JSON.stringify({ grants: [{ ref: 'grant://new' }] }));
    const admitWith = (grant: string) => admitCli(url, grant, '--token', 'rotated-token-5678');
    child.kill('SIGHUP');
    await waitForStderr(child, (text) => text.includes('grants reloaded'));
    expect((await runCli(['node', 'call', url, 'describe', '--token', TOKEN])).code).toBe(1);
    const admitted = await admitWith('grant://new');
    expect(admitted.code).toBe(0);
    const old = await admitWith('grant://ci');
    expect(old.code).toBe(3);
    writeFileSync(join(dir, 'grants.json'), '{ not json');
    child.kill('SIGHUP');
    await waitForStderr(child, (text) => text.includes('reload refused: grants kept'));
    const still = await admitWith('grant://new');
    expect(still.code).toBe(0);
    expect(child.err).not.toContain(TOKEN);
    expect(child.err).not.toContain('rotated-token-5678');
  });
});

function readEvidence(path: string): { evidence_type: string }[] {
  try {
    return jsonLines(readFileSync(path, 'utf8')) as { evidence_type: string }[];
  } catch {
    return [];
  }
}

async function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Parses the Prometheus text format into `name{labels}` → value, checking every line's shape. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ .+$/);
      continue;
    }
    const match = /^([a-z_]+(?:\{[^}]*\})?) (-?[0-9.e+]+|\+Inf|NaN)$/.exec(line);
    expect(match, line).not.toBeNull();
    samples.set(match![1]!, Number(match![2]));
  }
  return samples;
}
