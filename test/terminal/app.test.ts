import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTerminal, type Terminal, type TerminalApp, terminals } from '../../src/terminal/index.js';
import { Screen, watchUntil } from './screen.js';

const opened: Terminal[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 200 })));
});

function host(app: TerminalApp, options: Parameters<typeof openTerminal>[1] = {}): Terminal {
  const terminal = openTerminal(app, options as never);
  opened.push(terminal);
  return terminal;
}

/** A tiny line app: greets with its size, echoes lines, reports resizes, quits on `q`. */
const echoApp: TerminalApp = (io) =>
  new Promise<void>((quit) => {
    io.write(`app ready ${io.cols}x${io.rows}\r\n> `);
    io.onResize((cols, rows) => io.write(`\r\nresized ${cols}x${rows}\r\n> `));
    io.onInput((data) => {
      if (data === 'q') return quit();
      io.write(`echo: ${data}\r\n> `);
    });
  });

describe('in-process apps', () => {
  it('hosts an app: output, input, resize events; its quit tears the terminal down and nothing restarts it', async () => {
    let starts = 0;
    const terminal = host(
      (io) => {
        starts++;
        return echoApp(io);
      },
      { id: 'app-echo', cols: 100, rows: 30 },
    );
    await terminal.ready();
    const screen = new Screen(100, 30);
    const viewer = terminal.attach();
    await watchUntil(viewer, screen, (t) => t.includes('app ready 100x30'));
    await terminal.write('hello');
    await watchUntil(viewer, screen, (t) => t.includes('echo: hello'));
    await terminal.resize(120, 40);
    await watchUntil(viewer, screen, (t) => t.includes('resized 120x40'));
    expect(terminals.info('app-echo')).toMatchObject({ command: null, pid: null, cols: 120, rows: 40 });
    await terminal.write('q');
    const outcome = await terminal.result;
    expect(outcome.status).toBe('succeeded');
    expect(viewer.ended).toBe(true);
    expect(terminals.get('app-echo')).toBeUndefined();
    await sleep(100);
    expect(starts).toBe(1);
    expect(terminals.list().map((i) => i.terminal_id)).not.toContain('app-echo');
    expect(await terminal.write('late').catch((e: unknown) => e)).toMatchObject({ code: 'SESSION_ENDED' });
  });

  it('aborts the app signal on close; an app that ignores it is cancelled after graceMs', async () => {
    let aborted = false;
    const polite = host(async (io) => {
      await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve()));
      aborted = true;
    });
    await polite.ready();
    expect((await polite.close()).status).toBe('succeeded');
    expect(aborted).toBe(true);
    const stubborn = host(() => new Promise<void>(() => {}));
    await stubborn.ready();
    const started = Date.now();
    expect((await stubborn.close({ graceMs: 100 })).status).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails the outcome when the app throws, and keeps input typed before the app listens', async () => {
    const failing = host(() => {
      throw new Error('boom');
    });
    const outcome = await failing.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure?.reason).toContain('boom');
    const late = host(async (io) => {
      await sleep(50);
      const first = await new Promise<string>((resolve) => io.onInput(resolve));
      io.write(`first: ${first}\r\n`);
    });
    await late.write('early');
    const viewer = late.attach();
    let seen = '';
    for await (const text of viewer) seen += text;
    expect(seen).toContain('first: early');
  });

  it('runs an Ink app unchanged: what a person sees is its box and counter', async () => {
    // Ink renders only its last frame in CI; a person at a terminal sees every frame.
    vi.stubEnv('CI', '0');
    vi.stubEnv('CONTINUOUS_INTEGRATION', '0');
    const { inkCounter } = await import('../fixtures/terminal/ink-counter.js');
    const terminal = host(inkCounter, { id: 'ink', cols: 60, rows: 12 });
    await terminal.ready();
    const screen = new Screen(60, 12);
    const viewer = terminal.attach();
    await watchUntil(viewer, screen, (t) => t.includes('count: 0'));
    await terminal.write('+');
    await watchUntil(viewer, screen, (t) => t.includes('count: 1'));
    await terminal.write('+');
    const shown = await watchUntil(viewer, screen, (t) => t.includes('count: 2'));
    expect(shown).toContain('╭');
    expect(shown).toContain('press + to count, q to quit');
    expect(shown).not.toContain('count: 1');
    await terminal.write('q');
    expect((await terminal.result).status).toBe('succeeded');
    expect(terminals.get('ink')).toBeUndefined();
    vi.unstubAllEnvs();
  });

  it('refuses program-only options for an app before starting it', () => {
    let ran = false;
    expect(() =>
      openTerminal(
        () => {
          ran = true;
        },
        { cwd: '/' },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTIONS' }));
    expect(ran).toBe(false);
  });
});
