import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTerminal, type Terminal } from '../../src/terminal/index.js';

const CHROMIUM = '/usr/bin/chromium';
const consoleFixture = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const TOKEN = 'browser-token-0123456789';
const opened: Terminal[] = [];
let browser: Browser;

beforeAll(async () => {
  // scripts/ensure-system-deps.sh installs Debian's chromium; without it this fails loudly.
  expect(existsSync(CHROMIUM), `${CHROMIUM} missing: run scripts/ensure-system-deps.sh`).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 15_000);
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close({ graceMs: 100 })));
});

/** The text xterm.js shows on the page (its DOM renderer's rows). */
function screenText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const term = (
      window as unknown as {
        __terminal: {
          buffer: {
            active: {
              length: number;
              getLine(y: number): { translateToString(trim: boolean): string } | undefined;
            };
          };
        };
      }
    ).__terminal;
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y)?.translateToString(true) ?? '');
    return lines.join('\n');
  });
}

async function waitForScreen(page: Page, needle: string | RegExp): Promise<string> {
  const deadline = Date.now() + 8_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await screenText(page);
    if (typeof needle === 'string' ? text.includes(needle) : needle.test(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`screen never showed ${String(needle)}; it shows:\n${text}`);
}

describe('websocket_terminal: the browser page in real headless Chromium', () => {
  it('types a command, shows its output, resizes with the window (SIGWINCH), reconnects', async () => {
    const terminal = openTerminal(process.execPath, [consoleFixture], {
      web: { token: TOKEN, writable: true },
    });
    opened.push(terminal);
    await terminal.ready();
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    try {
      await page.goto(`http://127.0.0.1:${terminal.port()}/#token=${TOKEN}&mode=control`);
      await waitForScreen(page, 'console ready');
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.type('hello from chromium');
      await page.keyboard.press('Enter');
      await waitForScreen(page, 'echo: hello from chromium');
      // The page fit the terminal to its window on attach: the program already got one SIGWINCH.
      const before = terminal.info();
      expect(before.cols).not.toBe(80);
      await page.setViewportSize({ width: 1200, height: 700 });
      const text = await waitForScreen(page, new RegExp(`resized (?!${before.cols}x)\\d+x\\d+`));
      const [, cols, rows] = [...text.matchAll(/resized (\d+)x(\d+)/g)].at(-1) ?? [];
      expect(Number(cols)).toBeGreaterThan(before.cols);
      expect(terminal.info()).toMatchObject({ cols: Number(cols), rows: Number(rows) });
      expect(await page.locator('#status').textContent()).toContain('attached (control)');

      // Drop the connection: the page reconnects and replays the scrollback.
      await page.evaluate(() =>
        (window as unknown as { __socket: () => WebSocket }).__socket().close(3000, 'drop'),
      );
      await page.waitForFunction(
        () => document.getElementById('status')?.textContent?.startsWith('attached'),
        null,
        {
          timeout: 8_000,
        },
      );
      expect(await waitForScreen(page, 'echo: hello from chromium')).toContain('console ready');
      await page.keyboard.type('again');
      await page.keyboard.press('Enter');
      await waitForScreen(page, 'echo: again');
    } finally {
      await page.close();
    }
  }, 15_000);

  it('is read-only by default and loads xterm.js from the server, not a CDN', async () => {
    const terminal = openTerminal(process.execPath, [consoleFixture], { web: { token: TOKEN } });
    opened.push(terminal);
    await terminal.ready();
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    try {
      await page.goto(`http://127.0.0.1:${terminal.port()}/#token=${TOKEN}`);
      await waitForScreen(page, 'console ready');
      await page.locator('.xterm-helper-textarea').focus();
      await page.keyboard.type('ignored');
      await page.keyboard.press('Enter');
      await terminal.write('from-owner\r');
      const text = await waitForScreen(page, 'echo: from-owner');
      expect(text).not.toContain('ignored');
      expect(await page.locator('#status').textContent()).toContain('attached (view)');
      expect(
        requested.every(
          (url) => url.startsWith(`http://127.0.0.1:${terminal.port()}/`) || url.startsWith('ws'),
        ),
      ).toBe(true);
      expect(requested.some((url) => url.endsWith('/assets/xterm.js'))).toBe(true);
    } finally {
      await page.close();
    }
  }, 15_000);

  it('shows a refusal and does not reconnect on a wrong token', async () => {
    const terminal = openTerminal(process.execPath, [consoleFixture], { web: { token: TOKEN } });
    opened.push(terminal);
    await terminal.ready();
    const page = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${terminal.port()}/#token=wrong`);
      await page.waitForFunction(
        () => document.getElementById('status')?.textContent?.includes('[closed 4401]'),
        null,
        {
          timeout: 8_000,
        },
      );
      expect(await page.locator('#status').textContent()).toContain('AUTHENTICATION_FAILED');
      expect(terminal.info().viewers).toBe(0);
    } finally {
      await page.close();
    }
  }, 15_000);
});
