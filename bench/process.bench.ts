/**
 * Process lane: spawn overhead of `run('true')` against raw `child_process.spawn` and raw execa,
 * and line streaming of 256 MiB of 100-byte lines against raw `child_process` + split.
 *
 * Cases are interleaved round by round and each reports its best round, so load from other
 * processes on the machine hits every case alike instead of whichever ran during a spike.
 */
import { spawn as spawnRaw } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { run, spawn } from 'execution-plane/process';
import type { BenchReport } from './report.ts';

const FLOOD = fileURLToPath(new URL('../test/fixtures/process/flood.mjs', import.meta.url));
const BYTES = 256 * 1024 * 1024;
const floodArgs = [FLOOD, String(BYTES), '100'];
const LINES = BYTES / 100;
const SPAWNS_PER_ROUND = 100;

function rawTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnRaw('true', [], { stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

// Every case frames all 2.7 million lines; the count proves it.
function check(lines: number, name: string): void {
  if (Math.abs(lines - LINES) > 1) throw new Error(`${name}: framed ${lines} lines, expected ${LINES}`);
}

async function rawSplit(): Promise<void> {
  const child = spawnRaw(process.execPath, floodArgs, { stdio: ['ignore', 'pipe', 'ignore'] });
  let carry = '';
  let lines = 0;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop() ?? '';
    lines += parts.length;
  });
  await new Promise((resolve) => child.on('close', resolve));
  check(lines, 'raw split');
}

async function rawReadline(): Promise<void> {
  const child = spawnRaw(process.execPath, floodArgs, { stdio: ['ignore', 'pipe', 'ignore'] });
  let lines = 0;
  for await (const _ of createInterface({ input: child.stdout })) lines++;
  check(lines, 'readline');
}

async function execaLines(): Promise<void> {
  let lines = 0;
  for await (const _ of execa(process.execPath, floodArgs, { buffer: false })) lines++;
  check(lines, 'execa lines');
}

async function viaLane(execution: AsyncIterable<{ event_type: string; payload: unknown }>): Promise<void> {
  let lines = 0;
  for await (const event of execution) {
    if (event.event_type === 'process.output') lines += (event.payload as { lines: string[] }).lines.length;
  }
  check(lines, 'lane');
}

/** Runs `rounds` rounds of every case in turn; returns each case's best rate (units per second). */
async function bestOf(
  rounds: number,
  cases: Record<string, { fn: () => Promise<unknown>; repeat: number; units: number }>,
): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const [name, { fn, repeat, units }] of Object.entries(cases)) {
      const start = performance.now();
      for (let i = 0; i < repeat; i++) await fn();
      const rate = (repeat * units * 1000) / (performance.now() - start);
      // Round 0 warms up (JIT, the process watchdog, file caches) and is not counted.
      if (round > 0) best[name] = Math.max(best[name] ?? 0, rate);
    }
  }
  return best;
}

// bench/run.ts calls the module's `run`; this file's `run` is the process lane's.
export { bench as run };

async function bench(): Promise<BenchReport> {
  const spawns = await bestOf(7, {
    raw: { fn: rawTrue, repeat: SPAWNS_PER_ROUND, units: 1 },
    execa: { fn: () => execa('true', { reject: false }), repeat: SPAWNS_PER_ROUND, units: 1 },
    run: { fn: () => run('true').result, repeat: SPAWNS_PER_ROUND, units: 1 },
  });
  const mb = BYTES / 1e6;
  const lines = await bestOf(4, {
    split: { fn: rawSplit, repeat: 1, units: mb },
    readline: { fn: rawReadline, repeat: 1, units: mb },
    spawn: { fn: () => viaLane(spawn(process.execPath, floodArgs)), repeat: 1, units: mb },
    run: { fn: () => viaLane(run(process.execPath, floodArgs)), repeat: 1, units: mb },
  });
  const execaIterable = await bestOf(1, { execa: { fn: execaLines, repeat: 1, units: mb } });
  const ms = (perSecond: number) => `${(1000 / perSecond).toFixed(2)} ms per spawn`;
  const RAW = "raw child_process.spawn('true')";
  const EXECA = "raw execa('true')";
  const SPLIT = 'raw spawn + split';
  return {
    title: 'process: spawn overhead and line streaming (256 MiB of 100-byte lines)',
    rows: [
      { name: RAW, value: spawns.raw ?? 0, unit: 'spawns/s', note: ms(spawns.raw ?? 1) },
      { name: EXECA, value: spawns.execa ?? 0, unit: 'spawns/s', baseline: RAW, note: ms(spawns.execa ?? 1) },
      {
        name: "run('true').result",
        value: spawns.run ?? 0,
        unit: 'spawns/s',
        baseline: EXECA,
        note: ms(spawns.run ?? 1),
      },
      { name: SPLIT, value: lines.split ?? 0, unit: 'MB/s' },
      { name: 'raw spawn + readline', value: lines.readline ?? 0, unit: 'MB/s', baseline: SPLIT },
      { name: "execa's line iterable", value: execaIterable.execa ?? 0, unit: 'MB/s', baseline: SPLIT },
      { name: 'spawn(): process.output events', value: lines.spawn ?? 0, unit: 'MB/s', baseline: SPLIT },
      { name: 'run(): events + 16 MiB collected', value: lines.run ?? 0, unit: 'MB/s', baseline: SPLIT },
    ],
  };
}
