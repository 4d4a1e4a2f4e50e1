import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  openTerminal,
  type Terminal,
  type TerminalApp,
  type TerminalOptions,
} from '../../src/terminal/index.js';
import { writeSelfSigned } from '../fixtures/tls/self-signed.js';
import { grantFor, revocationOf } from './grants.js';
import { Screen } from './screen.js';
import { AttachClient } from './ws-client.js';

const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const TOKEN = 'test-token-0123456789abcdef';
const opened: Terminal[] = [];
const clients: AttachClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.session.close().catch(() => {})));
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 100 })));
});

const echo: TerminalApp = (io) =>
  new Promise<void>((resolve) => {
    io.write('ready\r\n');
    io.onInput((data) => (data === 'quit' ? resolve() : io.write(`got: ${data}\r\n`)));
    io.onResize((c, r) => io.write(`size ${c}x${r}\r\n`));
    io.signal.addEventListener('abort', () => resolve());
  });

async function serve(web: Partial<NonNullable<TerminalOptions['web']>> = {}, options: TerminalOptions = {}) {
  const terminal = openTerminal(echo, { ...options, web: { token: TOKEN, writable: true, ...web } });
  opened.push(terminal);
  await terminal.ready();
  return { terminal, url: `ws://127.0.0.1:${terminal.port()}/attach` };
}

function client(url: string, options?: ConstructorParameters<typeof AttachClient>[1]): AttachClient {
  const c = new AttachClient(url, options);
  clients.push(c);
  return c;
}

describe('websocket_terminal (distributed_terminal): the attach protocol', () => {
  it('attaches with the token, replays, carries input, resize and output; reports its surface', async () => {
    const program = openTerminal(process.execPath, [consoleFixture], {
      web: { token: TOKEN, writable: true },
      cols: 80,
      rows: 24,
    });
    opened.push(program);
    await program.ready();
    const c = client(`ws://127.0.0.1:${program.port()}/attach`);
    await c.send({ type: 'attach', token: TOKEN, mode: 'control' });
    expect(await c.next('attached')).toMatchObject({
      mode: 'control',
      cols: 80,
      rows: 24,
      terminal_id: program.id,
    });
    await c.next((f) => f.type === 'output' && c.output().includes('console ready 80x24'));
    await c.send({ type: 'input', data: 'hello\r' });
    await c.next(() => c.output().includes('echo: hello'));
    await c.send({ type: 'resize', cols: 120, rows: 33 });
    await c.next(() => c.output().includes('resized 120x33'));
    const screen = new Screen(120, 33);
    await screen.write(c.output());
    expect(screen.text()).toMatch(/echo: hello[\s\S]*resized 120x33/);
    expect(program.info().surfaces).toEqual([
      expect.objectContaining({
        contract_version: 'operator_terminal_surface.v1',
        surface_kind: 'distributed_terminal',
        surface_ref: program.id,
        transport_options: expect.objectContaining({
          transport: 'websocket',
          port: program.port(),
          tls: false,
        }),
      }),
    ]);
    expect(JSON.stringify(program.info())).not.toContain(TOKEN);
    await c.send({ type: 'detach' });
    expect((await c.closed).code).toBe(1000);
    expect(program.info().viewers).toBe(0);
  });

  it('refuses a wrong token and closes idle unauthenticated connections within the auth timeout', async () => {
    const { url } = await serve({ authTimeoutMs: 300 });
    const wrong = client(url);
    await wrong.send({ type: 'attach', token: 'not-the-token', mode: 'view' });
    expect(await wrong.next('error')).toMatchObject({ code: 'AUTHENTICATION_FAILED' });
    expect((await wrong.closed).code).toBe(4401);
    expect(wrong.output()).toBe('');
    const idle = client(url);
    const started = Date.now();
    expect((await idle.closed).code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(idle.frames).toContainEqual(expect.objectContaining({ code: 'AUTHENTICATION_TIMEOUT' }));
    const early = client(url);
    await early.send({ type: 'input', data: 'sneaky' });
    expect((await early.closed).code).toBe(4401);
  });

  it('checks the Origin: foreign browsers are refused, listed and non-browser clients allowed', async () => {
    const { url } = await serve({ allowedOrigins: ['https://ops.example'] });
    const foreign = connectRaw(url, 'https://evil.example');
    expect(await foreign).toMatch(/403/);
    const listed = client(url, { headers: { origin: 'https://ops.example' } });
    await listed.send({ type: 'attach', token: TOKEN, mode: 'view' });
    await listed.next('attached');
    const own = client(url, { headers: { origin: url.replace('ws:', 'http:').replace('/attach', '') } });
    await own.send({ type: 'attach', token: TOKEN, mode: 'view' });
    await own.next('attached');
  });

  it('is read-only unless writable: control is refused, view input is refused, the program unaffected', async () => {
    const { terminal, url } = await serve({ writable: false });
    const controller = client(url);
    await controller.send({ type: 'attach', token: TOKEN, mode: 'control' });
    expect(await controller.next('error')).toMatchObject({ code: 'READ_ONLY' });
    expect((await controller.closed).code).toBe(4403);
    const viewer = client(url);
    await viewer.send({ type: 'attach', token: TOKEN });
    expect(await viewer.next('attached')).toMatchObject({ mode: 'view' });
    await viewer.send({ type: 'input', data: 'typed' });
    expect(await viewer.next('error')).toMatchObject({ code: 'READ_ONLY' });
    await terminal.write('owner');
    await viewer.next(() => viewer.output().includes('got: owner'));
    expect(viewer.output()).not.toContain('typed');
  });

  it('gives hostile clients typed refusals without affecting other viewers or the program', async () => {
    const { terminal, url } = await serve(
      { maxFrameBytes: 4_096 },
      { inputBytesPerSecond: 2_000, maxControllers: 3 },
    );
    const bystander = client(url);
    await bystander.send({ type: 'attach', token: TOKEN, mode: 'view' });
    await bystander.next('attached');

    const huge = client(url);
    await huge.send({ type: 'attach', token: TOKEN, mode: 'control' });
    await huge.next('attached');
    await huge.send({ type: 'input', data: 'x'.repeat(10_000) }).catch(() => {});
    expect((await huge.closed).code).toBe(1009);

    const garbage = client(url);
    await garbage.send({ type: 'attach', token: TOKEN, mode: 'control' });
    await garbage.next('attached');
    await garbage.send('{not json');
    await garbage.send({ type: 'resize', cols: 0, rows: 24 });
    await garbage.send({ type: 'resize', cols: 80, rows: 1e9 });
    await garbage.send({ type: 'launch-missiles' });
    await garbage.next(
      (f) => garbage.frames.filter((x) => x.code === 'BAD_FRAME').length === 4 && f.type === 'error',
    );
    await garbage.send({ type: 'input', data: 'y'.repeat(3_000) });
    await garbage.next((f) => f.code === 'INPUT_RATE_EXCEEDED');
    for (let i = 0; i < 20; i++) await garbage.send('garbage').catch(() => {});
    expect((await garbage.closed).code).toBe(4400);

    await terminal.write('still fine');
    await bystander.next(() => bystander.output().includes('got: still fine'));
    expect(bystander.output()).not.toContain('yyy');
    expect(terminal.info()).toMatchObject({ cols: 80, rows: 24, status: 'running' });
  });

  it('checks an AttachGrant.v1 sent in the attach frame, and a revocation detaches the holder at once', async () => {
    const { terminal, url } = await serve({}, { id: 'ws-granted', requireGrant: true });
    const without = client(url);
    await without.send({ type: 'attach', token: TOKEN, mode: 'view' });
    expect(await without.next('error')).toMatchObject({ code: 'ATTACH_FORBIDDEN' });
    expect((await without.closed).code).toBe(4403);
    const holder = client(url);
    await holder.send({
      type: 'attach',
      token: TOKEN,
      mode: 'control',
      grant: grantFor('ws-granted', { ref: 'g-ws' }),
    });
    await holder.next('attached');
    terminal.revoke(revocationOf('g-ws'));
    expect(await holder.next('error')).toMatchObject({ code: 'ATTACH_REVOKED' });
    expect((await holder.closed).code).toBe(4410);
  });

  it('tells viewers the terminal ended when the app quits, and closes', async () => {
    const { terminal, url } = await serve();
    const c = client(url);
    await c.send({ type: 'attach', token: TOKEN, mode: 'control' });
    await c.next('attached');
    await c.send({ type: 'input', data: 'quit' });
    expect((await c.closed).code).toBe(1000);
    expect(c.frames.at(-1)).toEqual({ type: 'exit', status: 'succeeded' });
    expect((await terminal.result).status).toBe('succeeded');
  });

  it('serves wss from cert and key files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ep-tls-'));
    const { certFile: cert, keyFile: key } = writeSelfSigned(dir);
    const { terminal } = await serve({ tlsCertPath: cert, tlsKeyPath: key });
    const ws = new WebSocket(`wss://127.0.0.1:${terminal.port()}/attach`, { ca: readFileSync(cert) });
    const attached = await new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send(JSON.stringify({ type: 'attach', token: TOKEN, mode: 'view' })));
      ws.on('message', (data) => resolve(String(data)));
      ws.on('error', reject);
    });
    expect(JSON.parse(attached)).toMatchObject({ type: 'attached' });
    expect(terminal.info().surfaces[0]?.transport_options).toMatchObject({ tls: true });
    ws.close();
  });

  it('reports LISTEN_FAILED from ready() when the port is taken, and closes the terminal', async () => {
    const { terminal } = await serve();
    const clash = openTerminal(echo, { web: { token: TOKEN, port: terminal.port() as number } });
    opened.push(clash);
    expect(await clash.ready().catch((e: unknown) => e)).toMatchObject({ code: 'LISTEN_FAILED' });
    expect((await clash.result).status).not.toBe('running');
  });
});

/** Opens a raw WebSocket with an Origin header and resolves with the handshake error (or 'open'). */
function connectRaw(url: string, origin: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('error', (error) => resolve(error.message));
  });
}
