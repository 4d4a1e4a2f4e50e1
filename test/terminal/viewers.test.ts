import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openTerminal,
  type Terminal,
  type TerminalApp,
  type TerminalOptions,
  terminals,
} from '../../src/terminal/index.js';
import { grantFor, revocationOf } from './grants.js';
import { readUntil } from './read-until.js';

const opened: Terminal[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 100 })));
});

/** Echoes every input as `got: …`; prints `size C x R` on resize; never quits by itself. */
const echo: TerminalApp = (io) =>
  new Promise<void>((resolve) => {
    io.write('ready\r\n');
    io.onInput((data) => io.write(`got: ${data}\r\n`));
    io.onResize((c, r) => io.write(`size ${c}x${r}\r\n`));
    io.signal.addEventListener('abort', () => resolve());
  });

function host(options: TerminalOptions = {}, app: TerminalApp = echo): Terminal {
  const terminal = openTerminal(app, options);
  opened.push(terminal);
  return terminal;
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('registry (as the reference: start, info, list sorted by id, stop, port)', () => {
  it('gives info by id or of the only terminal, lists sorted by id, stops, and has unique ids', async () => {
    const only = host({ id: 'β-only' });
    await only.ready();
    expect(terminals.info()).toMatchObject({ terminal_id: 'β-only', status: 'running', surfaces: [] });
    expect(terminals.port()).toBeUndefined();
    host({ id: 'Z-upper' });
    host({ id: 'a-lower' });
    expect(terminals.info()).toBeUndefined(); // more than one: no "only" terminal
    expect(terminals.list().map((i) => i.terminal_id)).toEqual(['Z-upper', 'a-lower', 'β-only']);
    expect(codeOf(() => host({ id: 'a-lower' }))).toBe('TERMINAL_EXISTS');
    expect(await terminals.stop('a-lower')).toBe(true);
    expect(await terminals.stop('a-lower')).toBe(false);
    expect(terminals.info('a-lower')).toBeUndefined();
    expect(terminals.list().map((i) => i.terminal_id)).toEqual(['Z-upper', 'β-only']);
  });
});

describe('viewers', () => {
  it('attaches read-only by default; a view viewer cannot type or resize', async () => {
    const terminal = host();
    const viewer = terminal.attach();
    expect(viewer.mode).toBe('view');
    await readUntil(viewer, 'ready');
    expect(await viewer.write('x').catch((e: unknown) => e)).toMatchObject({ code: 'READ_ONLY' });
    expect(await viewer.resize(90, 30).catch((e: unknown) => e)).toMatchObject({ code: 'READ_ONLY' });
  });

  it('allows one controller unless configured, and the controller types and resizes', async () => {
    const single = host();
    const controller = single.attach({ mode: 'control' });
    expect(codeOf(() => single.attach({ mode: 'control' }))).toBe('CONTROLLER_TAKEN');
    const watcher = single.attach({ mode: 'view' });
    await controller.write('hi');
    await controller.resize(100, 40);
    const seen = await readUntil(watcher, 'size 100x40');
    expect(seen).toContain('got: hi');
    expect(single.info()).toMatchObject({ viewers: 2, controllers: 1, cols: 100, rows: 40 });
    controller.detach();
    expect(single.attach({ mode: 'control' }).mode).toBe('control');
    const pair = host({ maxControllers: 2 });
    pair.attach({ mode: 'control' });
    pair.attach({ mode: 'control' });
    expect(codeOf(() => pair.attach({ mode: 'control' }))).toBe('CONTROLLER_TAKEN');
  });

  it('refuses resizes out of range and input floods with typed errors; others are unaffected', async () => {
    const terminal = host({ inputBytesPerSecond: 1_000 });
    const controller = terminal.attach({ mode: 'control' });
    const watcher = terminal.attach();
    for (const [c, r] of [
      [0, 24],
      [80, 1e9],
      [1.5, 24],
    ] as const) {
      expect(await controller.resize(c, r).catch((e: unknown) => e)).toMatchObject({
        code: 'INVALID_OPTIONS',
      });
    }
    expect(await controller.write('x'.repeat(5_000)).catch((e: unknown) => e)).toMatchObject({
      code: 'INPUT_RATE_EXCEEDED',
    });
    await terminal.write('owner');
    expect(await readUntil(watcher, 'got: owner')).not.toContain('xxxxx');
    expect(terminal.info()).toMatchObject({ cols: 80, rows: 24, status: 'running' });
  });

  it('replays the scrollback on attach and tells a slow viewer how many bytes it lost', async () => {
    const terminal = host({ viewerBufferBytes: 1_024, scrollbackBytes: 2_048 });
    const slow = terminal.attach();
    const reader = terminal.attach();
    for (let i = 0; i < 50; i++) await terminal.write(`line-${i}-${'y'.repeat(50)}`);
    await readUntil(reader, 'line-49-');
    const late = terminal.attach();
    late.detach();
    let replay = '';
    for await (const text of late) replay += text;
    expect(replay).toContain('line-49');
    expect(Buffer.byteLength(replay)).toBeLessThanOrEqual(2_048);
    expect(slow.droppedBytes).toBeGreaterThan(2_000);
  });
});

describe('grants (AttachGrant.v1 on attach, StreamAttachRevocation.v1 detaches)', () => {
  it('requires a valid grant for the terminal: actor, scope, capabilities, expiry', async () => {
    const terminal = host({ id: 'granted', requireGrant: true });
    expect(codeOf(() => terminal.attach())).toBe('ATTACH_FORBIDDEN');
    expect(
      codeOf(() => terminal.attach({ grant: { contract_version: 'ExecutionPlane.AttachGrant.v1' } })),
    ).toBe('ATTACH_FORBIDDEN');
    const noActor = { ...grantFor('granted'), principal_ref: null, system_actor_ref: null };
    expect(codeOf(() => terminal.attach({ grant: noActor }))).toBe('ATTACH_FORBIDDEN');
    expect(codeOf(() => terminal.attach({ grant: grantFor('other') }))).toBe('ATTACH_FORBIDDEN');
    expect(codeOf(() => terminal.attach({ grant: grantFor('granted', { expiresInMs: -1 }) }))).toBe(
      'ATTACH_FORBIDDEN',
    );
    const readOnly = grantFor('granted', { capabilities: ['stream.attach', 'stdio.read'] });
    expect(codeOf(() => terminal.attach({ grant: readOnly, mode: 'control' }))).toBe('ATTACH_FORBIDDEN');
    expect(terminal.attach({ grant: readOnly }).grantRef).toBe('attach-grant://ops/granted');
    const bot = terminal.attach({
      grant: grantFor('granted', { principal: false, ref: 'g-bot' }),
      mode: 'control',
    });
    expect(bot.mode).toBe('control');
  });

  it('detaches the holder of a revoked grant at once and refuses the grant afterwards', async () => {
    const terminal = host({ id: 'revocable', requireGrant: true });
    const grant = grantFor('revocable', { ref: 'g-1' });
    const holder = terminal.attach({ grant });
    const other = terminal.attach({ grant: grantFor('revocable', { ref: 'g-2' }) });
    await readUntil(holder, 'ready');
    expect(terminal.revoke(revocationOf('g-1'))).toBe(1);
    expect(holder.ended).toBe(true);
    expect(holder.endReason?.code).toBe('ATTACH_REVOKED');
    expect(other.ended).toBe(false);
    expect(codeOf(() => terminal.attach({ grant }))).toBe('ATTACH_REVOKED');
    expect(codeOf(() => terminal.revoke({ attach_grant_ref: 'g-2' }))).toBe('INVALID_OPTIONS');
  });
});

describe('recording (asciicast v2)', () => {
  it('records output, input and resizes, and stops at the size cap with a marker', async () => {
    const path = join(tmpdir(), `ep-term-${process.pid}-${Date.now()}.cast`);
    const terminal = host({ recordPath: path, cols: 90, rows: 20 });
    const viewer = terminal.attach();
    await terminal.write('abc');
    await terminal.resize(100, 30);
    await readUntil(viewer, 'size 100x30');
    await terminal.close();
    const lines = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ version: 2, width: 90, height: 20, env: { TERM: 'xterm-256color' } });
    const events = lines.slice(1) as [number, string, string][];
    expect(events).toContainEqual([expect.any(Number), 'i', 'abc']);
    expect(
      events
        .filter((e) => e[1] === 'o')
        .map((e) => e[2])
        .join(''),
    ).toContain('got: abc\r\n');
    expect(events).toContainEqual([expect.any(Number), 'r', '100x30']);
    expect(events.map((e) => e[0])).toEqual([...events.map((e) => e[0])].sort((a, b) => a - b));

    const capped = join(tmpdir(), `ep-term-capped-${process.pid}-${Date.now()}.cast`);
    const small = host({ recordPath: capped, maxRecordingBytes: 400 });
    for (let i = 0; i < 20; i++) await small.write(`input-${i}`);
    await small.close();
    const text = await readFile(capped, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(400);
    expect(text.trim().split('\n').at(-1)).toContain('recording truncated');
  });
});
