import { spawn as spawnChild } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type SshSurfaceOptions, spawn } from '../../src/process/index.js';
import { bundle } from './support/bundle.js';
import { fixture, node, waitForDeath } from './support/fixtures.js';
import { sshSurface, startSshd, type TestSshd } from './support/sshd.js';
import { markerPerTest, sleepsUp, survivors } from './support/survivors.js';

// sshd runs on this machine, so the remote tree is visible in /proc: counted by its marker.
let sshd: TestSshd;
let surface: SshSurfaceOptions;
let ownerScript: string;
beforeAll(async () => {
  [sshd, ownerScript] = await Promise.all([
    startSshd(),
    bundle(fixture('ssh-pty-owner.ts'), { nodePty: true }),
  ]);
  surface = sshSurface(sshd);
});
afterAll(async () => {
  await sshd?.stop();
});
const newMarker = markerPerTest();

/** A remote tree that the terminal's hangup alone does not end; `sleeps` carry the marker. */
interface RemoteTree {
  readonly command: string;
  readonly args: (marker: string) => string[];
  readonly sleeps: number;
}

const trees: Record<string, RemoteTree> = {
  'a job that ignores SIGHUP': { command: 'sh', args: (m) => ['-c', `trap '' HUP; sleep ${m}`], sleeps: 1 },
  // The escapee ignores TERM too, and its parent dies of the TERM: the KILL step must still know it.
  'a setsid escapee': {
    command: 'sh',
    args: (m) => ['-c', `setsid sh -c "trap '' HUP TERM; exec sleep ${m}" & sleep ${m}`],
    sleeps: 2,
  },
  'a job-control tree': { command: 'bash', args: (m) => ['-c', `set -m; sleep ${m} & wait`], sleeps: 1 },
};

// The watcher polls once a second, then TERM; KILL follows 2 s later for what ignores TERM.
const REMOTE_CLEANUP_MS = 6_000;

function marked(): string {
  const marker = newMarker();
  return marker;
}

describe.each(Object.entries(trees))('ssh with a PTY: %s dies with the connection', (_, tree) => {
  it('on cancel', { timeout: 20_000 }, async () => {
    const marker = marked();
    const session = spawn(tree.command, tree.args(marker), { surface, pty: true });
    expect(await sleepsUp(marker, tree.sleeps)).toBe(tree.sleeps);
    expect((await session.cancel()).status).toBe('cancelled');
    expect(await survivors(marker, REMOTE_CLEANUP_MS)).toBe(0);
  });

  it('on timeout', { timeout: 20_000 }, async () => {
    const marker = marked();
    const execution = run(tree.command, tree.args(marker), { surface, pty: true, timeoutMs: 3_000 });
    expect(await sleepsUp(marker, tree.sleeps)).toBe(tree.sleeps);
    expect((await execution.result).status).toBe('timed_out');
    expect(await survivors(marker, REMOTE_CLEANUP_MS)).toBe(0);
  });

  it('on close', { timeout: 20_000 }, async () => {
    const marker = marked();
    const session = spawn(tree.command, tree.args(marker), { surface, pty: true });
    expect(await sleepsUp(marker, tree.sleeps)).toBe(tree.sleeps);
    await session.close({ graceMs: 100 });
    expect(await survivors(marker, REMOTE_CLEANUP_MS)).toBe(0);
  });

  it('when the owning Node process is SIGKILLed', { timeout: 20_000 }, async () => {
    const marker = marked();
    const owner = spawnChild(
      node,
      [ownerScript, JSON.stringify(surface), tree.command, ...tree.args(marker)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    for await (const line of createInterface({ input: owner.stdout })) if (line === 'started') break;
    expect(await sleepsUp(marker, tree.sleeps)).toBe(tree.sleeps);
    owner.kill('SIGKILL');
    expect(await waitForDeath([owner.pid as number], 2_000)).toEqual([]);
    expect(await survivors(marker, REMOTE_CLEANUP_MS)).toBe(0);
  });
});
