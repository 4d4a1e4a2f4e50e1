import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type SshSurfaceOptions, spawn } from '../../src/process/index.js';
import { sshSurface, startSshd, type TestSshd } from './support/sshd.js';
import { markerPerTest, sleepsUp, survivors } from './support/survivors.js';

// sshd runs on this machine, so the remote tree is visible in /proc: counted by its marker.
let sshd: TestSshd;
let surface: SshSurfaceOptions;
beforeAll(async () => {
  sshd = await startSshd();
  surface = sshSurface(sshd);
});
afterAll(async () => {
  await sshd?.stop();
});
const newMarker = markerPerTest();

// A remote tree with a setpgid escape (timeout) beside a plain child; both `sleep`s carry the marker.
function remoteTree(): { marker: string; args: string[] } {
  const marker = newMarker();
  return { marker, args: ['-c', `timeout 1000 sleep ${marker} & sleep ${marker}`] };
}

describe('ssh without a PTY: the remote tree dies with the connection', () => {
  it('on cancel', { timeout: 15_000 }, async () => {
    const { marker, args } = remoteTree();
    const session = spawn('sh', args, { surface });
    expect(await sleepsUp(marker, 2)).toBe(2);
    expect((await session.cancel()).status).toBe('cancelled');
    expect(await survivors(marker, 6_000)).toBe(0);
  });

  it('on timeout', { timeout: 15_000 }, async () => {
    const { marker, args } = remoteTree();
    const execution = run('sh', args, { surface, timeoutMs: 1_500 });
    expect(await sleepsUp(marker, 2)).toBe(2);
    expect((await execution.result).status).toBe('timed_out');
    expect(await survivors(marker, 6_000)).toBe(0);
  });

  it('on close', { timeout: 15_000 }, async () => {
    const { marker, args } = remoteTree();
    const session = spawn('sh', args, { surface });
    expect(await sleepsUp(marker, 2)).toBe(2);
    await session.close({ graceMs: 100 });
    expect(await survivors(marker, 6_000)).toBe(0);
  });

  it('when the command ends on its own, its leftovers die and its exit code comes back', {
    timeout: 15_000,
  }, async () => {
    const marker = newMarker();
    const outcome = await run('sh', ['-c', `timeout 1000 sleep ${marker} & sleep 0.3; exit 7`], { surface })
      .result;
    expect(outcome.output?.exit_code).toBe(7);
    expect(await survivors(marker, 6_000)).toBe(0);
  });

  it('stdin still reaches the command, and EOF ends it', { timeout: 15_000 }, async () => {
    const output = await run('cat', { surface, stdin: 'through the wrapper\n' }).output();
    expect(output.stdout).toBe('through the wrapper');
  });
});
