import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { ExecutionError } from '../core/errors.js';

/** The page's own script: xterm.js with fit-to-window, the attach protocol, reconnect with backoff. */
const CLIENT = `(() => {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('token') || '';
  const mode = params.get('mode') === 'control' ? 'control' : 'view';
  const status = document.getElementById('status');
  const term = new Terminal({ cursorBlink: mode === 'control', scrollback: 5000, disableStdin: mode !== 'control' });
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(document.getElementById('terminal'));
  fit.fit();
  let ws, delay = 250, ended = false;
  const FATAL = [4401, 4403, 4409, 4410, 4400];
  const show = (text) => { status.textContent = text; };
  const send = (frame) => { if (ws && ws.readyState === 1) ws.send(JSON.stringify(frame)); };
  const sendSize = () => { if (mode === 'control') send({ type: 'resize', cols: term.cols, rows: term.rows }); };
  function connect() {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/attach');
    ws.onopen = () => send({ type: 'attach', token, mode, replay: true });
    ws.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'attached') { term.reset(); delay = 250; show('attached (' + frame.mode + ')'); sendSize(); }
      else if (frame.type === 'output') term.write(frame.data);
      else if (frame.type === 'dropped') show('dropped ' + frame.bytes + ' bytes (too slow)');
      else if (frame.type === 'error') show(frame.code + ': ' + frame.message);
      else if (frame.type === 'exit') { ended = true; show('terminal ended (' + frame.status + ')'); }
    };
    ws.onclose = (event) => {
      if (ended || FATAL.includes(event.code)) { show((status.textContent || '') + ' [closed ' + event.code + ']'); return; }
      if (event.code === 1000 && event.reason === 'terminal closed') { show('terminal closed'); return; }
      show('reconnecting…');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10000);
    };
  }
  term.onData((data) => { if (mode === 'control') send({ type: 'input', data }); });
  term.onResize(sendSize);
  window.addEventListener('resize', () => fit.fit());
  // For operators' devtools and the browser test: the terminal and the current socket.
  window.__terminal = term;
  window.__socket = () => ws;
  connect();
})();
`;

/** The browser page: xterm.js and its fit addon from this server (never a CDN), then the client. */
export function renderPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>terminal</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/xterm.css">
<style>html,body{margin:0;height:100%;background:#000;color:#ccc;font:12px monospace}
#terminal{position:absolute;top:0;left:0;right:0;bottom:18px}#status{position:absolute;bottom:0;left:4px;height:18px}</style>
</head><body><div id="terminal"></div><div id="status">connecting…</div>
<script src="/assets/xterm.js"></script><script src="/assets/addon-fit.js"></script><script src="/assets/client.js"></script>
</body></html>
`;
}

const ASSETS: Record<string, { readonly module: string; readonly type: string }> = {
  '/assets/xterm.js': { module: '@xterm/xterm/lib/xterm.js', type: 'text/javascript; charset=utf-8' },
  '/assets/xterm.css': { module: '@xterm/xterm/css/xterm.css', type: 'text/css; charset=utf-8' },
  '/assets/addon-fit.js': {
    module: '@xterm/addon-fit/lib/addon-fit.js',
    type: 'text/javascript; charset=utf-8',
  },
};

const cache = new Map<string, Buffer>();

/**
 * A page asset by path, or `undefined` for an unknown path. xterm.js and its fit addon come from
 * the optional peers `@xterm/xterm` and `@xterm/addon-fit`; without them this throws
 * `PEER_DEPENDENCY_MISSING` naming the install command.
 */
export async function pageAsset(path: string): Promise<{ type: string; body: string | Buffer } | undefined> {
  if (path === '/assets/client.js') return { type: 'text/javascript; charset=utf-8', body: CLIENT };
  const asset = ASSETS[path];
  if (!asset) return undefined;
  let body = cache.get(path);
  if (!body) {
    let file: string;
    try {
      file = createRequire(import.meta.url).resolve(asset.module);
    } catch (error) {
      throw new ExecutionError(
        'PEER_DEPENDENCY_MISSING',
        'the terminal page needs the optional peers: npm install @xterm/xterm @xterm/addon-fit',
        { cause: error },
      );
    }
    body = await readFile(file);
    cache.set(path, body);
  }
  return { type: asset.type, body };
}
