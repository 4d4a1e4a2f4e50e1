/** JSON text with tokens that `JSON.stringify` cannot write: big integers, `1.0`, lone surrogates. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A JSON tree whose leaves may be {@link RawJson} tokens written verbatim. */
export type Tree = null | boolean | number | string | RawJson | Tree[] | { [key: string]: Tree };

/** Writes `tree` as compact JSON, keys in insertion order; `RawJson` tokens verbatim. */
export function writeTree(tree: Tree): string {
  if (tree instanceof RawJson) return tree.text;
  if (Array.isArray(tree)) return `[${tree.map(writeTree).join(',')}]`;
  if (tree !== null && typeof tree === 'object') {
    return `{${Object.entries(tree)
      .map(([k, v]) => `${JSON.stringify(k)}:${writeTree(v)}`)
      .join(',')}}`;
  }
  // JSON.stringify escapes lone surrogates (`"\ud800"`), so the text stays valid UTF-8.
  return JSON.stringify(tree);
}

/** A deep copy of a tree (RawJson tokens are immutable and shared). */
export function cloneTree<T extends Tree>(tree: T): T {
  if (tree instanceof RawJson || tree === null || typeof tree !== 'object') return tree;
  if (Array.isArray(tree)) return tree.map(cloneTree) as T;
  const out: { [key: string]: Tree } = {};
  for (const [k, v] of Object.entries(tree))
    Object.defineProperty(out, k, {
      value: cloneTree(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out as T;
}

/** `levels` nested maps (`{"d":{"d":…}}`) or lists around `leaf`. */
export function nest(levels: number, kind: 'map' | 'list', leaf: Tree = 1): Tree {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = kind === 'map' ? { d: value } : [value];
  return value;
}

/** A seeded PRNG (mulberry32): the same seed gives the same cases. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
