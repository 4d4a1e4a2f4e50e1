/**
 * `npm run demo`: runs every `demo/steps/*.ts` in name order against the built package and prints
 * the unified event stream and outcome of each execution. Each step exports `title` and `run()`.
 */
import { readdir } from 'node:fs/promises';

const dir = new URL('./steps/', import.meta.url);
const steps = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort();
for (const file of steps) {
  const step = (await import(new URL(file, dir).href)) as { title: string; run: () => Promise<void> };
  console.log(`\n━━ ${step.title} ━━`);
  await step.run();
}
console.log('\ndemo finished');
