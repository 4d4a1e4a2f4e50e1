import { createOperatorTerminalSurface } from '../core/contracts/v1/operator-terminal-surface-v1.js';
import { ExecutionError } from '../core/errors.js';
import { terminalDefaults } from './limits.js';
import { attachThrough, type Terminal } from './terminal.js';
import type { TerminalTransport } from './transport.js';

/**
 * `local_terminal`: attaches this process's TTY as a controlling viewer — raw mode, the terminal
 * resized to the TTY's size and on every SIGWINCH, keystrokes forwarded, `detachKey` detaches.
 * The TTY is restored on every exit path: detach, the terminal's end, and this process exiting.
 * Refuses with `NOT_SUPPORTED` when stdin is not a TTY.
 */
export async function startLocalTransport(
  terminal: Terminal,
  ref: string,
  detachKey: string = terminalDefaults.detachKey,
): Promise<TerminalTransport> {
  const { stdin, stdout } = process;
  if (!stdin.isTTY) {
    throw new ExecutionError('NOT_SUPPORTED', 'local_terminal needs a TTY on stdin', {
      details: { surface_kind: 'local_terminal' },
    });
  }
  const viewer = attachThrough(terminal, { mode: 'control' }, 'local');
  const wasRaw = stdin.isRaw;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    stdin.off('data', onData);
    process.off('SIGWINCH', onResize);
    process.off('exit', restore);
    if (stdin.isTTY) stdin.setRawMode(wasRaw);
    stdin.pause();
    viewer.detach();
  };
  const onData = (chunk: Buffer | string) => {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const at = text.indexOf(detachKey);
    const before = at === -1 ? text : text.slice(0, at);
    if (before) viewer.write(before).catch(() => {});
    if (at !== -1) restore();
  };
  const onResize = () => {
    if (stdout.columns && stdout.rows) viewer.resize(stdout.columns, stdout.rows).catch(() => {});
  };
  stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume();
  process.on('SIGWINCH', onResize);
  process.on('exit', restore);
  onResize();
  void (async () => {
    try {
      for await (const text of viewer) stdout.write(text);
    } finally {
      restore();
    }
  })();
  return {
    port: undefined,
    surface: () =>
      createOperatorTerminalSurface({
        surface_kind: 'local_terminal',
        surface_ref: ref,
        transport_options: { detach_key: detachKey },
      }),
    close: async () => restore(),
  };
}
