import { describe, expect, it } from 'vitest';
import { SURFACE_KINDS } from '../../src/core/placements/surface-kinds.js';
import { surfaceCapabilities as placementCapabilities } from '../../src/core/placements/surface-lookup.js';
import { surfaceCapabilities } from '../../src/process/capabilities.js';
import { processLane, run, spawn } from '../../src/process/index.js';
import { thrown } from './support/errors.js';
import { openFdCount } from './support/fixtures.js';

describe('options funnel: errors before any I/O', () => {
  it('names the option and the value for invalid options', () => {
    const cases: Array<[() => unknown, string]> = [
      [() => run('ls', { maxLineBytes: -1 } as never), 'maxLineBytes'],
      [() => run('ls', { maxBufferBytes: 1.5 }), 'maxBufferBytes'],
      [() => run('ls', { framing: 'words' } as never), 'framing'],
      [() => run('ls', { killSignal: 'SIGNOPE' }), 'killSignal'],
      [() => run('ls', { bogus: true } as never), 'bogus'],
      [() => run('ls', ['a\0b']), 'args.0'],
      [() => run('', []), 'command'],
      [() => run('ls', { env: { 'A=B': 'x' } }), 'env'],
      [() => run('ls', { timeoutMs: 0 }), 'timeoutMs'],
      [() => run('ls', { clearEnv: true, inheritEnv: ['PATH'] }), 'inheritEnv'],
      [() => run('ls', { stdin: { json: 10n } } as never), 'stdin.json'],
      [() => run('ls', { surface: { kind: 'ssh', destination: '-oProxyCommand=x' } }), 'surface.destination'],
      [() => spawn('ls', { pty: { cols: 0 } }), 'pty'],
    ];
    for (const [fn, option] of cases) {
      const error = thrown(fn);
      expect(error.code, option).toBe('INVALID_OPTIONS');
      expect(String(error.details.option), option).toContain(option);
    }
  });

  it('accepts options without args and rejects a non-object', () => {
    expect(() => run('true', { cwd: '/' }).cancel()).not.toThrow();
    expect(thrown(() => run('true', [], 5 as never)).code).toBe('INVALID_OPTIONS');
  });

  it('never echoes an attach token', () => {
    const error = thrown(() =>
      run('ls', {
        surface: { kind: 'guest', bridgeRef: 'b', attachToken: 42 as never, connect: () => null as never },
      }),
    );
    expect(error.message).toContain('attachToken');
    expect(error.message).not.toContain('42');
  });

  it('rejects what the surface cannot do with UNSUPPORTED_CAPABILITY, before spawning', () => {
    const before = openFdCount();
    const error = thrown(() => run('whoami', { user: 'nobody' }));
    expect(error.code).toBe('UNSUPPORTED_CAPABILITY');
    expect(error.failureClass).toBe('placement_unavailable');
    expect(error.details).toMatchObject({ capability: 'user', surface: 'local' });
    expect(openFdCount()).toBe(before);
    expect(surfaceCapabilities('local').supports_user).toBe(false);
    expect(surfaceCapabilities('ssh').supports_user).toBe(true);
  });

  it('the process lane and core placements read one capability table', () => {
    const pairs = [
      ['local', 'local_subprocess'],
      ['ssh', 'ssh_exec'],
      ['guest', 'guest_bridge'],
    ] as const;
    for (const [surface, kind] of pairs) {
      expect(placementCapabilities(kind), kind).toEqual(surfaceCapabilities(surface));
      expect(SURFACE_KINDS[kind].capabilities, kind).toBe(surfaceCapabilities(surface));
    }
    expect(placementCapabilities('local_subprocess')?.supports_user).toBe(false);
  });

  it('suggests the nearest key for a typo, execution options included', () => {
    expect(thrown(() => run('ls', { cwdd: '/' } as never)).details.suggestion).toBe('cwd');
    expect(thrown(() => run('ls', { timeout: 5 } as never)).details.suggestion).toBe('timeoutMs');
  });

  it('validates processLane payloads the same way, once, into one plan', () => {
    expect(thrown(() => processLane.plan({ command: 'ls', shell: true })).code).toBe('INVALID_OPTIONS');
    expect(thrown(() => processLane.plan({ command: 'ls', user: 'x' })).code).toBe('UNSUPPORTED_CAPABILITY');
    const plan = processLane.plan({ command: 'ls', args: ['-l'] });
    expect(plan.payload).toEqual({ command: 'ls', args: ['-l'] });
    expect(plan.settings).toMatchObject({
      command: 'ls',
      args: ['-l'],
      closeStdin: true,
      maxBufferBytes: 16 * 1024 * 1024,
    });
    expect(plan.launch).toMatchObject({ kind: 'spawn', spawn: { command: 'ls', args: ['-l'] } });
    expect(processLane.executionDefaults?.(plan)).toEqual({ eventQueueCapacity: 128, abortGraceMs: 5_000 });
    const slow = processLane.plan({ command: 'ls', forceKillAfterMs: 10_000 });
    expect(processLane.executionDefaults?.(slow).abortGraceMs).toBe(11_200);
    expect(processLane.capabilities).toMatchObject({
      lane_id: 'process',
      surfaces: ['local_subprocess', 'ssh_exec', 'guest_bridge'],
    });
  });
});
