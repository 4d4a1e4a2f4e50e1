/** One measured row: a name, a rate (ops/s, events/s, MB/s …) and its unit. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Name of the row this one is compared with (the raw baseline or best peer). */
  readonly baseline?: string;
  /** Free-form note (RSS, latency …). */
  readonly note?: string;
  /** Min and max of the per-round ratio to the baseline. */
  readonly spread?: readonly [number, number];
  /** Median CPU time of this process per operation, µs. */
  readonly cpuUs?: number;
  /** The baseline's CPU per operation divided by this row's (higher is better, like the rate). */
  readonly cpuRatio?: number;
  /** Peak RSS of the case run alone in a fresh process, MiB. */
  readonly rssMiB?: number;
  /** Goal for the ratio to the baseline. */
  readonly goal?: number;
}

/** A titled table of rows. */
export interface BenchReport {
  readonly title: string;
  readonly rows: readonly BenchRow[];
}

/** Prints a markdown table with ratios against each row's baseline; higher values are better. */
export function printReport(report: BenchReport): void {
  console.log(`\n## ${report.title}\n`);
  console.log('| case | result | vs baseline (per-round range) | CPU ratio | peak RSS | note |');
  console.log('|---|---|---|---|---|---|');
  for (const row of report.rows) {
    const base = row.baseline ? report.rows.find((r) => r.name === row.baseline) : undefined;
    const spread = row.spread ? ` (${row.spread.map((v) => v.toFixed(2)).join('–')})` : '';
    const ratio = base ? `${(row.value / base.value).toFixed(2)}× ${base.name}${spread}` : '';
    const cpu = row.cpuRatio ? `${row.cpuRatio.toFixed(2)}×` : '';
    const rss = row.rssMiB ? `${row.rssMiB} MiB` : '';
    console.log(
      `| ${row.name} | ${format(row.value)} ${row.unit} | ${ratio} | ${cpu} | ${rss} | ${row.note ?? ''} |`,
    );
  }
}

function format(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}

/**
 * Measures `fn` repeatedly for about `ms` milliseconds after a warm-up and returns operations per
 * second (each call counts `opsPerCall` operations).
 */
export async function measure(
  fn: () => Promise<unknown> | unknown,
  ms = 2_000,
  opsPerCall = 1,
): Promise<number> {
  const warmUntil = performance.now() + Math.min(500, ms / 4);
  while (performance.now() < warmUntil) await fn();
  let ops = 0;
  const start = performance.now();
  const until = start + ms;
  while (performance.now() < until) {
    await fn();
    ops += opsPerCall;
  }
  return (ops * 1000) / (performance.now() - start);
}

/** One measured round: the rate, and this process's CPU time per operation in µs. */
export interface Sample {
  readonly rate: number;
  /** CPU time of this process per operation, µs: steadier than the rate on a loaded machine. */
  readonly cpuUs: number;
}

/** Measures `fn` for one round of `ms` milliseconds (each call counts `ops` operations). */
export async function sample(fn: () => Promise<unknown>, ms: number, ops: number): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rate = await measure(fn, ms, ops);
  const cpu = process.cpuUsage(cpu0);
  const done = (rate * (performance.now() - t0)) / 1000;
  return { rate, cpuUs: (cpu.user + cpu.system) / done };
}

/** The median rate and the median CPU time of a case's rounds (one lucky round skews nothing). */
export function median(samples: readonly Sample[]): Sample {
  const pick = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  return { rate: pick(samples.map((s) => s.rate)), cpuUs: pick(samples.map((s) => s.cpuUs)) };
}
