import { openTerminal } from 'execution-plane/terminal';

export const title = 'terminal: an operator terminal on a PTY with two viewers';

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
}
