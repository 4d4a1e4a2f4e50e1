/**
 * Process lane, bytes: 256 MiB of binary-safe output read with `encoding: 'buffer'` against raw
 * `child_process.spawn` counting the same chunks, and 64 MiB collected by `run()` against raw
 * spawn + `Buffer.concat`. Cases are interleaved round by round; each reports its best round.
 */
import { spawn as spawnRaw } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run, spawn } from 'execution-plane/process';
import type { BenchReport } from './report.ts';

const FLOOD = fileURLToPath(new URL('../test/fixtures/process/flood.mjs', import.meta.url));
const STREAM_BYTES = 256 * 1024 * 1024;
const COLLECT_BYTES = 64 * 1024 * 1024;

function expectBytes(got: number, want: number, name: string): void {
  if (got !== want) throw new Error(`${name}: read ${got} bytes, expected ${want}`);
}

async function rawStream(): Promise<void> {
  const child = spawnRaw(process.execPath, [FLOOD, String(STREAM_BYTES)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let bytes = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await new Promise((resolve) => child.on('close', resolve));
  expectBytes(bytes, STREAM_BYTES, 'raw stream');
}

// The same consumer shape as the lane's: an async iterator over the chunks.
async function rawIterate(): Promise<void> {
  const child = spawnRaw(process.execPath, [FLOOD, String(STREAM_BYTES)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let bytes = 0;
  for await (const chunk of child.stdout) bytes += (chunk as Buffer).length;
  expectBytes(bytes, STREAM_BYTES, 'raw iterate');
}

async function laneStream(): Promise<void> {
  let bytes = 0;
  for await (const event of spawn(process.execPath, [FLOOD, String(STREAM_BYTES)], { encoding: 'buffer' })) {
    if (event.event_type === 'process.output' && 'bytes' in event.payload)
      bytes += event.payload.bytes.length;
  }
  expectBytes(bytes, STREAM_BYTES, 'spawn bytes');
}

async function rawCollect(): Promise<void> {
  const child = spawnRaw(process.execPath, [FLOOD, String(COLLECT_BYTES)], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => child.on('close', resolve));
  expectBytes(Buffer.concat(chunks).length, COLLECT_BYTES, 'raw collect');
}

async function laneCollect(): Promise<void> {
  const { stdout } = await run(process.execPath, [FLOOD, String(COLLECT_BYTES)], {
    encoding: 'buffer',
    maxBufferBytes: COLLECT_BYTES,
  }).output();
  expectBytes(stdout.length, COLLECT_BYTES, 'run bytes');
}

async function bestOf(rounds: number, cases: Record<string, { fn: () => Promise<void>; mb: number }>) {
  const best: Record<string, { wall: number; cpu: number }> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const [name, { fn, mb }] of Object.entries(cases)) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      await fn();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (round === 0) continue; // warm-up
      const previous = best[name] ?? { wall: 0, cpu: 0 };
      best[name] = {
        wall: Math.max(previous.wall, (mb * 1000) / wallMs),
        cpu: Math.max(previous.cpu, (mb * 1000) / ((used.user + used.system) / 1000)),
      };
    }
  }
  return best;
}

export async function run_(): Promise<BenchReport> {
  const streamMb = STREAM_BYTES / 1e6;
  const collectMb = COLLECT_BYTES / 1e6;
  const best = await bestOf(8, {
    rawStream: { fn: rawStream, mb: streamMb },
    rawIterate: { fn: rawIterate, mb: streamMb },
    laneStream: { fn: laneStream, mb: streamMb },
    rawCollect: { fn: rawCollect, mb: collectMb },
    laneCollect: { fn: laneCollect, mb: collectMb },
  });
  const get = (name: string) => best[name] ?? { wall: 0, cpu: 0 };
  const RAW_STREAM = 'raw spawn, 256 MiB counted';
  const RAW_COLLECT = 'raw spawn + Buffer.concat, 64 MiB';
  return {
    title: "process: binary output with encoding: 'buffer'",
    rows: [
      { name: RAW_STREAM, value: get('rawStream').wall, unit: 'MB/s' },
      {
        name: 'raw spawn, for await of stdout',
        value: get('rawIterate').wall,
        unit: 'MB/s',
        baseline: RAW_STREAM,
      },
      {
        name: "spawn({ encoding: 'buffer' }) events",
        value: get('laneStream').wall,
        unit: 'MB/s',
        baseline: RAW_STREAM,
      },
      { name: RAW_COLLECT, value: get('rawCollect').wall, unit: 'MB/s' },
      {
        name: "run({ encoding: 'buffer' }) collected",
        value: get('laneCollect').wall,
        unit: 'MB/s',
        baseline: RAW_COLLECT,
      },
      { name: `${RAW_STREAM} [CPU]`, value: get('rawStream').cpu, unit: 'MB/CPU-s' },
      {
        name: "spawn({ encoding: 'buffer' }) events [CPU]",
        value: get('laneStream').cpu,
        unit: 'MB/CPU-s',
        baseline: `${RAW_STREAM} [CPU]`,
      },
    ],
  };
}

export { run_ as run };
