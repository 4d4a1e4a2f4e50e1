import fc from 'fast-check';
import { isExecutionError } from '../../src/core/index.js';

/** One fuzz target: inputs, and a check that throws (an assertion) when the target misbehaves. */
export interface FuzzTarget<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly check: (input: T) => void;
}

/** What a run did: inputs tried, typed errors seen by code, elapsed time. */
export interface FuzzReport {
  readonly name: string;
  readonly runs: number;
  readonly ms: number;
  readonly slowestMs: number;
  readonly codes: Record<string, number>;
}

/**
 * `FUZZ_STRICT=1` also asserts the split-invariance and round-trip properties of targets owned by
 * other lanes (src/sse, src/process, boundary values): the defects it finds are written up for
 * their owners (see the fuzz section of docs/jsonrpc.md) rather than failing `npm test`.
 */
export const STRICT = process.env.FUZZ_STRICT === '1';

/** Longest any single input may take before it counts as a hang. */
export const MAX_INPUT_MS = 1_000;

/** Counts typed errors across a run; everything else fails the property. */
export class TypedErrors {
  readonly codes: Record<string, number> = {};
  constructor(readonly allowed: ReadonlySet<string>) {}

  /** Runs `fn`; a typed error with an allowed code is counted and returned, anything else rethrown. */
  capture<R>(fn: () => R): { value: R } | { error: string } {
    try {
      return { value: fn() };
    } catch (error) {
      return { error: this.accept(error) };
    }
  }

  /** Counts `error` if typed with an allowed code; otherwise throws (the property fails). */
  accept(error: unknown): string {
    if (isExecutionError(error) && this.allowed.has(error.code)) {
      this.codes[error.code] = (this.codes[error.code] ?? 0) + 1;
      return error.code;
    }
    throw new Error(`untyped or unexpected error escaped: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  if (isExecutionError(error)) return `ExecutionError ${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs `target` for `runs` inputs from `seed`; throws fast-check's report on a counterexample. */
export function runTarget<T>(
  target: FuzzTarget<T>,
  runs: number,
  seed: number,
  errors: TypedErrors,
): FuzzReport {
  let slowest = 0;
  const started = performance.now();
  fc.assert(
    fc.property(target.arbitrary, (input) => {
      const t0 = performance.now();
      target.check(input);
      const took = performance.now() - t0;
      slowest = Math.max(slowest, took);
      if (took > MAX_INPUT_MS) throw new Error(`one input took ${Math.round(took)} ms (hang?)`);
    }),
    { numRuns: runs, seed },
  );
  return {
    name: target.name,
    runs,
    ms: Math.round(performance.now() - started),
    slowestMs: Math.round(slowest * 10) / 10,
    codes: { ...errors.codes },
  };
}

/** Cuts `length` items at sorted, deduplicated positions drawn from `cuts` (0..1 fractions). */
export function splitPoints(length: number, cuts: readonly number[]): number[] {
  const points = [...new Set(cuts.map((c) => Math.floor(c * (length + 1))))].filter(
    (p) => p > 0 && p < length,
  );
  return points.sort((a, b) => a - b);
}

/** `bytes` split at `cuts` (fractions of the length). */
export function splitBytes(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of splitPoints(bytes.length, cuts)) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** `text` split at `cuts` (code units: surrogate pairs may be cut, as a stream may cut them). */
export function splitText(text: string, cuts: readonly number[]): string[] {
  const out: string[] = [];
  let from = 0;
  for (const p of splitPoints(text.length, cuts)) {
    out.push(text.slice(from, p));
    from = p;
  }
  out.push(text.slice(from));
  return out;
}

/** Split positions as fractions: up to 12 cuts, sometimes one per byte region. */
export const cutsArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 });

/** Text that stresses line and header parsers: ASCII, controls, separators and non-BMP. */
export const wireText = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('a', '{', '}', '"', ':', ' ', '1', '0', 'x') },
    { weight: 3, arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\t', '\u0000') },
    { weight: 1, arbitrary: fc.constantFrom('é', '日', '😀', '\ufeff', '\ud800') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  ),
  maxLength: 120,
});

/** Random bytes, including invalid UTF-8. */
export const rawBytes = fc.uint8Array({ maxLength: 96 });
