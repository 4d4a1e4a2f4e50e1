import { ExecutionError } from '../core/errors.js';
import type { HttpEngine } from './engine.js';
import { createFetchEngine } from './fetch-engine.js';
import type { HttpRequestPlan } from './plan.js';

type NodeEngineModule = typeof import('./node-engine.js');

let globalFetchEngine: HttpEngine | undefined;
let nodeModule: NodeEngineModule | undefined;
let defaultNodeEngine: HttpEngine | undefined;
let undiciEngine: HttpEngine | Promise<HttpEngine> | undefined;

/**
 * The engine a plan asks for. node:http is imported on first use, so importing
 * `execution-plane/http` loads it only where the Node engine actually runs.
 */
export function selectEngine(plan: HttpRequestPlan): HttpEngine | Promise<HttpEngine> {
  if (plan.engine === 'fetch') {
    if (plan.fetch) return createFetchEngine(plan.fetch);
    globalFetchEngine ??= createFetchEngine((input, init) => globalThis.fetch(input, init));
    return globalFetchEngine;
  }
  if (plan.engine === 'undici') {
    undiciEngine ??= loadUndiciEngine().then((engine) => (undiciEngine = engine));
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

/** undici is an optional peer: loaded on the first request that asks for it. */
async function loadUndiciEngine(): Promise<HttpEngine> {
  const [undici, mod] = await Promise.all([
    import('undici' as string).catch((cause: unknown) => {
      undiciEngine = undefined;
      throw new ExecutionError(
        'PEER_DEPENDENCY_MISSING',
        "engine: 'undici' needs the optional peer dependency undici: run `npm install undici`",
        {
          failureClass: 'launch_failed',
          details: { peer: 'undici', install: 'npm install undici' },
          cause,
        },
      );
    }),
    import('./undici-engine.js'),
  ]);
  return mod.createUndiciEngine((undici as typeof import('undici')).request as never);
}
