import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { openTerminal, type Terminal, type TerminalOptions, terminals } from '../../src/terminal/index.js';
import { readUntil } from './read-until.js';

const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const opened: Terminal[] = [];

function open(options: TerminalOptions = {}): Terminal {
  const terminal = openTerminal(process.execPath, [consoleFixture], options);
  opened.push(terminal);
  return terminal;
}

/** Reads a viewer until its text contains `needle` (bounded by the test timeout). */

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 200 })));
});

describe('operator terminal', () => {
  it('hosts a program on a PTY and echoes typed input to a viewer', async () => {
    const terminal = open({ cols: 100, rows: 30 });
    const viewer = terminal.attach();
    expect(await readUntil(viewer, 'console ready 100x30')).toContain('> ');
    await terminal.write('hello\r');
    expect(await readUntil(viewer, 'echo: hello')).toContain('echo: hello');
  });

  it('replays the scrollback to a viewer that attaches late, and only live output without replay', async () => {
    const terminal = open();
    await readUntil(terminal.attach(), 'console ready');
    await terminal.write('first\r');
    const early = terminal.attach();
    await readUntil(early, 'echo: first');
    const late = terminal.attach();
    const live = terminal.attach({ replay: false });
    await terminal.write('second\r');
    const lateText = await readUntil(late, 'echo: second');
    expect(lateText).toContain('console ready');
    expect(lateText).toContain('echo: first');
    const liveText = await readUntil(live, 'echo: second');
    expect(liveText).not.toContain('console ready');
  });

  it('bounds the scrollback by bytes', async () => {
    const terminal = open({ scrollbackBytes: 4_096 });
    const viewer = terminal.attach();
    await readUntil(viewer, 'console ready');
    await terminal.write('flood 50000\r');
    await readUntil(viewer, 'flood done');
    expect(terminal.info().scrollback_bytes).toBeLessThanOrEqual(4_096);
    const late = terminal.attach();
    late.detach();
    let replay = '';
    for await (const text of late) replay += text;
    expect(Buffer.byteLength(replay)).toBeLessThanOrEqual(4_096);
    expect(replay).not.toContain('console ready');
  });

  it('never lets a viewer that does not read stall the program or other viewers', async () => {
    const terminal = open({ viewerBufferBytes: 8_192 });
    const stalled = terminal.attach();
    const reader = terminal.attach();
    await readUntil(reader, 'console ready');
    await terminal.write('flood 200000\r');
    await readUntil(reader, 'flood done');
    expect(stalled.droppedBytes).toBeGreaterThan(150_000);
    let kept = '';
    stalled.detach();
    for await (const text of stalled) kept += text;
    expect(Buffer.byteLength(kept)).toBeLessThanOrEqual(8_192);
  });

  it('resizes the PTY and the program sees SIGWINCH', async () => {
    const terminal = open();
    const viewer = terminal.attach();
    await readUntil(viewer, 'console ready 80x24');
    await terminal.resize(132, 43);
    expect(await readUntil(viewer, 'resized 132x43')).toContain('resized 132x43');
    expect(terminal.info()).toMatchObject({ cols: 132, rows: 43 });
  });

  it('registers terminals by id, lists them sorted, and stops them by id', async () => {
    const b = open({ id: 'ops-b' });
    const a = open({ id: 'ops-a' });
    await Promise.all([readUntil(a.attach(), 'ready'), readUntil(b.attach(), 'ready')]);
    expect(terminals.get('ops-a')).toBe(a);
    const ids = terminals.list().map((i) => i.terminal_id);
    expect(ids.indexOf('ops-a')).toBeLessThan(ids.indexOf('ops-b'));
    expect(terminals.list().find((i) => i.terminal_id === 'ops-a')).toMatchObject({
      status: 'running',
      viewers: 1,
      pid: a.pid,
      command: process.execPath,
    });
    const pid = a.pid as number;
    expect(await terminals.stop('ops-a')).toBe(true);
    expect(await terminals.stop('ops-a')).toBe(false);
    expect(terminals.get('ops-a')).toBeUndefined();
    expect(alive(pid)).toBe(false);
  });

  it('leaves the registry and ends every viewer when the program quits on its own', async () => {
    const terminal = open({ id: 'quitter' });
    const viewer = terminal.attach();
    await readUntil(viewer, 'ready');
    await terminal.write('quit\r');
    const outcome = await terminal.result;
    expect(outcome.status).toBe('succeeded');
    expect(viewer.ended).toBe(true);
    expect(terminals.get('quitter')).toBeUndefined();
    const error = (() => {
      try {
        terminal.attach();
      } catch (e) {
        return e;
      }
    })();
    expect(isExecutionError(error) && error.code).toBe('SESSION_ENDED');
    expect(await terminal.write('late\r').catch((e: unknown) => e)).toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('follows the session contract: ready(), and SESSION_ENDED with the cause after a failed start', async () => {
    const ok = open();
    await ok.ready();
    expect(ok.pid).toBeGreaterThan(0);
    const missing = openTerminal('/definitely/missing-command');
    opened.push(missing);
    const ready = await missing.ready().catch((e: unknown) => e);
    expect(ready).toMatchObject({ code: 'SESSION_ENDED', cause: { code: 'COMMAND_NOT_FOUND' } });
    expect(await missing.resize(100, 40).catch((e: unknown) => e)).toMatchObject({
      code: 'SESSION_ENDED',
      cause: { code: 'COMMAND_NOT_FOUND' },
    });
    expect((await missing.close()).failure?.code).toBe('COMMAND_NOT_FOUND');
  });

  it('refuses duplicate ids, too many viewers and bad options with typed errors before starting', async () => {
    const terminal = open({ id: 'unique', maxViewers: 1 });
    expect(() => open({ id: 'unique' })).toThrow(/already open/);
    terminal.attach();
    expect(() => terminal.attach()).toThrow(/already has 1 viewers/);
    for (const bad of [{ cols: 0 }, { scrollbackBytes: -1 }, { id: '' }, { shell: true }, { cwd: 5 }]) {
      let caught: unknown;
      try {
        openTerminal(process.execPath, [consoleFixture], bad as never);
      } catch (e) {
        caught = e;
      }
      expect(isExecutionError(caught) && caught.code).toBe('INVALID_OPTIONS');
    }
    expect(terminals.list().map((i) => i.terminal_id)).toEqual(['unique']);
  });
});
