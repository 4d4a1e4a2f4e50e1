import { spawn as spawnChild } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { run, spawn } from '../../src/process/index.js';
import { bundle } from './support/bundle.js';
import { readLinesUntil } from './support/events.js';
import { fixture, isAlive, node, waitForDeath } from './support/fixtures.js';

const treePids = (lines: string[]) => lines.filter((l) => /^\d+$/.test(l)).map(Number);
const leftovers: number[] = [];

afterAll(() => {
  for (const pid of leftovers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
});

describe('no orphans: the whole tree dies', () => {
  it('on cancel', async () => {
    const session = spawn('sh', [fixture('fork-tree.sh')]);
    const pids = treePids(await readLinesUntil(session, (l) => l.includes('ready')));
    expect(pids).toHaveLength(5);
    expect(pids.every(isAlive)).toBe(true);
    const outcome = await session.cancel();
    expect(outcome.status).toBe('cancelled');
    expect(await waitForDeath(pids)).toEqual([]);
  });

  it('on timeout', async () => {
    const execution = run('sh', [fixture('fork-tree.sh')], { timeoutMs: 2_000 });
    const pids = treePids(await readLinesUntil(execution, (l) => l.includes('ready')));
    expect(pids.every(isAlive)).toBe(true);
    expect((await execution.result).status).toBe('timed_out');
    expect(await waitForDeath(pids)).toEqual([]);
  });

  it('on close, even when the tree ignores SIGTERM', async () => {
    const session = spawn(
      'sh',
      ['-c', `sh ${fixture('ignore-sigterm.sh')} & sh ${fixture('fork-tree.sh')}`],
      {
        forceKillAfterMs: 300,
      },
    );
    const pids = treePids(await readLinesUntil(session, (l) => l.includes('ready')));
    await session.close({ graceMs: 100 });
    expect(await waitForDeath(pids)).toEqual([]);
  });

  it('when the leader exits on its own: what is left of its group is killed', async () => {
    const output = await run('sh', ['-c', 'sleep 1000 & echo $!']).output();
    expect(await waitForDeath([Number(output.stdout.trim())])).toEqual([]);
  });

  it('when the parent process is SIGKILLed: the watchdog kills the tree', async () => {
    const parentScript = await bundle(fixture('parent-with-tree.ts'));
    const parent = spawnChild(node, [parentScript, fixture('fork-tree.sh')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines: string[] = [];
    for await (const line of createInterface({ input: parent.stdout })) {
      lines.push(line);
      if (line === 'ready') break;
    }
    const pids = treePids(lines);
    leftovers.push(...pids);
    expect(pids).toHaveLength(5);
    expect(pids.every(isAlive)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitForDeath([parent.pid as number], 2_000)).toEqual([]);
    expect(await waitForDeath(pids, 5_000)).toEqual([]);
  });
});

describe('settling', () => {
  it('does not hang on a grandchild that left the group and holds the pipe', async () => {
    const started = Date.now();
    const execution = run('sh', [fixture('hold-pipe.sh')]);
    const outcome = await execution.result;
    const escaped = Number(outcome.output?.stdout.trim());
    leftovers.push(escaped);
    expect(outcome.status).toBe('succeeded');
    // The escapee left the session and its parent is gone: only its cgroup holds it, and
    // cgroup.kill ends it when the leader exits (the process-tree walk cannot: containment.test.ts).
    expect(await waitForDeath([escaped])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
