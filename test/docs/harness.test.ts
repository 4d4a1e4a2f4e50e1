import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../package/dist.js';
import { rewriteHosts } from './doc-hosts.js';
import { extractBlocks } from './extract-blocks.js';

// The doc-block harness itself: markers, host rewriting, the loopback guard.

const fence = (lang: string, ...lines: string[]) => ['text', `\`\`\`${lang}`, ...lines, '```', ''].join('\n');

describe('extractBlocks', () => {
  it('finds ts and typescript blocks with the line of their opening fence, and nothing else', () => {
    const md = `${fence('ts', 'a();')}${fence('sh', 'ls')}${fence('typescript', 'b();', 'c();')}`;
    expect(extractBlocks('x.md', md)).toEqual([
      { file: 'x.md', line: 2, code: 'a();', mode: 'run' },
      { file: 'x.md', line: 10, code: 'b();\nc();', mode: 'run' },
    ]);
  });

  it('reads no-run and no-check markers with their reason', () => {
    const [noRun, noCheck] = extractBlocks(
      'x.md',
      fence('ts', '// doc-test: no-run — needs a real sshd', 'a();') +
        fence('ts', '// doc-test: no-check -- a shape', '{ a, b }'),
    );
    expect(noRun).toMatchObject({ mode: 'no-run', reason: 'needs a real sshd' });
    expect(noCheck).toMatchObject({ mode: 'no-check', reason: 'a shape' });
  });

  it('reports a marker without a reason or with an unknown directive', () => {
    const blocks = extractBlocks(
      'x.md',
      fence('ts', '// doc-test: no-run') + fence('ts', '// doc-test: skip — x'),
    );
    expect(blocks.map((b) => b.markerError)).toEqual([expect.stringContaining('no-run'), expect.any(String)]);
  });
});

describe('rewriteHosts', () => {
  const peers = { http: 'http://127.0.0.1:1', ws: 'ws://127.0.0.1:2' };

  it('points mapped origins at the local peers, keeping path and query', () => {
    expect(
      rewriteHosts("f('https://api.example.com/v1/items?x=1', 'wss://realtime.example/v1')", peers),
    ).toBe("f('http://127.0.0.1:1/v1/items?x=1', 'ws://127.0.0.1:2/v1')");
  });

  it('refuses an origin that is not in the mapping', () => {
    expect(() => rewriteHosts("fetch('https://example.org/')", peers)).toThrow(/https:\/\/example\.org/);
  });
});

describe('loopback-only guard', () => {
  it('makes a socket to a non-loopback address throw in the block process', () => {
    const out = execFileSync(
      join(root, 'node_modules', '.bin', 'node'), // Node 24: strips the guard's types
      [
        '--import',
        join(root, 'test', 'docs', 'loopback-only.ts'),
        '--input-type=module',
        '-e',
        `import net from 'node:net';
         try { net.connect(80, '192.0.2.1'); console.log('connected'); } catch (e) { console.log(e.message); }`,
      ],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(out).toContain('only loopback peers are allowed');
  });
});
