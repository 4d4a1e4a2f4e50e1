/**
 * What importing `execution-plane/node` loads, in a fresh Node against the built package: no lane
 * and no socket library until a caller asks for them (registerDefaultLanes, serveNode, a remote
 * client). Needs `npm run build`.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumer, requireDist } from '../package/dist.js';

let consumer: ReturnType<typeof createConsumer>;
beforeAll(() => {
  requireDist(['core', 'node', 'process', 'http', 'sse', 'websocket', 'jsonrpc']);
  consumer = createConsumer();
});
afterAll(() => consumer.dispose());

// child_process (the built files import it without `node:`) stands for the process lane: it spawns
// through it, and nothing else the node imports at load needs it. eventsource-parser is watched so
// it stays gone: no lane has used it since the package's own text/event-stream parser (round 7).
const WATCHED = ['child_process', 'node:child_process', 'ws', 'eventsource-parser', 'node-pty'];

function loadedAfter(steps: string): Record<string, string[]> {
  const file = join(consumer.dir, `cost-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(
    file,
    `import { registerHooks } from 'node:module';
     const seen = new Set();
     const watched = ${JSON.stringify(WATCHED)};
     registerHooks({ resolve(specifier, context, next) {
       const name = watched.find((w) => specifier === w || specifier.startsWith(w + '/'));
       if (name) seen.add(name);
       return next(specifier, context);
     } });
     const report = {};
     const node = await import('execution-plane/node');
     report.import = [...seen].sort();
     ${steps}
     console.log(JSON.stringify(report));`,
  );
  return JSON.parse(
    execFileSync(process.execPath, [file], { cwd: consumer.dir, encoding: 'utf8', timeout: 15_000 }),
  );
}

describe('the cost of importing execution-plane/node', () => {
  it('loads no lane and no socket library until asked; registerDefaultLanes and serveNode load theirs', () => {
    const report = loadedAfter(`
      const n = node.createNode();
      n.registerLane((await import('execution-plane/core')).memoryLane);
      report.ownLane = [...seen].sort();
      await node.registerDefaultLanes(n);
      report.defaults = [...seen].sort();
      const server = await node.serveNode(n, { port: 0, authenticate: () => true });
      await server.close();
      report.served = [...seen].sort();`);
    expect(report).toEqual({
      import: [],
      ownLane: [],
      defaults: ['child_process', 'ws'],
      served: ['child_process', 'ws'],
    });
  });

  it('serveNode alone loads ws, and nothing of the lanes', () => {
    const report = loadedAfter(`
      const server = await node.serveNode(node.createNode(), { port: 0, authenticate: () => true });
      await server.close();
      report.served = [...seen].sort();`);
    expect(report).toEqual({ import: [], served: ['ws'] });
  });
});
