import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/** A bad command line: printed with a pointer to `--help`, exit code 2. */
export class UsageError extends Error {
  readonly command: string;
  constructor(command: string, message: string) {
    super(message);
    this.command = command;
  }
}

/** Flags every command takes. */
export const commonFlags = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies ParseArgsOptionsConfig;

type Values<T extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: T; strict: true }>
>['values'];

/** Parses `argv` strictly against `options`; unknown flags and missing values are usage errors. */
export function parseFlags<T extends ParseArgsOptionsConfig>(
  command: string,
  argv: readonly string[],
  options: T,
): { values: Values<T>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    return { values: parsed.values as Values<T>, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(command, (error as Error).message.replace(/\. To specify a positional.*$/s, ''));
  }
}

/**
 * For commands that run another program (`run`, `rpc`): flags before the program's name are ours,
 * everything from the program's name on is its own (`run ls -la`). `--` ends our flags too.
 */
export function splitAtProgram(
  argv: readonly string[],
  options: ParseArgsOptionsConfig,
): [string[], string[]] {
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index]!;
    if (token === '--') return [argv.slice(0, index), argv.slice(index + 1)];
    if (!token.startsWith('-') || token === '-') return [argv.slice(0, index), argv.slice(index)];
    if (token.includes('=')) continue;
    const name = token.startsWith('--') ? token.slice(2) : shortName(token.slice(1), options);
    if (name !== undefined && options[name]?.type === 'string') index++;
  }
  return [[...argv], []];
}

function shortName(short: string, options: ParseArgsOptionsConfig): string | undefined {
  return Object.keys(options).find((name) => options[name]?.short === short);
}

/** A non-negative integer flag (milliseconds, counts), or `undefined` when absent. */
export function intFlag(command: string, name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(command, `--${name} expects a whole number, got ${value}`);
  return Number(value);
}

/** A JSON flag value, or `undefined` when absent. */
export function jsonFlag(command: string, name: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new UsageError(command, `--${name} expects JSON: ${(error as Error).message}`);
  }
}

/** `Name: value` header flags as a record. */
export function headerFlags(command: string, values: readonly string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of values ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw new UsageError(command, `--header expects "Name: value", got ${header}`);
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  return headers;
}
