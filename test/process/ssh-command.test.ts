import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { type RemoteLaunch, remoteCommandLine, shellQuote, sshArgv } from '../../src/process/ssh-command.js';

const launch = (over: Partial<RemoteLaunch> = {}): RemoteLaunch => ({
  command: 'printf',
  args: [],
  cwd: undefined,
  env: undefined,
  clearEnv: false,
  inheritEnv: undefined,
  user: undefined,
  pty: false,
  ...over,
});

// What a POSIX login shell does with the remote command line (sshd runs `$SHELL -c <line>`).
function runRemotely(line: string, env: Record<string, string> = {}): string {
  const result = spawnSync('/bin/sh', ['-c', line], { env: { PATH: process.env.PATH ?? '', ...env } });
  return result.stdout.toString('utf8');
}

// Printable and awkward characters, no NUL (argv cannot carry it).
const argument = fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !s.includes('\0'));

describe('shell quoting for the ssh surface', () => {
  it('quotes single quotes by closing, escaping and reopening', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it('round-trips any argv through a POSIX shell exactly', () => {
    fc.assert(
      fc.property(fc.array(argument, { minLength: 1, maxLength: 6 }), (args) => {
        const line = remoteCommandLine(launch({ args: ['%s\\0', ...args] }), 'test');
        const out = runRemotely(line);
        expect(out.split('\0').slice(0, -1)).toEqual(args);
      }),
      { numRuns: 150 },
    );
  });

  it('applies cwd, env overlay, clearing and allow-listed inheritance on the remote side', () => {
    const env = { A: "x y 'z' $HOME", 'B-C': 'ok' };
    const withEnv = remoteCommandLine(launch({ command: 'env', cwd: '/tmp', env }), 'test');
    expect(withEnv.startsWith(`cd '/tmp' && exec env`)).toBe(true);
    const shown = runRemotely(withEnv);
    expect(shown).toContain("A=x y 'z' $HOME\n");
    expect(shown).toContain('B-C=ok\n');
    const cleared = runRemotely(
      remoteCommandLine(launch({ command: '/usr/bin/env', clearEnv: true, env: { ONLY: '1' } }), 't'),
    );
    expect(cleared).toBe('ONLY=1\n');
    const allowed = runRemotely(
      remoteCommandLine(launch({ command: '/usr/bin/env', inheritEnv: ['KEEP', 'UNSET_ONE'] }), 't'),
      { KEEP: 'kept value', DROP: 'x' },
    );
    expect(allowed).toBe('KEEP=kept value\n');
  });

  it('rejects what the remote env command cannot express', () => {
    const thrown = (() => {
      try {
        remoteCommandLine(launch({ command: 'a=b', env: { X: '1' } }), 'test');
      } catch (e) {
        return e;
      }
    })();
    expect(isExecutionError(thrown) && thrown.code).toBe('INVALID_OPTIONS');
    expect(() => remoteCommandLine(launch({ inheritEnv: ['not-a-name'] }), 'test')).toThrow(/inheritEnv/);
  });

  it('builds argv with safe defaults, caller options first, and the destination after --', () => {
    const argv = sshArgv(
      {
        kind: 'ssh',
        destination: 'host.example',
        port: 2222,
        identityFile: '/k/id',
        knownHostsFile: '/k/known_hosts',
        sshOptions: { BatchMode: 'no' },
        sshArgs: ['-4'],
      },
      launch({ command: 'ls', user: 'deploy', pty: true }),
      'test',
    );
    expect(argv.slice(0, -1)).toEqual([
      '-tt',
      '-e',
      'none',
      '-o',
      'BatchMode=no',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'ConnectTimeout=10',
      '-o',
      'UserKnownHostsFile=/k/known_hosts',
      '-p',
      '2222',
      '-i',
      '/k/id',
      '-o',
      'IdentitiesOnly=yes',
      '-l',
      'deploy',
      '-4',
      '--',
      'host.example',
    ]);
    // With a PTY too, the command runs under the fixed wrapper; caller text is only its last argument.
    const invocation = argv.at(-1) ?? '';
    expect(invocation.startsWith("exec sh -c 'pp=$PPID")).toBe(true);
    expect(invocation.endsWith(`' ep-remote 'exec '\\''ls'\\'''`)).toBe(true);
    expect(sshArgv({ kind: 'ssh', destination: 'h' }, launch(), 't')[0]).toBe('-T');
  });
});
