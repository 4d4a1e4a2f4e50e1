/**
 * Shared measuring for the lane benchmarks: interleaved rounds with medians and the spread of
 * each case's ratio to its baseline (taken round by round, so a neighbour's burst hits both sides
 * of a ratio alike), CPU time per operation, peak RSS of a case run alone in a child process, and
 * a chart per lane (`docs/bench/<lane>.svg`).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BenchReport, BenchRow } from './report.ts';

/** One benchmarked case: `run` performs `ops` operations. */
export interface BenchCase {
  readonly name: string;
  readonly run: () => Promise<unknown> | unknown;
  readonly ops: number;
  readonly unit: string;
  readonly baseline?: string;
  /** The goal for this case's ratio to its baseline (drawn on the chart). */
  readonly goal?: number;
  /**
   * Cases of one group run interleaved in a process of their own ({@link interleavedByGroup}),
   * so one client's heap does not weigh on another's; a case and its baseline share a group.
   */
  readonly group?: string;
}

/** What a lane's bench module exposes so one case can run alone (for its peak RSS). */
export interface BenchSetup {
  readonly cases: readonly BenchCase[];
  close(): void;
}

const PER: Record<string, string> = {
  'req/s': 'request',
  'events/s': 'event',
  'MB/s': 'MB',
  'msgs/s': 'message',
  'executions/s': 'execution',
  'spawns/s': 'spawn',
  'round trips/s': 'round trip',
};

const middle = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * Runs every case for `roundMs` per round, in a rotating order, after one warm-up round, and
 * reports each case's median rate, median CPU time per operation, and the min–max of its
 * per-round ratio to its baseline.
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
  return cases.map((c) => {
    const mine = rates.get(c.name) ?? [];
    const base = c.baseline ? rates.get(c.baseline) : undefined;
    const ratios = base ? mine.map((r, i) => r / (base[i] ?? Number.NaN)) : [];
    const myCpu = middle(cpu.get(c.name) ?? []);
    const baseCpu = c.baseline ? middle(cpu.get(c.baseline) ?? []) : undefined;
    return {
      name: c.name,
      value: middle(mine),
      unit: c.unit,
      baseline: c.baseline,
      ...(c.goal ? { goal: c.goal } : {}),
      ...(ratios.length > 0 ? { spread: [Math.min(...ratios), Math.max(...ratios)] as const } : {}),
      cpuUs: myCpu,
      ...(baseCpu ? { cpuRatio: baseCpu / myCpu } : {}),
      note: `${myCpu.toFixed(myCpu >= 100 ? 0 : myCpu >= 10 ? 1 : 3)} µs CPU per ${PER[c.unit] ?? c.unit}`,
    };
  });
}

/**
 * {@link interleaved} per group of cases, each group in a fresh child process (`group-run.ts`)
 * that sets the lane's bench up again: in one process, the fetch cases grew the heap to ~300 MiB
 * and every other client then paid for marking it. Rows come back in the cases' order.
 */
export async function interleavedByGroup(
  lane: string,
  cases: readonly BenchCase[],
  rounds = 9,
  roundMs = 400,
): Promise<BenchRow[]> {
  const groups = [...new Set(cases.map((c) => c.group ?? ''))];
  const rows = new Map<string, BenchRow>();
  for (const group of groups) {
    const out = await runScript('group-run.ts', [lane, group, String(rounds), String(roundMs)]);
    for (const row of JSON.parse(out) as BenchRow[]) rows.set(row.name, row);
  }
  return cases.map((c) => rows.get(c.name)).filter((row): row is BenchRow => row !== undefined);
}

/** Starts a loopback server from module source in a child process; resolves with its port. */
export async function startServer(source: string): Promise<{ port: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { port: line.toString().trim(), child };
}

const here = new URL('.', import.meta.url);

/** Runs one of this directory's scripts in a fresh Node process; resolves with its stdout. */
function runScript(script: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [fileURLToPath(new URL(script, here)), ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
}

/**
 * Peak RSS (MiB) of each named case run alone for `ms` in a fresh child process (`rss-case.ts`),
 * so no case's heap inflates another's number. Each case runs `repeats` times, the cases taking
 * turns, and the median is kept: one run's peak depends on when V8 happened to grow its heap and
 * moved by 50+ MiB between runs of one build on a loaded machine.
 */
export async function peakRss(
  lane: string,
  names: readonly string[],
  ms = 3_000,
  repeats = 3,
): Promise<Map<string, number>> {
  const runs = new Map<string, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < repeats; round++) {
    for (const name of names) {
      const out = await runScript('rss-case.ts', [lane, name, String(ms)]);
      runs.get(name)?.push(Number(out.trim()));
    }
  }
  return new Map([...runs].map(([name, values]) => [name, middle(values)]));
}

/** Adds `rssMiB` (from `peakRss`) to the rows it measured. */
export function withRss(rows: readonly BenchRow[], rss: ReadonlyMap<string, number>): BenchRow[] {
  return rows.map((row) => (rss.has(row.name) ? { ...row, rssMiB: rss.get(row.name) } : row));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Writes `docs/bench/<lane>.svg` and `<lane>.json`: one bar per compared row, its ratio to the
 * baseline in CPU time per operation (this process's user + system time; on a shared machine the
 * steadier measure), with the wall-clock median ratio as a tick and its per-round min–max as a
 * whisker, and a red mark at the row's goal (`goal` for rows without one). When
 * `docs/bench/<lane>.before.json` exists (a run of the previous build), its bar is drawn grey
 * under each row's bar.
 */
export function writeChart(lane: string, report: BenchReport, goal = 0.9): string {
  const dir = new URL('../docs/bench/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  // Pairs on one line, as the repo's formatter prints them.
  const json = JSON.stringify(report, null, 2).replace(/\[\s+([^,\s]+),\s+([^,\s]+)\s+\]/g, '[$1, $2]');
  writeFileSync(new URL(`${lane}.json`, dir), `${json}\n`);
  let before: BenchReport | undefined;
  try {
    before = JSON.parse(readFileSync(new URL(`${lane}.before.json`, dir), 'utf8')) as BenchReport;
  } catch {
    before = undefined;
  }
  const rows = report.rows.filter((r) => r.baseline);
  const wall = (r: BenchRow, rep: BenchReport) => {
    const base = rep.rows.find((b) => b.name === r.baseline);
    return base ? r.value / base.value : 0;
  };
  const cpu = (r: BenchRow | undefined, rep: BenchReport) => (r ? (r.cpuRatio ?? wall(r, rep)) : 0);
  const max = Math.min(
    3,
    Math.max(1.25, ...rows.map((r) => Math.max(cpu(r, report), wall(r, report)))) * 1.05,
  );
  const labelW = 470;
  const barW = 380;
  const rowH = before ? 34 : 26;
  const top = 52;
  const height = top + rows.length * rowH + 40;
  const x = (v: number) => labelW + (Math.min(v, max) / max) * barW;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 80}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(lane)} benchmark: ratios to the raw floor</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="18" font-weight="bold">${escapeXml(lane)}: ratio to the raw floor / peer in the same run (higher is better)</text>`,
    `<text x="8" y="36" fill="#444">bar: CPU time per op (baseline ÷ ours)${before ? '; grey: before' : ''}; black tick + whisker: wall-clock median and per-round range; red: goal</text>`,
  ];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const v = cpu(r, report);
    const met = v >= (r.goal ?? goal);
    parts.push(
      `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${escapeXml(`${r.name} vs ${r.baseline}`.slice(0, 75))}</text>`,
    );
    const old = before?.rows.find((b) => b.name === r.name);
    if (before && old) {
      const ov = cpu(old, before);
      parts.push(
        `<rect x="${labelW}" y="${y + 20}" width="${(x(ov) - labelW).toFixed(1)}" height="8" fill="#bbb"/>`,
        `<text x="${(x(ov) + 4).toFixed(1)}" y="${y + 28}" fill="#777" font-size="10">${ov.toFixed(2)}×</text>`,
      );
    }
    parts.push(
      `<rect x="${labelW}" y="${y + 3}" width="${Math.max(0, x(v) - labelW).toFixed(1)}" height="15" fill="${met ? '#4c9a2a' : '#d9822b'}"/>`,
      `<text x="${(x(Math.max(v, wall(r, report))) + 6).toFixed(1)}" y="${y + 14}">${v.toFixed(2)}×</text>`,
      `<line x1="${x(wall(r, report)).toFixed(1)}" x2="${x(wall(r, report)).toFixed(1)}" y1="${y + 1}" y2="${y + 20}" stroke="#000" stroke-width="2"/>`,
    );
    if (r.goal)
      parts.push(
        `<line x1="${x(r.goal).toFixed(1)}" x2="${x(r.goal).toFixed(1)}" y1="${y + 1}" y2="${y + 20}" stroke="#c00" stroke-width="2"/>`,
      );
    if (r.spread) {
      const [lo, hi] = r.spread;
      parts.push(
        `<line x1="${x(lo).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${y + 10}" y2="${y + 10}" stroke="#000"/>`,
      );
    }
  });
  const bottom = top + rows.length * rowH;
  parts.push(
    `<line x1="${x(1).toFixed(1)}" x2="${x(1).toFixed(1)}" y1="${top - 4}" y2="${bottom}" stroke="#222" stroke-dasharray="3,3"/>`,
    `<text x="${x(1).toFixed(1)}" y="${bottom + 14}" text-anchor="middle">1.0×</text>`,
    `<text x="8" y="${bottom + 32}" fill="#444">${escapeXml(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load average ${os.loadavg()[0]?.toFixed(1)} at the end of the run`)}</text>`,
  );
  parts.push('</svg>');
  const file = new URL(`${lane}.svg`, dir);
  writeFileSync(file, `${parts.join('\n')}\n`);
  return fileURLToPath(file);
}
