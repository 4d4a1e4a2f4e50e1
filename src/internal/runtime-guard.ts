/**
 * Refuses to load on a Node.js older than {@link MINIMUM_NODE_VERSION}, with one clear error,
 * instead of a crash deep inside a dependency (execa 10 calls `Set.prototype.union`, which Node 20
 * lacks). Every barrel imports this module first so it is evaluated before any third-party module;
 * `test/package/runtime-guard.test.ts` checks that against the built dist/ on a real old Node.
 *
 * Only Node.js itself is checked. Deno and Bun also set `process.versions.node` (to the Node API
 * level they emulate, not a Node.js they run on) and report `process.release.name` as `'node'`,
 * so they are told apart by `versions.deno` / `versions.bun` and left alone. Browsers and
 * workerd have no `process.versions.node` (or a shim), and are left alone too.
 *
 * In dist/ `core/errors.ts` imports it too, so the chunk of the error root — which every lane
 * chunk imports before its own third-party dependencies — evaluates it first; only zod (plain
 * ES2020) may be evaluated before it, because esbuild hoists a chunk's external imports above its
 * code.
 *
 * @module
 */

/** The oldest Node.js this package runs on, as `[major, minor]`; keep in step with `engines`. */
export const MINIMUM_NODE_VERSION = [22, 12] as const;

/** What the guard reads from `globalThis.process`; every field may be absent off Node. */
interface RuntimeProcess {
  readonly versions?: { readonly node?: unknown; readonly deno?: unknown; readonly bun?: unknown };
}

/**
 * The error message for a runtime too old to run this package, or `undefined` when it is fine
 * (a supported Node.js, or not Node.js at all).
 *
 * @example
 * ```ts
 * unsupportedRuntimeMessage({ versions: { node: '20.20.2' } });
 * // 'execution-plane requires Node.js >= 22.12 (running 20.20.2)'
 * ```
 */
export function unsupportedRuntimeMessage(runtime: RuntimeProcess | undefined): string | undefined {
  const versions = runtime?.versions;
  const node = versions?.node;
  if (typeof node !== 'string' || versions?.deno !== undefined || versions?.bun !== undefined)
    return undefined;
  const [major, minor] = node.split('.').map(Number);
  const [minMajor, minMinor] = MINIMUM_NODE_VERSION;
  // A shim with a major version we cannot read (NaN compares false) is not a Node.js we can judge.
  if (!((major as number) * 1000 + (minor || 0) < minMajor * 1000 + minMinor)) return undefined;
  return `execution-plane requires Node.js >= ${minMajor}.${minMinor} (running ${node})`;
}

// Read defensively: `process` is not a global in browsers or workerd, and may be a partial shim.
const message = unsupportedRuntimeMessage(
  (globalThis as { process?: RuntimeProcess }).process as RuntimeProcess | undefined,
);
if (message !== undefined) throw new Error(message);
