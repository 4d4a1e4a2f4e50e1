/**
 * Runs one group of a lane's bench cases interleaved and prints their rows as JSON:
 * `node bench/group-run.ts <lane> <group> <rounds> <roundMs>` (see `interleavedByGroup`).
 */
import { type BenchSetup, interleaved } from './harness.ts';

const [lane, group, rounds, roundMs] = process.argv.slice(2);
const mod = (await import(new URL(`${lane}.bench.ts`, import.meta.url).href)) as {
  setup: () => Promise<BenchSetup>;
};
const { cases, close } = await mod.setup();
const mine = cases.filter((c) => (c.group ?? '') === group);
if (mine.length === 0) throw new Error(`no cases in group '${group}' of ${lane}`);
try {
  process.stdout.write(JSON.stringify(await interleaved(mine, Number(rounds), Number(roundMs))));
} finally {
  close();
}
