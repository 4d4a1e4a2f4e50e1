import { type ChildProcess, spawn as spawnChild } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { GuestSurfaceOptions } from '../../src/process/index.js';
import { run, spawn } from '../../src/process/index.js';
import { collect, linesOf, readLinesUntil } from './support/events.js';
import { fixture, node } from './support/fixtures.js';

const peers: ChildProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'ep-guest-'));

afterAll(() => {
  for (const peer of peers) peer.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

// A guest surface whose bridge is a fresh fixture peer speaking over its stdio.
function guest(flags: string[] = [], extra: Partial<GuestSurfaceOptions> = {}): GuestSurfaceOptions {
  return {
    kind: 'guest',
    bridgeRef: 'fixture-bridge',
    connect: () => {
      const peer = spawnChild(node, [fixture('bridge-peer.mjs'), ...flags], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      peers.push(peer);
      return Duplex.from({ readable: peer.stdout, writable: peer.stdin });
    },
    ...extra,
  };
}

describe('guest surface (length-prefixed JSON bridge)', () => {
  it('runs a command through the bridge: output, exit code and the bridge session', async () => {
    const execution = run('sh', ['-c', 'echo from-guest; echo oops >&2; exit 4'], { surface: guest() });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(linesOf(events)).toEqual(['from-guest']);
    expect(linesOf(events, 'stderr')).toEqual(['oops']);
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatchObject({ stdout: 'from-guest', stderr: 'oops', exit_code: 4 });
    expect(events[1]?.payload).toEqual({
      pid: null,
      surface: 'guest',
      pty: false,
      bridge_session_ref: 'guest-session-1',
    });
  });

  it('sends cwd and env, and stdin for a one-shot run', async () => {
    const output = await run('sh', ['-c', 'pwd; echo "$GREETING"; cat'], {
      surface: guest(),
      cwd: '/tmp',
      env: { GREETING: 'hello guest' },
      stdin: 'piped in',
    }).output();
    expect(output.stdout).toBe('/tmp\nhello guest\npiped in');
  });

  it('streams a session: write, end, interrupt', async () => {
    const session = spawn(node, [fixture('echo-lines.mjs')], { surface: guest() });
    await session.write('over the bridge\n');
    expect(await readLinesUntil(session, (l) => l.length > 0)).toEqual(['{"echo":"over the bridge"}']);
    await session.end();
    expect((await session.result).status).toBe('succeeded');

    const sleeper = spawn('sleep', ['30'], { surface: guest() });
    await sleeper.ready();
    await sleeper.interrupt();
    expect((await sleeper.result).output?.signal).toBe('SIGINT');
  });

  it('cancel closes the remote session', async () => {
    const session = spawn('sleep', ['30'], { surface: guest() });
    await session.ready();
    const outcome = await session.cancel();
    expect(outcome.status).toBe('cancelled');
    expect(outcome.output?.signal).toBe('SIGTERM');
  });

  it('a session the bridge cannot stream rejects its calls with SESSION_ENDED caused by UNSUPPORTED_CAPABILITY', async () => {
    const session = spawn('cat', { surface: guest(['--caps', '{"supports_streaming_stdio?":false}']) });
    const error = await session.write('x').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'SESSION_ENDED',
      failureClass: 'placement_unavailable',
      cause: { code: 'UNSUPPORTED_CAPABILITY' },
    });
    expect((error as Error).message).toContain('streaming_stdio');
    expect((await session.close()).failure?.code).toBe('UNSUPPORTED_CAPABILITY');
  });

  it('rejects a request the bridge does not grant, naming the missing capability', async () => {
    const outcome = await run('pwd', { surface: guest(['--caps', '{"supports_cwd?":false}']), cwd: '/tmp' })
      .result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'placement_unavailable',
      code: 'UNSUPPORTED_CAPABILITY',
      details: { capability: 'cwd', surface: 'guest' },
    });
  });

  it('rejects before connecting what the guest surface can never do', () => {
    expect(() => run('true', { surface: guest(), pty: true })).toThrow(/does not support pty/);
    expect(() => run('true', { surface: guest(), inheritEnv: ['PATH'] })).toThrow(/inheritEnv/);
  });

  it('fails the handshake on a profile or version mismatch, or a refused token', async () => {
    const profile = await run('true', { surface: guest(['--profile', 'other']) }).result;
    expect(profile.failure).toMatchObject({
      failure_class: 'launch_failed',
      code: 'BRIDGE_PROFILE_MISMATCH',
    });
    const version = await run('true', { surface: guest(['--version', '2']) }).result;
    expect(version.failure?.code).toBe('BRIDGE_VERSION_UNSUPPORTED');
    const token = await run('true', { surface: guest(['--token', 'right'], { attachToken: 'wrong' }) })
      .result;
    expect(token.failure).toMatchObject({
      code: 'BRIDGE_REMOTE_ERROR',
      details: { remote_code: 'unauthorized' },
    });
    expect(JSON.stringify(token)).not.toContain('wrong');
  });

  it('reports a bridge that drops the connection as remote_disconnect', async () => {
    const outcome = await run('sleep', ['30'], { surface: guest(['--drop-after-start']) }).result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'remote_disconnect',
      code: 'BRIDGE_DISCONNECTED',
    });
  });

  it('connects to a bridge on a unix socket endpoint', async () => {
    const path = join(dir, 'bridge.sock');
    const peer = spawnChild(node, [fixture('bridge-peer.mjs'), '--listen', path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    peers.push(peer);
    await new Promise((resolve) => peer.stdout?.once('data', resolve));
    const output = await run('echo', ['via socket'], {
      surface: { kind: 'guest', bridgeRef: 'socket-bridge', endpoint: { kind: 'unix', path } },
    }).output();
    expect(output.stdout).toBe('via socket');
    const missing = await run('true', {
      surface: { kind: 'guest', bridgeRef: 'b', endpoint: { kind: 'unix', path: join(dir, 'none.sock') } },
    }).result;
    expect(missing.failure).toMatchObject({
      failure_class: 'launch_failed',
      code: 'BRIDGE_CONNECT_FAILED',
    });
  });
});
