import { commonFlags, parseFlags, UsageError } from './args.js';
import { nodeCallCommand } from './cmd-node-call.js';
import { EXIT } from './exit-codes.js';
import { logJson } from './log.js';
import { loadNodeConfig, nodeConfigJsonSchema } from './node-config.js';
import { readInputs, startService } from './service.js';
import { onStopSignals } from './stop-signals.js';

export const nodeServeFlags = {
  ...commonFlags,
  config: { type: 'string', short: 'c' },
  check: { type: 'boolean' },
} as const;

/** `execution-plane node <serve|call|schema> …`. */
export async function nodeCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'serve':
      return nodeServe(rest);
    case 'call':
      return nodeCallCommand(rest);
    case 'schema':
      parseFlags('node schema', rest, commonFlags);
      process.stdout.write(`${JSON.stringify(nodeConfigJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    case undefined:
      throw new UsageError('node', 'missing the subcommand: serve, call or schema');
    default:
      throw new UsageError('node', `unknown subcommand ${sub}: expected serve, call or schema`);
  }
}

async function nodeServe(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags('node serve', argv, nodeServeFlags);
  if (positionals.length > 0) throw new UsageError('node serve', `unexpected argument ${positionals[0]}`);
  if (!values.config) throw new UsageError('node serve', 'missing --config <file>');
  const config = await loadNodeConfig(values.config);
  if (values.check) {
    await readInputs(config, values.config);
    process.stdout.write(`${values.config}: valid\n`);
    return EXIT.ok;
  }
  const service = await startService(config, values.config, logJson);
  // A service logs JSON lines to the end: a crash is one record, then exit 1.
  process.on('uncaughtException', (error) => {
    logJson('error', 'uncaught exception', { error: error.message, stack: error.stack });
    process.exit(EXIT.failed);
  });
  logJson('info', 'listening', {
    url: service.server.url,
    port: service.server.port,
    node_id: service.node.nodeId,
    lanes: config.lanes,
    tls: config.tls !== undefined,
  });
  return new Promise<number>((resolve) => {
    onStopSignals(() => {
      service.drain().then(
        () => resolve(EXIT.ok),
        (error: Error) => {
          logJson('error', 'drain failed', { error: error.message });
          resolve(EXIT.failed);
        },
      );
    });
    process.on('SIGHUP', () => {
      logJson('info', 'signal', { signal: 'SIGHUP' });
      void service.reload();
    });
  });
}
