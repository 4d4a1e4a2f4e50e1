import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cgroupHome, cgroupLauncher, resetCgroupLauncher } from '../../src/process/cgroup.js';
import { run, spawn } from '../../src/process/index.js';
import { markerPerTest, survivors } from './support/survivors.js';

const newMarker = markerPerTest();
afterEach(() => resetCgroupLauncher());

const ownCgroup = () => readFileSync('/proc/self/cgroup', 'utf8');

describe('cgroup containment with the launcher (dash as /bin/sh)', () => {
  it('is what this machine uses', () => {
    expect(cgroupHome()).not.toBeNull();
    expect(cgroupLauncher()).toBe('/bin/sh');
  });

  it('starts the program inside its own cgroup while this process never moves', async () => {
    const before = ownCgroup();
    const { stdout } = await run('cat', ['/proc/self/cgroup']).output();
    expect(stdout).toMatch(/^0::.*\/execution-plane-\d+\/e\d+$/m);
    expect(ownCgroup()).toBe(before);
  });

  it('passes the environment exactly: PWD absent stays absent, a stale PWD stays as given', async () => {
    const cleared = await run('/usr/bin/env', { clearEnv: true, env: { ONLY: '1' } }).output();
    expect(cleared.stdout).toBe('ONLY=1');
    // Upper-cased by awk: env values are scrubbed from output as secrets, this shows it arrived.
    const stale = await run('/usr/bin/awk', ['BEGIN { print toupper(ENVIRON["PWD"]) }'], {
      clearEnv: true,
      env: { PWD: '/nowhere' },
    }).output();
    expect(stale.stdout).toBe('/NOWHERE');
  });

  it('keeps argv exact and the exit status (the program replaces the launcher)', async () => {
    const args = ['a b', '$HOME', '"q"', "it's", '-', '=x'];
    const { stdout } = await run('printf', ['%s\\n', ...args]).output();
    expect(stdout.split('\n')).toEqual(args);
    const outcome = await run('sh', ['-c', 'exit 7']).result;
    expect(outcome.output).toMatchObject({ exit_code: 7, signal: null });
  });

  it('reports a missing or non-executable program as before (typed, nothing spawned)', async () => {
    const missing = await run('ep-no-such-command-here').result;
    expect(missing.failure?.code).toBe('COMMAND_NOT_FOUND');
    const dir = mkdtempSync(join(tmpdir(), 'ep-launch-'));
    writeFileSync(join(dir, 'plain.txt'), 'not a program');
    const notExecutable = await run('./plain.txt', { cwd: dir }).result;
    expect(notExecutable.failure?.code).toBe('COMMAND_NOT_EXECUTABLE');
    writeFileSync(join(dir, 'tool.sh'), '#!/bin/sh\necho from-tool\n');
    chmodSync(join(dir, 'tool.sh'), 0o755);
    expect((await run('./tool.sh', { cwd: dir }).output()).stdout).toBe('from-tool');
    // Without PATH a bare name is still found where exec looks by default.
    expect((await run('sh', ['-c', 'echo ok'], { clearEnv: true }).output()).stdout).toBe('ok');
  });

  it('a cancel in the first instant still leaves nothing behind', async () => {
    for (let i = 0; i < 5; i++) {
      const marker = newMarker();
      const session = spawn('sh', ['-c', `sleep ${marker} & sleep ${marker}`]);
      await session.cancel();
      expect(await survivors(marker, 1_000)).toBe(0);
    }
  });
});

describe('cgroup containment without a launcher (another /bin/sh): this process steps in for the fork', () => {
  it('still starts the program in its own cgroup and contains its tree', async () => {
    resetCgroupLauncher(null);
    const { stdout } = await run('cat', ['/proc/self/cgroup']).output();
    expect(stdout).toMatch(/^0::.*\/execution-plane-\d+\/e\d+$/m);
    const marker = newMarker();
    const session = spawn('sh', ['-c', `(setsid sleep ${marker} &); sleep ${marker}`]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await session.cancel();
    expect(await survivors(marker, 1_000)).toBe(0);
  });
});
