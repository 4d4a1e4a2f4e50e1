/**
 * Requests/s of `request()` on both engines against the raw clients they wrap (global fetch,
 * node:http with a keep-alive agent) and undici's `request`, on a loopback server running in a
 * child process so client and server do not share an event loop.
 *
 * Cases run interleaved in short rounds and report their best round, with the CPU time this
 * process spent per operation in that best round: on a shared machine a neighbour's burst then
 * hits every case alike instead of whichever ran at that moment, and the least disturbed round
 * is the closest to what the code costs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { defineLane, startExecution } from 'execution-plane/core';
import { request } from 'execution-plane/http';
import { request as undiciRequest } from 'undici';
import * as z from 'zod/mini';
import type { BenchReport, BenchRow } from './report.ts';

const CONCURRENCY = 16;
const SERVER = `
import http from 'node:http';
const body = Buffer.from(JSON.stringify({ ok: true, items: [1, 2, 3] }));
const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** One benchmarked case: `run` performs `ops` operations. */
export interface BenchCase {
  readonly name: string;
  readonly run: () => Promise<unknown> | unknown;
  readonly ops: number;
  readonly unit: string;
  readonly baseline?: string;
}

const PER: Record<string, string> = { 'req/s': 'request', 'events/s': 'event', 'MB/s': 'MB' };

/**
 * Runs every case for `roundMs` per round, in a rotating order, and reports each case's best
 * rate and its lowest CPU time per operation.
 */
export async function interleaved(
  cases: readonly BenchCase[],
  rounds = 9,
  roundMs = 400,
): Promise<BenchRow[]> {
  const rates = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const cpu = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = -1; round < rounds; round++) {
    const order = cases.map((_, i) => cases[(i + Math.max(round, 0)) % cases.length] as BenchCase);
    for (const c of order) {
      const startCpu = process.cpuUsage();
      const start = performance.now();
      let ops = 0;
      while (performance.now() - start < roundMs) {
        await c.run();
        ops += c.ops;
      }
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(startCpu);
      if (round < 0) continue; // warm-up round
      rates.get(c.name)?.push((ops * 1000) / elapsed);
      cpu.get(c.name)?.push((used.user + used.system) / ops);
    }
  }
  return cases.map((c) => ({
    name: c.name,
    value: Math.max(...(rates.get(c.name) ?? [])),
    unit: c.unit,
    baseline: c.baseline,
    note: `${Math.min(...(cpu.get(c.name) ?? [])).toFixed(c.unit === 'req/s' ? 1 : 3)} µs CPU per ${PER[c.unit] ?? c.unit}`,
  }));
}

async function startServer(source: string): Promise<{ port: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { port: line.toString().trim(), child };
}

/** Starts a loopback server from module source in a child process; resolves with its port. */
export { startServer };

export async function run(): Promise<BenchReport> {
  const { port, child } = await startServer(SERVER);
  const url = `http://127.0.0.1:${port}/`;
  const agent = new http.Agent({ keepAlive: true });
  const rawNode = () =>
    new Promise<string>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  // The raw client inside a bare execution: what the execution model itself costs per request.
  const bare = defineLane({
    id: 'bare',
    input: z.unknown(),
    start: async () => ({ output: await rawNode() }),
  });
  const batch = (fn: () => Promise<unknown>) => () => Promise.all(Array.from({ length: CONCURRENCY }, fn));
  const cases: BenchCase[] = [
    { name: 'raw fetch', run: batch(async () => (await fetch(url)).text()) },
    {
      name: 'request() fetch engine',
      run: batch(() => request(url, { engine: 'fetch' }).output()),
      baseline: 'raw fetch',
    },
    { name: 'raw node:http keep-alive', run: batch(rawNode) },
    {
      name: 'raw node:http inside a bare execution (core only)',
      run: batch(() => startExecution(bare, null).output()),
      baseline: 'raw node:http keep-alive',
    },
    {
      name: 'request() node engine (default)',
      run: batch(() => request(url).output()),
      baseline: 'raw node:http keep-alive',
    },
    { name: 'undici request', run: batch(async () => (await undiciRequest(url)).body.text()) },
  ].map((c) => ({ ...c, ops: CONCURRENCY, unit: 'req/s' }));
  try {
    const rows = await interleaved(cases);
    const rss = `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB RSS after the run`;
    return {
      title: `http: requests/s, ${CONCURRENCY} in flight, loopback server in a child process (best of 9 interleaved rounds; ${rss})`,
      rows,
    };
  } finally {
    agent.destroy();
    child.kill();
  }
}
