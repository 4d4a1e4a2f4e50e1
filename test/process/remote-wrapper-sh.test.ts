import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REMOTE_WRAPPER_SH } from '../../src/process/remote-wrapper-sh.js';

// The wrapper run locally, as the remote login shell would exec it; `line` is the command line.
function wrapped(line: string, input = '') {
  return spawnSync('/bin/sh', ['-c', REMOTE_WRAPPER_SH, 'ep-remote', line], { input, timeout: 10_000 });
}

describe('the remote wrapper', () => {
  it('starts the command with no signal ignored (so Ctrl-C and a hangup still reach it)', () => {
    const result = wrapped('exec grep SigIgn /proc/self/status');
    expect(result.stdout.toString()).toBe('SigIgn:\t0000000000000000\n');
  });

  it('gives the command its own stdin and passes its exit status on, a signal death as 128+n', () => {
    expect(wrapped('exec cat', 'through\n').stdout.toString()).toBe('through\n');
    expect(wrapped('exit 7').status).toBe(7);
    expect(wrapped('kill -TERM $$').status).toBe(143);
  });
});
