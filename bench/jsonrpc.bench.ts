/**
 * JSON-RPC round trips per second over stdio to an echo peer (a separate Node process), one
 * request at a time and 64 in flight, for: a hand-rolled NDJSON client (a Map of pending ids —
 * the floor), this engine with every feature on (per-request timeout, a cancellation signal and a
 * progress callback on each request), json-rpc-2.0, the MCP SDK (Client.ping over its
 * StdioClientTransport) and vscode-jsonrpc (Content-Length, compared with this engine in the same
 * framing).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { createJsonRpcConnection, createStreamChannel, type JsonRpcFraming } from 'execution-plane/jsonrpc';
import { JSONRPCClient } from 'json-rpc-2.0';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { type BenchReport, type BenchRow, measure } from './report.ts';

const PEER = fileURLToPath(new URL('../test/fixtures/jsonrpc/echo-peer.ts', import.meta.url));
const SEQUENTIAL = 200;
const WINDOW = 64;
const CONCURRENT = 64 * 40;
const PARAMS = { text: 'hello', n: 1 };

type Call = () => Promise<unknown>;
interface Subject {
  call: Call;
  close(): Promise<unknown> | unknown;
}

const children: ChildProcess[] = [];
function peer(framing: JsonRpcFraming): ChildProcess {
  const child = spawn(process.execPath, [PEER, framing], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

/** Calls `onMessage` with each NDJSON message the child writes to stdout. */
function readMessages(
  child: ChildProcess,
  onMessage: (message: { id: number; result: unknown }) => void,
): void {
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      onMessage(JSON.parse(buffer.slice(0, nl)));
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
    }
  });
}

/** The floor: write NDJSON, split stdout on newlines, resolve from a Map of pending ids. */
function handRolled(): Subject {
  const child = peer('ndjson');
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 0;
  readMessages(child, (message) => {
    const resolve = pending.get(message.id);
    pending.delete(message.id);
    resolve?.(message.result);
  });
  return {
    call: () =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        child.stdin!.write(`${JSON.stringify({ jsonrpc: '2.0', id, method: 'echo', params: PARAMS })}\n`);
      }),
    close: () => child.stdin!.end(),
  };
}

/** This engine over the child's pipes, with a timeout, a signal and a progress callback per request. */
function engine(framing: JsonRpcFraming): Subject {
  const child = peer(framing);
  const rpc = createJsonRpcConnection(createStreamChannel(child.stdout!, child.stdin!, { framing }), {
    requestTimeoutMs: 30_000,
    maxInFlight: 4_096,
  });
  const controller = new AbortController();
  const options = { signal: controller.signal, onProgress: () => {}, timeoutMs: 30_000 };
  return { call: () => rpc.request('echo', PARAMS, options), close: () => rpc.close() };
}

function jsonRpc2(): Subject {
  const child = peer('ndjson');
  const client: JSONRPCClient = new JSONRPCClient((request) => {
    child.stdin!.write(`${JSON.stringify(request)}\n`);
  });
  readMessages(child, (message) => client.receive(message as never));
  return { call: () => Promise.resolve(client.request('echo', PARAMS)), close: () => child.stdin!.end() };
}

async function mcpSdk(): Promise<Subject> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [PEER, 'ndjson'],
    stderr: 'inherit',
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { call: () => client.ping(), close: () => client.close() };
}

function vscodeJsonRpc(): Subject {
  const child = peer('content-length');
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  connection.listen();
  return { call: () => connection.sendRequest('echo', PARAMS), close: () => connection.dispose() };
}

function sequential(call: Call) {
  return async () => {
    for (let i = 0; i < SEQUENTIAL; i++) await call();
  };
}

function inFlight(call: Call) {
  return async () => {
    const worker = async () => {
      for (let i = 0; i < CONCURRENT / WINDOW; i++) await call();
    };
    await Promise.all(Array.from({ length: WINDOW }, worker));
  };
}

/** Rounds per subject, alternated across subjects so background load hits them alike; best kept. */
const ROUNDS = 5;
const ROUND_MS = 700;

async function bestOf(subjects: ReadonlyArray<[string, Subject]>, mode: 'sequential' | 'in flight') {
  const best = new Map<string, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, subject] of subjects) {
      const rate =
        mode === 'sequential'
          ? await measure(sequential(subject.call), ROUND_MS, SEQUENTIAL)
          : await measure(inFlight(subject.call), ROUND_MS, CONCURRENT);
      best.set(name, Math.max(best.get(name) ?? 0, rate));
    }
  }
  return best;
}

export async function run(): Promise<BenchReport> {
  const floor = 'hand-rolled NDJSON (floor)';
  try {
    const subjects: Array<[string, Subject]> = [
      [floor, handRolled()],
      ['execution-plane, NDJSON, all features on', engine('ndjson')],
      ['json-rpc-2.0', jsonRpc2()],
      ['MCP SDK Client.ping (stdio transport)', await mcpSdk()],
      ['vscode-jsonrpc (Content-Length)', vscodeJsonRpc()],
      ['execution-plane, Content-Length, all features on', engine('content-length')],
    ];
    const seq = await bestOf(subjects, 'sequential');
    const win = await bestOf(subjects, 'in flight');
    for (const [, subject] of subjects) await subject.close();
    const rows: BenchRow[] = [];
    for (const [mode, results, suffix] of [
      ['sequential', seq, 'sequential'],
      ['in flight', win, `${WINDOW} in flight`],
    ] as const) {
      void mode;
      for (const [name] of subjects) {
        rows.push({
          name: `${name}, ${suffix}`,
          value: results.get(name) ?? 0,
          unit: 'round trips/s',
          ...(name === floor ? {} : { baseline: `${floor}, ${suffix}` }),
        });
      }
    }
    return {
      title: `jsonrpc: round trips per second over stdio to an echo peer (best of ${ROUNDS} alternating rounds)`,
      rows,
    };
  } finally {
    for (const child of children) child.kill();
  }
}
