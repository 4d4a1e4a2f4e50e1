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

interface Rates {
  /** Units per wall-clock second, best round. */
  readonly wall: number;
  /** Units per second of this process's CPU time (user + system), best round: what the lane costs. */
  readonly cpu: number;
}

/**
 * Runs `rounds` rounds of every case in turn and returns each case's best wall-clock rate and best
 * rate per CPU-second of this process. CPU time barely moves when other processes compete for the
 * cores, so it shows the lane's own cost even on a busy machine.
 */
async function bestOf(
  rounds: number,
  cases: Record<string, { fn: () => Promise<unknown>; repeat: number; units: number }>,
): Promise<Record<string, Rates>> {
  const best: Record<string, Rates> = {};
  for (let round = 0; round <= rounds; round++) {
    for (const [name, { fn, repeat, units }] of Object.entries(cases)) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < repeat; i++) await fn();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      // Round 0 warms up (JIT, the process watchdog, file caches) and is not counted.
      if (round === 0) continue;
      const previous = best[name] ?? { wall: 0, cpu: 0 };
      best[name] = {
        wall: Math.max(previous.wall, (repeat * units * 1000) / wallMs),
        cpu: Math.max(previous.cpu, (repeat * units * 1000) / cpuMs),
      };
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
  const peer = await bestOf(1, { execa: { fn: execaLines, repeat: 1, units: mb } });
  const get = (table: Record<string, Rates>, name: string) => table[name] ?? { wall: 0, cpu: 0 };
  const ms = (perSecond: number) => `${(1000 / perSecond).toFixed(2)} ms per spawn`;
  const cpuMs = (perSecond: number) => `${(1000 / perSecond).toFixed(2)} ms CPU per spawn`;
  const RAW = "raw child_process.spawn('true')";
  const EXECA = "raw execa('true')";
  const SPLIT = 'raw spawn + split';
  const rows: BenchReport['rows'][number][] = [
    { name: RAW, value: get(spawns, 'raw').wall, unit: 'spawns/s', note: ms(get(spawns, 'raw').wall) },
    {
      name: EXECA,
      value: get(spawns, 'execa').wall,
      unit: 'spawns/s',
      baseline: RAW,
      note: ms(get(spawns, 'execa').wall),
    },
    {
      name: "run('true').result",
      value: get(spawns, 'run').wall,
      unit: 'spawns/s',
      baseline: EXECA,
      note: ms(get(spawns, 'run').wall),
    },
    {
      name: `${RAW} [CPU]`,
      value: get(spawns, 'raw').cpu,
      unit: 'spawns/CPU-s',
      note: cpuMs(get(spawns, 'raw').cpu),
    },
    {
      name: `${EXECA} [CPU]`,
      value: get(spawns, 'execa').cpu,
      unit: 'spawns/CPU-s',
      baseline: `${RAW} [CPU]`,
      note: cpuMs(get(spawns, 'execa').cpu),
    },
    {
      name: "run('true').result [CPU]",
      value: get(spawns, 'run').cpu,
      unit: 'spawns/CPU-s',
      baseline: `${EXECA} [CPU]`,
      note: cpuMs(get(spawns, 'run').cpu),
    },
  ];
  const streaming: Array<[string, Rates]> = [
    [SPLIT, get(lines, 'split')],
    ['raw spawn + readline', get(lines, 'readline')],
    ["execa's line iterable", get(peer, 'execa')],
    ['spawn(): process.output events', get(lines, 'spawn')],
    ['run(): events + 16 MiB collected', get(lines, 'run')],
  ];
  for (const [name, rate] of streaming) {
    rows.push({ name, value: rate.wall, unit: 'MB/s', ...(name === SPLIT ? {} : { baseline: SPLIT }) });
  }
  for (const [name, rate] of streaming) {
    rows.push({
      name: `${name} [CPU]`,
      value: rate.cpu,
      unit: 'MB/CPU-s',
      ...(name === SPLIT ? {} : { baseline: `${SPLIT} [CPU]` }),
    });
  }
  return { title: 'process: spawn overhead and line streaming (256 MiB of 100-byte lines)', rows };
}
