/**
 * The `execution-plane` command: a thin layer over the package's public subpaths (each
 * subcommand is one call into a lane or the node). Not a subpath: nothing here is importable.
 *
 * @module
 */

import { UsageError } from './args.js';
import { EXIT } from './exit-codes.js';
import { HELP } from './help.js';

type Command = (argv: readonly string[]) => Promise<number>;

// Loaded on use, so `--help` and a bad flag of one command never load another command's lanes.
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./cmd-run.js')).runCommand,
  http: async () => (await import('./cmd-http.js')).httpCommand,
  sse: async () => (await import('./cmd-sse.js')).sseCommand,
  ws: async () => (await import('./cmd-ws.js')).wsCommand,
  rpc: async () => (await import('./cmd-rpc.js')).rpcCommand,
  node: async () => (await import('./cmd-node.js')).nodeCommand,
  terminal: async () => (await import('./cmd-terminal.js')).terminalCommand,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP['']!);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module');
    const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) throw new UsageError('', `unknown command ${name}`);
  const help = helpTopic(name, rest);
  if (help !== undefined) {
    process.stdout.write(HELP[help]!);
    return EXIT.ok;
  }
  return (await load())(rest);
}

// `--help` / `-h` among our own flags (before a program's name for run/rpc).
function helpTopic(name: string, rest: readonly string[]): string | undefined {
  const sub = rest[0] && HELP[`${name} ${rest[0]}`] ? `${name} ${rest[0]}` : undefined;
  const topic = sub ?? name;
  // `terminal serve` runs a program too: its flags are the program's.
  const ours =
    name === 'run' || name === 'rpc'
      ? rest.slice(0, ownFlagsEnd(rest))
      : sub === 'terminal serve'
        ? rest.slice(1, 1 + ownFlagsEnd(rest.slice(1)))
        : rest;
  return ours.includes('--help') || ours.includes('-h') ? topic : undefined;
}

function ownFlagsEnd(rest: readonly string[]): number {
  const index = rest.findIndex((token) => token === '--' || !token.startsWith('-'));
  return index < 0 ? rest.length : index;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      const where = error.command ? ` ${error.command}` : '';
      process.stderr.write(
        `execution-plane${where}: ${error.message}\nSee: execution-plane${where} --help\n`,
      );
      process.exitCode = EXIT.usage;
    } else if (error instanceof Error && error.name === 'ConfigError') {
      process.stderr.write(`execution-plane: config refused: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else if (error instanceof Error && (error as { code?: unknown }).code === 'INVALID_OPTIONS') {
      process.stderr.write(`execution-plane: ${error.message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write(`execution-plane: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = EXIT.failed;
    }
  },
);
