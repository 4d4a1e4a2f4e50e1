import { spawn as spawnChild } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { cgroupHome, resetCgroupHome } from '../../src/process/cgroup.js';
import { openContainment } from '../../src/process/containment.js';
import { run, spawn } from '../../src/process/index.js';
import { bundle } from './support/bundle.js';
import { fixture, node } from './support/fixtures.js';
import { markerPerTest, survivors, waitFor, withMarker } from './support/survivors.js';

// Trees that leave the leader's process group (or its session), each with the number of its
// processes whose argv carries the marker once it is fully up.
interface Tree {
  readonly name: string;
  readonly argv: (m: string) => [string, string[]];
  readonly size: number;
}
const TREES: readonly Tree[] = [
  { name: 'setpgid (timeout)', argv: (m) => ['sh', ['-c', `timeout 1000 sleep ${m}`]], size: 3 },
  { name: 'job control (set -m)', argv: (m) => ['bash', ['-c', `set -m; sleep ${m} & wait`]], size: 2 },
  {
    name: 'perl setpgrp',
    argv: (m) => [
      'perl',
      ['-e', 'if (fork() == 0) { setpgrp(0, 0); exec("sleep", $ARGV[0]) } sleep 1000', m],
    ],
    size: 2,
  },
  { name: 'double fork', argv: (m) => ['sh', ['-c', `(sleep ${m} &); sleep ${m}`]], size: 3 },
  { name: 'setsid, parent alive', argv: (m) => ['sh', ['-c', `setsid sleep ${m} & sleep ${m}`]], size: 3 },
];
// A setsid escape whose parent exited: only a cgroup still holds it.
const ORPHANED_SETSID: Tree = {
  name: 'setsid, parent gone',
  argv: (m) => ['sh', ['-c', `(setsid sleep ${m} &); sleep ${m}`]],
  size: 3,
};

const newMarker = markerPerTest();

async function startedTree(tree: Tree) {
  const marker = newMarker();
  const [command, args] = tree.argv(marker);
  return { marker, command, args };
}

async function treeUp(marker: string, size: number): Promise<void> {
  expect(
    await waitFor(
      () => withMarker(marker).length,
      (n) => n >= size,
    ),
  ).toBe(size);
}

const PATHS = {
  async cancel(command: string, args: string[], options: object, marker: string, size: number) {
    const session = spawn(command, args, options);
    await treeUp(marker, size);
    expect((await session.cancel()).status).toBe('cancelled');
  },
  async timeout(command: string, args: string[], options: object, marker: string, size: number) {
    const execution = run(command, args, { ...options, timeoutMs: 600 });
    await treeUp(marker, size);
    expect((await execution.result).status).toBe('timed_out');
  },
  async close(command: string, args: string[], options: object, marker: string, size: number) {
    const session = spawn(command, args, options);
    await treeUp(marker, size);
    await session.close({ graceMs: 50 });
  },
};

describe.each(['cgroup', 'process-tree'] as const)('containment %s: 0 survivors', (containment) => {
  const options = { containment, forceKillAfterMs: 300 };
  const trees = containment === 'cgroup' ? [...TREES, ORPHANED_SETSID] : TREES;
  for (const [path, drive] of Object.entries(PATHS)) {
    it.each(trees)(`on ${path}: $name`, async (tree) => {
      const { marker, command, args } = await startedTree(tree);
      await drive(command, args, options, marker, tree.size);
      expect(await survivors(marker)).toBe(0);
    });
  }

  it('when the owning process is SIGKILLed: the watchdog ends every tree', { timeout: 15_000 }, async () => {
    const script = await bundle(fixture('spawn-and-wait.ts'));
    const marked = await Promise.all(trees.map(startedTree));
    const owner = spawnChild(node, [script, containment], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TREES: JSON.stringify(marked.map((t) => [t.command, t.args])) },
    });
    for await (const line of createInterface({ input: owner.stdout })) if (line === 'spawned') break;
    for (const [i, t] of marked.entries()) await treeUp(t.marker, trees[i]?.size ?? 0);
    owner.kill('SIGKILL');
    for (const t of marked) expect(await survivors(t.marker, 5_000)).toBe(0);
  });
});

describe('what the process-tree walk cannot reach', () => {
  it('a setsid escape whose parent already exited survives the walk (a cgroup catches it)', async () => {
    const { marker, command, args } = await startedTree(ORPHANED_SETSID);
    const session = spawn(command, args, { containment: 'process-tree' });
    await treeUp(marker, ORPHANED_SETSID.size);
    await session.cancel();
    expect(await survivors(marker, 1_000)).toBe(1);
  });
});

describe('what the walk remembers between signals', () => {
  it('kills a setsid escape that ignored killSignal while its parent died of it', async () => {
    const marker = newMarker();
    // After the SIGTERM the escapee has no parent chain to the leader; the first walk saw it.
    const script = `setsid sh -c "trap '' TERM; exec sleep ${marker}" & sleep ${marker}`;
    const session = spawn('sh', ['-c', script], { containment: 'process-tree', forceKillAfterMs: 300 });
    await treeUp(marker, 3);
    await session.cancel();
    expect(await survivors(marker, 1_000)).toBe(0);
  });
});

describe('an interactive bash on a PTY', () => {
  it.each(['cgroup', 'process-tree'] as const)(
    'leaves no background job after close() (%s)',
    async (containment) => {
      const marker = newMarker();
      const session = spawn('bash', ['--norc', '--noprofile', '-i'], { pty: true, containment });
      await session.ready();
      await session.write(`sleep ${marker} &\n`);
      await treeUp(marker, 1);
      await session.close({ graceMs: 200 });
      expect(await survivors(marker)).toBe(0);
    },
  );
});

describe('containment option', () => {
  it('rejects an unknown mechanism before spawning', () => {
    // @ts-expect-error not a mechanism
    expect(() => run('true', { containment: 'jail' })).toThrow(/containment/);
  });

  it("removes each execution's cgroup once it is over", async () => {
    const home = cgroupHome();
    expect(home).not.toBeNull();
    await Promise.all(Array.from({ length: 5 }, () => run('sh', ['-c', 'sleep 100 & echo']).result));
    const left = () => readdirSync(home?.parent as string).filter((n) => /^e\d+$/.test(n)).length;
    expect(await waitFor(left, (n) => n === 0)).toBe(0);
  });

  it("'auto' falls back to the walk without a writable cgroup v2; 'cgroup' then refuses", async () => {
    const home = cgroupHome();
    resetCgroupHome(null);
    try {
      expect(openContainment('auto').mechanism).toBe('process-tree');
      expect(() => openContainment('cgroup')).toThrow(
        expect.objectContaining({ code: 'UNSUPPORTED_CAPABILITY' }),
      );
      const outcome = await run('true', { containment: 'cgroup' }).result;
      expect(outcome.failure?.code).toBe('UNSUPPORTED_CAPABILITY');
      const marker = newMarker();
      const session = spawn('sh', ['-c', `setsid sleep ${marker} & sleep ${marker}`]);
      await treeUp(marker, 3);
      await session.cancel();
      expect(await survivors(marker)).toBe(0);
    } finally {
      resetCgroupHome(home);
    }
  });
});
