import type { HttpEngine } from './engine.js';
import { createFetchEngine } from './fetch-engine.js';
import { loadUndiciEngine } from './load-undici.js';
import type { HttpRequestPlan } from './plan.js';

type NodeEngineModule = typeof import('./node-engine.js');

let globalFetchEngine: HttpEngine | undefined;
let nodeModule: NodeEngineModule | undefined;
let defaultNodeEngine: HttpEngine | undefined;
let undiciEngine: HttpEngine | Promise<HttpEngine> | undefined;

/**
 * The engine a plan asks for. node:http is imported on first use, so importing
 * `execution-plane/http` loads it only where the Node engine actually runs. In the portable build
 * (no `node` export condition) tsup swaps `node-engine.js` and `load-undici.js` for their `.web.ts`
 * stand-ins, which fail with `UNSUPPORTED_RUNTIME`, so no Node built-in reaches a browser bundle.
 */
export function selectEngine(plan: HttpRequestPlan): HttpEngine | Promise<HttpEngine> {
  if (plan.engine === 'fetch') {
    if (plan.fetch) return createFetchEngine(plan.fetch);
    globalFetchEngine ??= createFetchEngine((input, init) => globalThis.fetch(input, init));
    return globalFetchEngine;
  }
  if (plan.engine === 'undici') {
    undiciEngine ??= loadUndiciEngine().then(
      (engine) => (undiciEngine = engine),
      (error: unknown) => {
        // Not cached: installing the peer (or fixing the cause) lets the next request load it.
        undiciEngine = undefined;
        throw error;
      },
    );
    return undiciEngine;
  }
  if (nodeModule) return nodeEngineOf(nodeModule, plan);
  return import('./node-engine.js').then((mod) => {
    nodeModule = mod;
    return nodeEngineOf(mod, plan);
  });
}

function nodeEngineOf(mod: NodeEngineModule, plan: HttpRequestPlan): HttpEngine {
  if (plan.agents) return mod.createNodeEngine(plan.agents);
  defaultNodeEngine ??= mod.createNodeEngine();
  return defaultNodeEngine;
}
