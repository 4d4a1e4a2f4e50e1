/**
 * Runs every `bench/*.bench.ts` in name order (or those named on the command line) against the
 * built package. Each module exports `run(): Promise<BenchReport>`; the tables are printed as
 * they finish. Results are recorded by hand in docs/benchmarks.md with the machine and Node version.
 */
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import { type BenchReport, printReport } from './report.ts';

const dir = new URL('.', import.meta.url);
const wanted = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

console.log(
  `# execution-plane benchmarks — Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}`,
);
for (const file of files) {
  const mod = (await import(new URL(file, dir).href)) as { run: () => Promise<BenchReport> };
  printReport(await mod.run());
}
