/**
 * Requests/s of `request()` on both engines against the raw clients they wrap (global fetch,
 * node:http with a keep-alive agent) and undici's `request`, on a loopback server running in a
 * child process so client and server do not share an event loop.
 *
 * Cases run interleaved in short rounds and report their median round, the per-round spread of
 * their ratio to the baseline and the CPU time this process spent per operation: on a shared
 * machine a neighbour's burst then hits every case alike instead of whichever ran at that moment.
 * Each case's peak RSS is measured alone in a fresh process.
 */
import http from 'node:http';
import { defineLane, startExecution } from 'execution-plane/core';
import { request } from 'execution-plane/http';
import { request as undiciRequest } from 'undici';
import * as z from 'zod/mini';
import {
  type BenchCase,
  type BenchSetup,
  interleaved,
  interleavedByGroup,
  peakRss,
  startServer,
  withRss,
  writeChart,
} from './harness.ts';
import type { BenchReport, BenchRow } from './report.ts';

const CONCURRENCY = 32;
/** Size of the streamed download cases' body, in MiB (one download per run). */
const DOWNLOAD_MB = 16;
const SERVER = `
import http from 'node:http';
const body = Buffer.from(JSON.stringify({ ok: true, items: [1, 2, 3] }));
const download = Buffer.alloc(${DOWNLOAD_MB} * 1024 * 1024, 7);
const server = http.createServer((req, res) => {
  req.resume();
  if (req.url === '/download') {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': download.length });
    return res.end(download);
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** Re-exported for benches written against this module before the harness existed. */
export { type BenchCase, interleaved, startServer };

/** Whether this build has the undici engine (the before/after runs share this file). */
async function hasUndiciEngine(url: string): Promise<boolean> {
  try {
    await request(url, { engine: 'undici' as 'node' }).output();
    return true;
  } catch {
    return false;
  }
}

/** Whether this build streams bodies (`responseType: 'stream'`; the before/after runs share this file). */
async function hasStreaming(url: string): Promise<boolean> {
  try {
    await request(url, { responseType: 'stream' as 'text' }).text();
    return true;
  } catch {
    return false;
  }
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}

/** Streaming download cases: ours with `responseType: 'stream'` vs raw fetch reading the body. */
function downloadCases(url: string): BenchCase[] {
  const download = `${url}download`;
  const stream = { responseType: 'stream' as 'text', maxResponseBytes: 2 * DOWNLOAD_MB * 2 ** 20 };
  const ours = async (engine: 'node' | 'fetch') => {
    const { body } = await request(download, { ...stream, engine }).output();
    return drain(body as unknown as AsyncIterable<Uint8Array>);
  };
  const raw = 'raw fetch download (reading the body)';
  return [
    { name: raw, run: async () => drain((await fetch(download)).body as AsyncIterable<Uint8Array>) },
    {
      name: "request() 'stream' download, fetch engine",
      run: () => ours('fetch'),
      baseline: raw,
      goal: 0.95,
    },
    { name: "request() 'stream' download, node engine", run: () => ours('node'), baseline: raw, goal: 0.95 },
  ].map((c) => ({ ...c, ops: DOWNLOAD_MB * 1.048576, unit: 'MB/s', group: 'download' }));
}

/** The cases, on a fresh server: `run` measures them together, `rss-case.ts` one at a time. */
export async function setup(): Promise<BenchSetup> {
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
  const undici = await hasUndiciEngine(url);
  const cases: BenchCase[] = [
    { name: 'raw fetch', run: batch(async () => (await fetch(url)).text()), group: 'fetch' },
    // What any cancellable fetch pays: with a signal, undici's Request registers it in a
    // FinalizationRegistry through a WeakRef and listens on it (no lane involved).
    {
      name: 'raw fetch with an AbortSignal',
      run: batch(async () => (await fetch(url, { signal: new AbortController().signal })).text()),
      baseline: 'raw fetch',
      group: 'fetch',
    },
    {
      name: 'request() fetch engine',
      run: batch(() => request(url, { engine: 'fetch' }).output()),
      baseline: 'raw fetch',
      goal: 0.95,
      group: 'fetch',
    },
    { name: 'raw node:http keep-alive', run: batch(rawNode), group: 'node' },
    {
      name: 'raw node:http inside a bare execution (core only)',
      run: batch(() => startExecution(bare, null).output()),
      baseline: 'raw node:http keep-alive',
      goal: 0.9,
      group: 'node',
    },
    {
      name: 'request() node engine (default)',
      run: batch(() => request(url).output()),
      baseline: 'raw node:http keep-alive',
      goal: 0.9,
      group: 'node',
    },
    {
      name: 'undici request',
      run: batch(async () => (await undiciRequest(url)).body.text()),
      group: 'undici',
    },
    ...(undici
      ? [
          {
            name: 'request() undici engine',
            run: batch(() => request(url, { engine: 'undici' as 'node' }).output()),
            baseline: 'undici request',
            goal: 0.9,
            group: 'undici',
          },
        ]
      : []),
  ].map((c) => ({ ...c, ops: CONCURRENCY, unit: 'req/s' }));
  if (await hasStreaming(url)) cases.push(...downloadCases(url));
  return {
    cases,
    close: () => {
      agent.destroy();
      child.kill();
    },
  };
}

export async function run(): Promise<BenchReport> {
  const { cases, close } = await setup();
  let rows: BenchRow[];
  try {
    rows = await interleavedByGroup('http', cases);
  } finally {
    close();
  }
  const rss = await peakRss(
    'http',
    cases.map((c) => c.name).filter((n) => !n.includes('bare') && !n.includes('AbortSignal')),
  );
  const report = {
    title: `http: requests/s, ${CONCURRENCY} in flight, and MB/s of one ${DOWNLOAD_MB} MiB streamed download, loopback server in a child process (median of 9 interleaved rounds; peak RSS of each case alone for 3 s)`,
    rows: withRss(rows, rss),
  };
  writeChart('http', report);
  return report;
}
