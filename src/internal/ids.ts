import { burstNow } from './clock.js';

let counter = 0;

/**
 * `<prefix>-<unix ms>-<n>`: unique within the process and sortable by creation time, like the
 * reference's stable ids (`exec-…`, `adm-…`, `ev-…`). Guessable: use it only for ids that grant
 * nothing (evidence ids, event ids), never for a handle a caller can act on.
 */
export function stableId(prefix: string): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${prefix}-${burstNow()}-${counter}`;
}

/** Bits of randomness in an {@link unguessableId}. */
export const UNGUESSABLE_ID_BITS = 128;

/**
 * `<prefix>-<unix ms>-<32 hex digits>`: sortable by creation time like {@link stableId}, plus 128
 * random bits from `crypto.getRandomValues` (Node.js, Deno, Bun, browsers, workerd alike), so
 * knowing one id tells nothing about the next. Use it for handles a caller can act on
 * (execution refs a `cancel` takes).
 *
 * @example
 * unguessableId('exec'); // 'exec-1764146000000-9f86d081884c7d659a2feaa0c55ad015'
 */
export function unguessableId(prefix: string): string {
  const bytes = UNGUESSABLE_ID_BITS / 8;
  // One getRandomValues call per 256 ids: each call costs more than the ids it would make.
  if (poolOffset + bytes > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  let hex = '';
  for (let i = poolOffset; i < poolOffset + bytes; i++) hex += HEX[pool[i] as number];
  poolOffset += bytes;
  return `${prefix}-${burstNow()}-${hex}`;
}

// Pure and sized by a constant, so a bundle that never draws an unguessable id drops the pool.
const POOL_BYTES = 4_096;
const pool = /* @__PURE__ */ new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
const HEX = /* @__PURE__ */ Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
