/**
 * Process lane: spawn overhead of `run('true')` against raw `child_process.spawn` and raw execa,
 * and line streaming of 256 MiB of 100-byte lines against raw `child_process` + split.
 *
 * Cases are interleaved round by round (bench/harness.ts): medians, the per-round spread of each
 * ratio, CPU time per operation, peak RSS of the streaming cases alone, and docs/bench/process.svg.
 */
import { spawn as spawnRaw } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { run as runProcess, spawn } from 'execution-plane/process';
import { type BenchCase, type BenchSetup, interleaved, peakRss, withRss, writeChart } from './harness.ts';
import type { BenchReport } from './report.ts';

const FLOOD = fileURLToPath(new URL('../test/fixtures/process/flood.mjs', import.meta.url));
const BYTES = 256 * 1024 * 1024;
const floodArgs = [FLOOD, String(BYTES), '100'];
const LINES = BYTES / 100;

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

/** The spawn cases: one `true` each, one process per run. */
function spawnCases(): BenchCase[] {
  const RAW = "raw child_process.spawn('true')";
  const EXECA = "raw execa('true')";
  return [
    { name: RAW, run: rawTrue },
    { name: EXECA, run: () => execa('true', { reject: false }), baseline: RAW },
    // The goals: keep pace with execa (0.97×), and stay within 1.3× of a raw spawn's time.
    { name: "run('true').result", run: () => runProcess('true').result, baseline: EXECA, goal: 0.97 },
    {
      name: "run('true').result vs raw spawn",
      run: () => runProcess('true').result,
      baseline: RAW,
      goal: 1 / 1.3,
    },
  ].map((c) => ({ ...c, ops: 1, unit: 'spawns/s' }));
}

const SPLIT = 'raw spawn + split';

/** The line-streaming cases: one 256 MiB flood per run. */
function lineCases(): BenchCase[] {
  return [
    { name: SPLIT, run: rawSplit },
    { name: 'raw spawn + readline', run: rawReadline, baseline: SPLIT },
    { name: "execa's line iterable", run: execaLines, baseline: SPLIT },
    {
      name: 'spawn() defaults: process.output events',
      run: () => viaLane(spawn(process.execPath, floodArgs)),
      baseline: SPLIT,
      goal: 0.95,
    },
    {
      name: 'run() defaults: events + 16 MiB collected',
      run: () => viaLane(runProcess(process.execPath, floodArgs)),
      baseline: SPLIT,
    },
  ].map((c) => ({ ...c, ops: BYTES / 1e6, unit: 'MB/s' }));
}

/** Every case, for `rss-case.ts` (peak RSS of one case run alone). */
export async function setup(): Promise<BenchSetup> {
  return { cases: [...spawnCases(), ...lineCases()], close: () => {} };
}

export async function run(): Promise<BenchReport> {
  const spawns = await interleaved(spawnCases(), 9, 500);
  // One flood per case per round (a run is longer than the round).
  const lines = await interleaved(lineCases(), 5, 1);
  const rss = await peakRss(
    'process',
    lineCases()
      .map((c) => c.name)
      .filter((name) => !name.includes('execa') && !name.includes('readline')),
  );
  const report = {
    title:
      'process: spawn overhead and line streaming (256 MiB of 100-byte lines; medians of interleaved rounds; peak RSS of each streaming case alone for 3 s)',
    rows: [...spawns, ...withRss(lines, rss)],
  };
  writeChart('process', report, 0.95);
  return report;
}
