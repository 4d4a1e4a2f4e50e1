import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createNode,
  type NodeServer,
  RemoteRuntimeClient,
  serveNode,
  sharedTokenAuthenticator,
} from '../../src/node/index.js';
import { openTerminal, type Terminal, terminals } from '../../src/terminal/index.js';
import { grantFor, revocationOf } from './grants.js';
import { readUntil } from './read-until.js';
import { Screen } from './screen.js';

const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const token = 'node-terminal-token';
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const done of cleanup.splice(0).reverse()) await done().catch(() => {});
});

async function serve(
  terminalsOption: boolean | { open?: boolean },
): Promise<{ server: NodeServer; client: RemoteRuntimeClient }> {
  const node = createNode();
  const server = await serveNode(node, {
    authenticate: sharedTokenAuthenticator(token),
    terminals: terminalsOption,
  });
  cleanup.push(() => server.close());
  const client = new RemoteRuntimeClient(server.url, { token });
  cleanup.push(() => client.close());
  await client.ready();
  return { server, client };
}

function own(terminal: Terminal): Terminal {
  cleanup.push(() => terminal.close({ graceMs: 100 }));
  return terminal;
}

describe('terminals through the node (serveNode(node, { terminals }))', () => {
  it('opens, lists, attaches, types, resizes, detaches and stops a terminal on the node', async () => {
    const { client } = await serve({ open: true });
    const info = await client.openTerminal(process.execPath, [consoleFixture], {
      id: 'remote-ops',
      cols: 90,
      rows: 20,
    });
    cleanup.push(() => terminals.stop('remote-ops'));
    expect(info).toMatchObject({ terminal_id: 'remote-ops', cols: 90, rows: 20, status: 'running' });
    expect((await client.listTerminals()).map((i) => i.terminal_id)).toContain('remote-ops');
    expect(await client.terminalInfo('remote-ops')).toMatchObject({ terminal_id: 'remote-ops' });
    const attachment = await client.attachTerminal('remote-ops', { mode: 'control' });
    await readUntil(attachment, 'console ready 90x20');
    await attachment.write('from afar\r');
    // Wait for the echo before resizing: a program may handle SIGWINCH before its pending input.
    let seen = await readUntil(attachment, 'echo: from afar');
    await attachment.resize(100, 30);
    seen += await readUntil(attachment, 'resized 100x30');
    const screen = new Screen(100, 30);
    await screen.write(seen);
    expect(screen.text()).toContain('echo: from afar');
    await attachment.detach();
    expect(attachment.ended).toBe(true);
    expect(await client.stopTerminal('remote-ops')).toBe(true);
    expect(await client.terminalInfo('remote-ops')).toBeUndefined();
  }, 15_000);

  it('refuses remote opens unless allowed, and gives typed refusals for attach', async () => {
    const { client } = await serve(true);
    await expect(client.openTerminal('cat')).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    await expect(client.attachTerminal('nope')).rejects.toMatchObject({ code: 'TERMINAL_NOT_FOUND' });
    const local = own(openTerminal(process.execPath, [consoleFixture], { id: 'node-local' }));
    await local.ready();
    const view = await client.attachTerminal('node-local');
    expect(view.mode).toBe('view');
    await expect(view.write('x')).rejects.toMatchObject({ code: 'READ_ONLY' });
    const controller = await client.attachTerminal('node-local', { mode: 'control' });
    await expect(client.attachTerminal('node-local', { mode: 'control' })).rejects.toMatchObject({
      code: 'CONTROLLER_TAKEN',
    });
    await controller.detach();
  }, 15_000);

  it('checks grants on attach through the node, and a revocation detaches the remote holder', async () => {
    const { client } = await serve(true);
    const guarded = own(
      openTerminal(process.execPath, [consoleFixture], { id: 'node-guarded', requireGrant: true }),
    );
    await guarded.ready();
    await expect(client.attachTerminal('node-guarded')).rejects.toMatchObject({ code: 'ATTACH_FORBIDDEN' });
    const holder = await client.attachTerminal('node-guarded', {
      grant: grantFor('node-guarded', { ref: 'g-node' }),
    });
    await readUntil(holder, 'console ready');
    guarded.revoke(revocationOf('g-node'));
    for await (const _ of holder) {
      // drain until the node says it ended
    }
    expect(holder.endCode).toBe('ATTACH_REVOKED');
  }, 15_000);

  it('does not serve terminals unless asked, and detaches a client that goes away', async () => {
    const { client: plain } = await serve(false);
    await expect(plain.listTerminals()).rejects.toBeDefined();
    const { client } = await serve(true);
    const local = own(openTerminal(process.execPath, [consoleFixture], { id: 'node-leaver' }));
    await local.ready();
    await client.attachTerminal('node-leaver');
    expect(local.info().viewers).toBe(1);
    await client.close();
    const deadline = Date.now() + 3_000;
    while (local.info().viewers > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(local.info().viewers).toBe(0);
  }, 15_000);
});
