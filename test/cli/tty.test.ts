import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ENV, ensureBuilt, startHttpPeer } from './helpers.js';

let http: Awaited<ReturnType<typeof startHttpPeer>>;

beforeAll(async () => {
  ensureBuilt();
  http = await startHttpPeer();
}, 120_000);

afterAll(() => {
  http.server.close();
});

// The real bin on a real terminal (node-pty, a dev dependency): what a person sees.
async function onTerminal(args: string[], env: Record<string, string>): Promise<string> {
  const pty = await import('node-pty');
  const child = pty.spawn(process.execPath, [BIN, ...args], { env: { ...ENV, ...env }, cols: 100, rows: 30 });
  let screen = '';
  child.onData((data) => {
    screen += data;
  });
  await new Promise<void>((resolve) => child.onExit(() => resolve()));
  return screen;
}

describe('output on a TTY', () => {
  it('is coloured when NO_COLOR is unset, plain when it is set', async () => {
    const coloured = await onTerminal(['http', '-i', `${http.url}/items`], { NO_COLOR: '' });
    expect(coloured).toContain('\u001b[1mHTTP 200 OK\u001b[22m');
    expect(coloured).toContain('\u001b[36mcontent-type\u001b[39m');
    const plain = await onTerminal(['http', '-i', `${http.url}/items`], { NO_COLOR: '1' });
    expect(plain).toContain('HTTP 200 OK');
    expect(plain).not.toContain('\u001b[');
  });

  it('draws upload and download progress for bodies of 1 MiB or more on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ep-tty-'));
    writeFileSync(join(dir, 'up.bin'), Buffer.alloc(3 * 1024 * 1024, 0x61));
    const up = await onTerminal(
      ['http', '--data-file', join(dir, 'up.bin'), '-o', join(dir, 'echo.bin'), `${http.url}/echo`],
      {},
    );
    expect(up).toMatch(/sending +\[#{24}\] 100% {2}3\.0\/3\.0 MiB/);
    expect(statSync(join(dir, 'echo.bin')).size).toBe(3 * 1024 * 1024);
    const down = await onTerminal(['http', '-o', join(dir, 'big.bin'), `${http.url}/big`], {});
    expect(down).toMatch(/receiving 2\.0 MiB … \d+\.\d s/);
    expect(statSync(join(dir, 'big.bin')).size).toBe(2 * 1024 * 1024);
  });
});
