import { ExecutionError } from '../core/errors.js';
import type { HttpEngine } from './engine.js';

/**
 * The undici engine, with undici itself, an optional peer, loaded on the first request that asks
 * for it. Its own module so the portable build can swap it (`load-undici.web.ts`) and no bundler
 * ever looks for undici there.
 */
export async function loadUndiciEngine(): Promise<HttpEngine> {
  const [undici, mod] = await Promise.all([
    import('undici' as string).catch((cause: unknown) => {
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
  const { getGlobalDispatcher, util } = undici as typeof import('undici');
  return mod.createUndiciEngine(getGlobalDispatcher as never, util?.headerNameToString as never);
}
