import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTerminal, type TerminalApp, terminals } from 'execution-plane/terminal';

export const title = 'terminal: an operator console reachable by ssh and by browser';

export async function run(): Promise<void> {
  // A tiny console program: prints its terminal size, reads one line, answers, exits.
  const program = `process.stdout.write('ops console ' + process.stdout.columns + 'x' + process.stdout.rows + '\\r\\n');
    process.stdin.once('data', (d) => { process.stdout.write('you typed: ' + String(d).trim() + '\\r\\n'); process.exit(0); });`;
  const terminal = openTerminal(process.execPath, ['-e', program], {
    id: 'demo-console',
    cols: 100,
    rows: 30,
  });
  const first = terminal.attach();
  let seen = '';
  for await (const text of first) {
    seen += text;
    if (seen.includes('ops console')) break;
  }
  const late = terminal.attach();
  await terminal.write('hello operators\r');
  let lateText = '';
  for await (const text of late) lateText += text;
  const outcome = await terminal.result;
  console.log(`  late viewer saw (scrollback + live): ${JSON.stringify(lateText.replace(/\r/g, ''))}`);
  console.log(
    `  → ${outcome.status} (exit ${outcome.output?.exit_code}) in ${outcome.metrics.duration_ms} ms`,
  );

  // An in-process app served over SSH and WebSocket at once; the registry knows where.
  const dir = mkdtempSync(join(tmpdir(), 'ep-demo-terminal-'));
  const password = randomBytes(6).toString('hex');
  const token = randomBytes(16).toString('hex');
  const app: TerminalApp = (io) =>
    new Promise<void>((quit) => {
      io.write(`operator app ${io.cols}x${io.rows} — press q to quit\n`);
      io.onInput((key) => (key === 'q' ? quit() : io.write(`key ${JSON.stringify(key)}\n`)));
      io.signal.addEventListener('abort', () => quit()); // the terminal closed
    });
  const ops = openTerminal(app, {
    id: 'demo-ops',
    ssh: { hostKeyPath: join(dir, 'host_key'), generateHostKey: true, passwords: { operator: password } },
    web: { token, writable: true },
  });
  try {
    await ops.ready();
    console.log(`  ssh:     ssh -p ${ops.port('ssh_terminal')} operator@127.0.0.1   (password ${password})`);
    console.log(
      `  browser: http://127.0.0.1:${ops.port('distributed_terminal')}/#token=${token}&mode=control`,
    );
    console.log(
      `  surfaces: ${terminals
        .info('demo-ops')
        ?.surfaces.map((s) => s.surface_kind)
        .join(', ')}`,
    );
  } catch (error) {
    console.log(`  (transports unavailable here: ${(error as Error).message})`);
  } finally {
    // The demo ends here; a real console would stay open until the operator quits it.
    const closed = await ops.close();
    console.log(
      `  → closed (${closed.status}); registry now: ${JSON.stringify(terminals.list().map((i) => i.terminal_id))}`,
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
