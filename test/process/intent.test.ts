import { describe, expect, it } from 'vitest';
import { startExecution } from '../../src/core/index.js';
import { processLane } from '../../src/process/index.js';
import { type ProcessIntentLike, processPayloadFromIntent } from '../../src/process/intent.js';
import { codeOf } from './support/errors.js';

const route = {
  protocol: 'process',
  placement_family: 'local',
  resolved_target: {},
  resolved_budget: { timeout_ms: 5_000 },
};
const intent: ProcessIntentLike = {
  command: 'sh',
  argv: ['-c', 'echo "$A"; cat'],
  env_projection: { A: 'env-ok' },
  cwd: '/tmp',
  stdin: 'raw stdin',
  clear_env: false,
  stdio_mode: 'pipe',
  stderr_mode: 'separate',
  close_stdin: true,
  execution_surface: {},
  shutdown_policy: { graceful_timeout_ms: 250 },
};

describe('processPayloadFromIntent', () => {
  it('maps a local intent to a payload that runs as the intent says', async () => {
    const payload = processPayloadFromIntent(intent, route);
    expect(payload).toEqual({
      command: 'sh',
      args: ['-c', 'echo "$A"; cat'],
      cwd: '/tmp',
      env: { A: 'env-ok' },
      stdin: 'raw stdin',
      closeStdin: true,
      stderr: 'separate',
      forceKillAfterMs: 250,
    });
    const output = await startExecution(processLane, payload, {
      timeoutMs: route.resolved_budget.timeout_ms,
    }).output();
    expect(output.stdout).toBe('env-ok\nraw stdin');
  });

  it('maps stdio, stderr, JSON stdin and clear_env', () => {
    const payload = processPayloadFromIntent(
      {
        command: 'x',
        stdio_mode: 'pty',
        stderr_mode: 'stdout',
        stdin: { a: 1 },
        clear_env: true,
        env_projection: { N: 3, B: true },
      },
      route,
    );
    expect(payload).toMatchObject({
      pty: true,
      stderr: 'merge',
      stdin: { json: { a: 1 } },
      clearEnv: true,
      env: { N: '3', B: 'true' },
    });
  });

  it('maps ssh and guest surfaces from execution_surface.v1 transport options', () => {
    const ssh = processPayloadFromIntent(
      {
        command: 'uptime',
        user: 'ops',
        execution_surface: {
          surface_kind: 'ssh_exec',
          transport_options: {
            destination: 'db1',
            port: 2222,
            ssh_options: { Compression: true },
            identity_file: '/k',
          },
        },
      },
      { ...route, placement_family: 'ssh' },
    );
    expect(ssh).toMatchObject({
      user: 'ops',
      surface: {
        kind: 'ssh',
        destination: 'db1',
        port: 2222,
        sshOptions: { Compression: 'yes' },
        identityFile: '/k',
      },
    });
    const guest = processPayloadFromIntent(
      {
        command: 'ls',
        execution_surface: {
          surface_kind: 'guest_bridge',
          transport_options: {
            endpoint: { kind: 'unix_socket', path: '/run/b.sock' },
            bridge_ref: 'vm-1',
            request_timeout_ms: 900,
          },
        },
      },
      { ...route, placement_family: 'guest' },
    );
    expect(guest.surface).toEqual({
      kind: 'guest',
      endpoint: { kind: 'unix', path: '/run/b.sock' },
      bridgeRef: 'vm-1',
      requestTimeoutMs: 900,
    });
  });

  it('rejects a route for another protocol, a placement mismatch and unknown surfaces', () => {
    expect(codeOf(() => processPayloadFromIntent(intent, { ...route, protocol: 'http' }))).toBe(
      'INVALID_CONTRACT',
    );
    expect(codeOf(() => processPayloadFromIntent(intent, { ...route, placement_family: 'ssh' }))).toBe(
      'INVALID_CONTRACT',
    );
    expect(
      codeOf(() =>
        processPayloadFromIntent({ ...intent, execution_surface: { surface_kind: 'container' } }, route),
      ),
    ).toBe('INVALID_CONTRACT');
    // The mapping does not validate: the lane's plan does, once, for every payload.
    const payload = processPayloadFromIntent({ ...intent, stderr_mode: 'both' }, route);
    expect(codeOf(() => processLane.plan(payload))).toBe('INVALID_OPTIONS');
  });
});
