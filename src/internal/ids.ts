import { burstNow } from './clock.js';

let counter = 0;

/**
 * `<prefix>-<unix ms>-<n>`: unique within the process and sortable by creation time, like the
 * reference's stable ids (`exec-…`, `adm-…`, `ev-…`). Guessable: use it only for ids that grant
 * nothing (evidence ids, event ids), never for a handle a caller can act on.
 */
export function stableId(prefix: string): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return headOf(prefix) + counter;
}

// `<prefix>-<ms>-` of the current burst, per prefix: an id is one concatenation of two strings,
// not a tree of four made anew (a governed node execution mints five or more ids).
let headMs = -1;
const heads = new Map<string, string>();
function headOf(prefix: string): string {
  const ms = burstNow();
  if (ms !== headMs) {
    headMs = ms;
    heads.clear();
  }
  let head = heads.get(prefix);
  if (head === undefined) {
    head = `${prefix}-${ms}-`;
    heads.set(prefix, head);
  }
  return head;
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
  // The digits as char codes, made into one flat string at once: appending two digits at a time
  // built a tree of sixteen partial strings per id, which every later read of the id walks.
  for (let i = 0; i < bytes; i++) {
    const byte = pool[poolOffset + i] as number;
    digits[2 * i] = HEX_CODES[byte >> 4] as number;
    digits[2 * i + 1] = HEX_CODES[byte & 15] as number;
  }
  poolOffset += bytes;
  return headOf(prefix) + String.fromCharCode.apply(null, digits);
}

// Pure and sized by a constant, so a bundle that never draws an unguessable id drops the pool.
const POOL_BYTES = 4_096;
const pool = /* @__PURE__ */ new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;
const HEX_CODES = /* @__PURE__ */ Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
// Reused for every id (filled in order, so it stays a packed array of small integers).
const digits: number[] = [];
