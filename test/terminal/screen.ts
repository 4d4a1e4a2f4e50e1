import xterm from '@xterm/headless';

/**
 * What a person would see: a headless xterm.js fed the terminal's byte stream. `text()` is the
 * visible screen, one line per row, trailing spaces trimmed.
 */
export class Screen {
  readonly term: InstanceType<typeof xterm.Terminal>;

  constructor(cols = 80, rows = 24) {
    this.term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  }

  write(data: string): Promise<void> {
    return new Promise((resolve) => this.term.write(data, resolve));
  }

  resize(cols: number, rows: number): void {
    this.term.resize(cols, rows);
  }

  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) {
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return lines.join('\n').replace(/\n+$/, '');
  }

  dispose(): void {
    this.term.dispose();
  }
}

/** Feeds `source` into `screen` until `done(screen text)` holds; the source's end fails. */
export async function watchUntil(
  source: AsyncIterable<string>,
  screen: Screen,
  done: (text: string) => boolean,
): Promise<string> {
  for await (const data of source) {
    await screen.write(data);
    const text = screen.text();
    if (done(text)) return text;
  }
  throw new Error(`output ended; the screen shows:\n${screen.text()}`);
}
