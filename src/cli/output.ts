import { stderr, stdout } from 'node:process';

/** Where a command writes: NDJSON for scripts, or readable text (coloured on a TTY). */
export interface Output {
  /** `--json`: one JSON value per line on stdout, the outcome last. */
  readonly json: boolean;
  /** Whether `progress` draws anything: text mode and stderr is a TTY. */
  readonly showsProgress: boolean;
  /** One line of JSON on stdout (json mode). */
  line(value: unknown): void;
  /** Readable data on stdout (text mode). */
  write(text: string): void;
  /** A note for people on stderr (text mode only), dimmed on a TTY. */
  note(text: string): void;
  /** An error on stderr, red on a TTY (both modes). */
  error(text: string): void;
  /** Colours `text` for stdout when stdout is a TTY and NO_COLOR is unset. */
  paint(colour: Colour, text: string): string;
  /** A progress line redrawn in place on stderr, only when stderr is a TTY (text mode). */
  progress(text: string): void;
  /** Ends a progress line, if one is showing. */
  endProgress(): void;
}

export type Colour = 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'bold';

const CODES: Record<Colour, [number, number]> = {
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  bold: [1, 22],
};

// NO_COLOR (https://no-color.org): present and non-empty turns colours off.
const colourAllowed = () => !process.env.NO_COLOR;

/** The output of one command run. */
export function createOutput(json: boolean): Output {
  const outColour = stdout.isTTY === true && colourAllowed();
  const errColour = stderr.isTTY === true && colourAllowed();
  const paintIf = (on: boolean, colour: Colour, text: string) => {
    if (!on) return text;
    const [open, close] = CODES[colour];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  };
  let progressShown = false;
  const endProgress = () => {
    if (!progressShown) return;
    stderr.write('\r\u001b[2K');
    progressShown = false;
  };
  const showsProgress = !json && stderr.isTTY === true;
  return {
    json,
    showsProgress,
    line: (value) => stdout.write(`${JSON.stringify(value)}\n`),
    write: (text) => stdout.write(text),
    note: (text) => {
      if (json) return;
      endProgress();
      stderr.write(`${paintIf(errColour, 'dim', text)}\n`);
    },
    error: (text) => {
      endProgress();
      stderr.write(`${paintIf(errColour, 'red', text)}\n`);
    },
    paint: (colour, text) => paintIf(outColour, colour, text),
    progress: (text) => {
      if (!showsProgress) return;
      stderr.write(`\r\u001b[2K${text}`);
      progressShown = true;
    },
    endProgress,
  };
}

/** One line saying how an execution ended badly: status, code and reason. */
export function describeFailure(outcome: {
  readonly status: string;
  readonly failure: { readonly code?: string; readonly reason?: string | null } | null;
}): string {
  const failure = outcome.failure;
  if (!failure) return outcome.status;
  return [outcome.status, failure.code, failure.reason].filter(Boolean).join(': ');
}
