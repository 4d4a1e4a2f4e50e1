import { inspect } from 'node:util';
import {
  call,
  createJsonRpcConnection,
  createStdioChannel,
  createWebSocketChannel,
  type JsonRpcChannel,
  type JsonRpcTarget,
} from '../jsonrpc/index.js';
import { spawn } from '../process/index.js';
import { connect } from '../websocket/index.js';
import { commonFlags, intFlag, jsonFlag, parseFlags, splitAtProgram, UsageError } from './args.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { createOutput, describeFailure, type Output } from './output.js';
import { forEachStdinLine, watchInterrupt } from './terminal-io.js';

export const rpcFlags = {
  ...commonFlags,
  method: { type: 'string', short: 'm' },
  params: { type: 'string', short: 'p' },
  url: { type: 'string' },
  framing: { type: 'string' },
  dialect: { type: 'string' },
  timeout: { type: 'string' },
} as const;

/**
 * `execution-plane rpc [flags] <cmd> [args…]` (or `--url ws://…`): one JSON-RPC request with
 * `--method`, or an interactive session reading `method [params-json]` lines from stdin.
 */
export async function rpcCommand(argv: readonly string[]): Promise<number> {
  const [ours, program] = splitAtProgram(argv, rpcFlags);
  const { values } = parseFlags('rpc', ours, rpcFlags);
  const target = targetOf(values, program);
  const dialect = choice('dialect', values.dialect, ['lsp', 'mcp'] as const);
  const timeoutMs = intFlag('rpc', 'timeout', values.timeout);
  const out = createOutput(values.json === true);
  if (values.method === undefined) {
    if (values.params !== undefined) throw new UsageError('rpc', '--params needs --method');
    return interactive(target, dialect, out);
  }
  const params = jsonFlag('rpc', 'params', values.params);
  const execution = call(target, values.method, params, {
    spawn,
    ...(dialect ? { dialect } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
  const stop = watchInterrupt(() => execution.cancel('interrupted'));
  try {
    for await (const event of execution) if (out.json) out.line(event);
  } finally {
    stop();
  }
  const outcome = await execution.result;
  if (!out.json) {
    const response = outcome.output?.response;
    if (response && 'result' in response) out.write(`${show(response.result, out)}\n`);
    else if (response && 'error' in response)
      out.error(`error ${response.error.code}: ${response.error.message}`);
    else out.error(describeFailure(outcome));
  }
  return exitCodeOf(outcome.status);
}

async function interactive(
  target: JsonRpcTarget,
  dialect: 'lsp' | 'mcp' | undefined,
  out: Output,
): Promise<number> {
  let channel: JsonRpcChannel;
  if (target.kind === 'process') {
    const session = spawn(target.command, target.args ?? [], { framing: 'raw', timeoutMs: null });
    channel = createStdioChannel(session, { framing: target.framing ?? 'ndjson' });
  } else {
    channel = createWebSocketChannel(connect(target.url, { timeoutMs: null }));
  }
  const rpc = createJsonRpcConnection(channel, { ...(dialect ? { dialect } : {}), timeoutMs: null });
  const stop = watchInterrupt(() => rpc.close());
  let failures = 0;
  const events = (async () => {
    for await (const event of rpc) {
      if (out.json) out.line(event);
      else if (event.event_type === 'jsonrpc.notification') {
        out.note(`← ${event.payload.method} ${JSON.stringify(event.payload.params ?? null)}`);
      }
    }
  })();
  await forEachStdinLine(async (line) => {
    const trimmed = line.trim();
    if (trimmed === '') return;
    const space = trimmed.search(/\s/);
    const method = space < 0 ? trimmed : trimmed.slice(0, space);
    try {
      const params = space < 0 ? undefined : JSON.parse(trimmed.slice(space + 1));
      const result = await rpc.request(method, params);
      if (out.json) out.line({ event_type: 'cli.rpc_result', method, result });
      else out.write(`${show(result, out)}\n`);
    } catch (error) {
      failures++;
      const message = (error as Error).message;
      if (out.json) out.line({ event_type: 'cli.rpc_error', method, message });
      else out.error(`${method}: ${message}`);
    }
  });
  const outcome = await rpc.close();
  await events;
  stop();
  if (outcome.status !== 'succeeded' && !out.json) out.error(describeFailure(outcome));
  return outcome.status === 'succeeded' && failures > 0 ? EXIT.failed : exitCodeOf(outcome.status);
}

function targetOf(
  values: { url?: string | undefined; framing?: string | undefined },
  program: string[],
): JsonRpcTarget {
  const framing = choice('framing', values.framing, ['ndjson', 'content-length'] as const);
  if (values.url !== undefined) {
    if (program.length > 0) throw new UsageError('rpc', 'give either --url or a command, not both');
    if (framing) throw new UsageError('rpc', '--framing applies to a command, not to --url');
    return { kind: 'websocket', url: values.url };
  }
  const [command, ...args] = program;
  if (!command) throw new UsageError('rpc', 'missing the command to run (or --url)');
  return { kind: 'process', command, args, ...(framing ? { framing } : {}) };
}

function choice<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError('rpc', `--${name} expects one of ${allowed.join(', ')}, got ${value}`);
  }
  return value as T;
}

function show(value: unknown, out: Output): string {
  return typeof value === 'string'
    ? value
    : inspect(value, { depth: 8, colors: out.paint('bold', 'x') !== 'x' });
}
