/**
 * WebSocket echo throughput: a session from `connect()` (keepalive, send backpressure and receive
 * backpressure all on, events consumed with for-await) against a raw `ws` client, both talking to
 * the same `ws` echo server in a separate process. Sequential round trips and 64 in flight.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'execution-plane/websocket';
import WebSocket from 'ws';
import { writeChart } from './harness.ts';
import { type BenchReport, median, type Sample, sample } from './report.ts';

const ROUNDS_PER_CALL = 200;
const WINDOWED = ROUNDS_PER_CALL * 10;
const WINDOW = 64;
const PAYLOAD = JSON.stringify({ type: 'delta', text: 'x'.repeat(64) });

const SERVER = `
const { WebSocketServer } = require(${JSON.stringify(require_resolve('ws'))});
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
wss.on('listening', () => console.log(wss.address().port));
`;

function require_resolve(name: string): string {
  return new URL(import.meta.resolve(name)).pathname.replace(/wrapper\.mjs$/, 'index.js');
}

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `ws://127.0.0.1:${chunk.toString().trim()}`, child };
}

/** Runs `rounds` echoes with at most `window` in flight, through `send` and `received`. */
function echoes(send: () => void, received: () => Promise<unknown>, rounds: number, window: number) {
  return async () => {
    let sent = 0;
    while (sent < Math.min(window, rounds)) {
      send();
      sent++;
    }
    for (let got = 0; got < rounds; got++) {
      await received();
      if (sent < rounds) {
        send();
        sent++;
      }
    }
  };
}

async function rawClient(url: string) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await once(ws, 'open');
  const inbox: Array<() => void> = [];
  let buffered = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    // A real client reads the message; the session hands over text as a string too.
    if (!isBinary) data.toString('utf8');
    const next = inbox.shift();
    if (next) next();
    else buffered++;
  });
  const received = () => {
    if (buffered === 0) return new Promise<void>((resolve) => inbox.push(resolve));
    buffered--;
    return Promise.resolve();
  };
  return { send: () => ws.send(PAYLOAD), received, close: () => ws.close() };
}

async function sessionClient(url: string) {
  const session = connect(url);
  await session.ready();
  const iterator = session[Symbol.asyncIterator]();
  while ((await iterator.next()).value?.event_type !== 'websocket.open') {
    // skip execution.started and websocket.open
  }
  return {
    send: () => void session.send(PAYLOAD),
    received: () => iterator.next(),
    close: () => session.close(),
  };
}

/** Rounds per client, alternated so background load hits both alike; the median is kept. */
const ROUNDS = 11;
const ROUND_MS = 400;

export async function run(): Promise<BenchReport> {
  const { url, child } = await startServer();
  try {
    const clients = { raw: await rawClient(url), ours: await sessionClient(url) };
    const cases = [
      ['raw ws client', 'raw', 1, ROUNDS_PER_CALL],
      ['connect() session', 'ours', 1, ROUNDS_PER_CALL],
      ['raw ws client', 'raw', WINDOW, WINDOWED],
      ['connect() session', 'ours', WINDOW, WINDOWED],
    ] as const;
    const samples = cases.map(() => [] as Sample[]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, [, client, window, count]] of cases.entries()) {
        const { send, received } = clients[client];
        samples[i]?.push(await sample(echoes(send, received, count, window), ROUND_MS, count));
      }
    }
    clients.raw.close();
    await clients.ours.close();
    const rows = cases.map(([name, , window], i) => {
      const { rate, cpuUs } = median(samples[i] ?? []);
      const mode = window === 1 ? 'sequential' : `${window} in flight`;
      // Ours is measured right after raw in each round: the per-round ratio pairs them.
      const raw = samples[i - 1] ?? [];
      const ratios = (samples[i] ?? []).map((s, r) => s.rate / (raw[r]?.rate ?? Number.NaN));
      const cpuRaw = median(raw).cpuUs;
      return {
        name: `${name}, ${mode}`,
        value: rate,
        unit: 'msgs/s',
        cpuUs,
        note: `${cpuUs.toFixed(1)} µs CPU per message`,
        ...(name === 'raw ws client'
          ? {}
          : {
              baseline: `raw ws client, ${mode}`,
              goal: 0.95,
              spread: [Math.min(...ratios), Math.max(...ratios)] as const,
              cpuRatio: cpuRaw / cpuUs,
            }),
      };
    });
    const report = {
      title: `websocket: echo messages per second, server in another process (median of ${ROUNDS} alternating rounds)`,
      rows,
    };
    writeChart('websocket', report);
    return report;
  } finally {
    child.kill();
  }
}
