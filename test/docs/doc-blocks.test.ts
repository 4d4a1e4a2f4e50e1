import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subpaths } from '../../tsup.config.js';
import { requireDist, root } from '../package/dist.js';
import { blockId, checkBlocks } from './check-blocks.js';
import { rewriteHosts } from './doc-hosts.js';
import { type DocPeers, startDocPeers } from './doc-peers.js';
import { type DocBlock, extractBlocks } from './extract-blocks.js';
import { DOC_RUN_TIMEOUT_MS, runBlock } from './run-block.js';

// Every ```ts block of the README and docs/ is type-checked under strict and run against local
// peers; a `// doc-test: no-run — reason` block is only type-checked (see extract-blocks.ts).

const docFiles = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const blocks = docFiles.flatMap((file) => extractBlocks(file, readFileSync(join(root, file), 'utf8')));
// Inside the package's own node_modules, so `zod` and friends resolve as from the repository.
const cache = join(root, 'node_modules', '.cache', 'doc-blocks');
const fixtures = join(root, 'test', 'fixtures', 'docs');
const prelude = join(fixtures, 'globals.ts');
// Blocks run two at a time: each is a Node process, often with a child of its own.
const RUN_CONCURRENCY = 2;

let peers: DocPeers;
let diagnostics: Map<string, string[]>;
const slots = createLimiter(RUN_CONCURRENCY);

beforeAll(async () => {
  requireDist(subpaths);
  rmSync(cache, { recursive: true, force: true });
  // `execution-plane/*` resolves through `exports` to dist/, exactly as for an installed copy.
  mkdirSync(join(cache, 'node_modules'), { recursive: true });
  symlinkSync(root, join(cache, 'node_modules', 'execution-plane'), 'dir');
  peers = await startDocPeers();
  diagnostics = checkBlocks(
    blocks.filter((b) => b.mode !== 'no-check'),
    join(cache, 'check'),
    prelude,
  );
}, 60_000);
afterAll(() => peers?.close());

function title(block: DocBlock): string {
  const where = `${block.file}:${block.line}`;
  return block.mode === 'run' ? where : `${where} (${block.mode}: ${block.reason})`;
}

describe.concurrent('doc blocks', () => {
  it('finds blocks in the README and docs/', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  for (const block of blocks) {
    it(title(block), async () => {
      expect(block.markerError).toBeUndefined();
      if (block.mode === 'no-check') return;
      expect(diagnostics.get(blockId(block))).toEqual([]);
      if (block.mode === 'no-run') return;
      const code = rewriteHosts(block.code, peers.origins);
      const run = await slots(() =>
        runBlock(code, join(cache, 'run', blockId(block)), {
          node: join(root, 'node_modules', '.bin', 'node'),
          imports: [join(root, 'test', 'docs', 'loopback-only.ts'), prelude],
          path: [join(fixtures, 'bin'), join(root, 'node_modules', '.bin')],
          env: { DOC_TEST_REPO: root, npm_config_offline: 'true', NO_COLOR: '1' },
        }),
      );
      const output = `output:\n${run.output.slice(-4_000)}`;
      expect(run.timedOut, `still running after ${DOC_RUN_TIMEOUT_MS} ms; ${output}`).toBe(false);
      expect(run.code, `exited ${run.code ?? run.signal}; ${output}`).toBe(0);
    }, 30_000);
  }
});

/** Runs at most `n` tasks at once. */
function createLimiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
