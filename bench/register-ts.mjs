// Lets `node --import ./bench/register-ts.mjs bench/run.ts` run the TypeScript benchmarks on a Node
// without type stripping (Node 20/22.x before 22.18): .ts files are transpiled by esbuild on load.
import { register } from 'node:module';

if (!process.features?.typescript) register('./ts-hooks.mjs', import.meta.url);
