import { afterEach, describe, expect, it } from 'vitest';
import { type Attachment, type AttachmentEnd, terminalPortOf } from '../../src/internal/attach-trail.js';
import { openTerminal, type Terminal, type TerminalApp } from '../../src/terminal/index.js';
import type { TerminalViewer } from '../../src/terminal/viewer.js';
import { grantFor, revocationOf } from './grants.js';
import { readUntil } from './read-until.js';

const opened: Terminal[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 100 })));
});

/** Echoes every input as `got: …`; `flood` prints 64 KiB; never quits by itself. */
const echo: TerminalApp = (io) =>
  new Promise<void>((resolve) => {
    io.write('ready\r\n');
    io.onInput((data) => io.write(data === 'flood' ? `${'x'.repeat(65_536)}\r\n` : `got: ${data}\r\n`));
    io.signal.addEventListener('abort', () => resolve());
  });

async function hosted(options: Parameters<typeof openTerminal>[1] = {}) {
  const terminal = openTerminal(echo, options);
  opened.push(terminal);
  await terminal.ready();
  const seen: Attachment[] = [];
  terminalPortOf<TerminalViewer>(terminal)?.observe((attachment) => seen.push(attachment));
  return { terminal, seen };
}

describe('the attach trail of a viewer (counts, never content)', () => {
  it('counts input taken, output given and the end of an in-process attach', async () => {
    const { terminal, seen } = await hosted({ id: 'trail-counts' });
    const viewer = terminal.attach({ mode: 'control' });
    const [attachment] = seen;
    expect(attachment?.start).toMatchObject({
      terminal_id: 'trail-counts',
      mode: 'control',
      grant_ref: null,
      transport: 'in_process',
      principal: null,
    });
    await readUntil(viewer, 'ready');
    await viewer.write('héllo');
    await readUntil(viewer, 'got: héllo');
    // Refused input (past the rate or read-only) is not counted: only what the terminal took.
    const watcher = terminal.attach();
    await expect(watcher.write('nope')).rejects.toMatchObject({ code: 'READ_ONLY' });
    viewer.detach();
    const end = (await attachment?.ended) as AttachmentEnd;
    expect(end).toMatchObject({
      reason: 'detach',
      code: null,
      input_count: 1,
      input_bytes: 6,
      dropped_bytes: 0,
    });
    expect(end.output_bytes).toBe('ready\r\n'.length + 'got: héllo\r\n'.length + 1);
    watcher.detach();
    expect(await seen[1]?.ended).toMatchObject({ input_count: 0, input_bytes: 0 });
  });

  it('reports dropped output, a revocation, a connection end and the terminal end as reasons', async () => {
    const { terminal, seen } = await hosted({ id: 'trail-ends', viewerBufferBytes: 1_024 });
    const slow = terminal.attach({ mode: 'control' });
    await slow.write('flood');
    // One chunk larger than the viewer's buffer: dropped whole, never read (bounded wait).
    const deadline = Date.now() + 2_000;
    while (slow.droppedBytes === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const port = terminalPortOf<TerminalViewer>(terminal);
    const grant = grantFor('trail-ends', { ref: 'g-ends' });
    const held = port?.attach({ grant }, { transport: 'node', principal: 'bob', attachId: 'a-1' });
    const carried = port?.attach({}, { transport: 'node', principal: 'bob', attachId: 'a-2' });
    expect(held?.attachment.start).toMatchObject({ attach_id: 'a-1', grant_ref: 'g-ends', principal: 'bob' });
    terminal.revoke(revocationOf('g-ends'));
    expect(await held?.attachment.ended).toMatchObject({ reason: 'revoked', code: 'ATTACH_REVOKED' });
    carried?.attachment.end('connection_closed');
    expect(await carried?.attachment.ended).toMatchObject({ reason: 'connection_closed' });
    expect(carried?.viewer.ended).toBe(true);
    await terminal.close({ graceMs: 100 });
    const flooded = await seen[0]?.ended;
    expect(flooded?.reason).toBe('terminal_ended');
    // Given: the replayed `ready` line and the flood; it never read, so the flood pushed out both.
    const given = 'ready\r\n'.length + 65_536 + 2;
    expect(flooded).toMatchObject({ output_bytes: given, dropped_bytes: given });
    expect(seen.map((a) => a.start.transport)).toEqual(['in_process', 'node', 'node']);
  });
});
