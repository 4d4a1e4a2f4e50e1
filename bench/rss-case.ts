/**
 * Runs one case of a lane's bench alone for a while and prints this process's peak RSS in MiB:
 * `node bench/rss-case.ts <lane> <case name> <ms>`.
 */
import type { BenchSetup } from './harness.ts';

const [lane, name, ms] = process.argv.slice(2);
const mod = (await import(new URL(`${lane}.bench.ts`, import.meta.url).href)) as {
  setup: () => Promise<BenchSetup>;
};
const { cases, close } = await mod.setup();
const found = cases.find((c) => c.name === name);
if (!found) throw new Error(`no case ${name} in ${lane}`);
const until = performance.now() + Number(ms);
try {
  while (performance.now() < until) await found.run();
} finally {
  close();
}
console.log(Math.round(process.resourceUsage().maxRSS / 1024));
