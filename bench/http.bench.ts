/**
 * Requests/s of `request()` on both engines against the raw clients they wrap (global fetch,
 * node:http with a keep-alive agent) and undici's `request`, on a loopback server running in a
 * child process so client and server do not share an event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { request } from 'execution-plane/http';
import { request as undiciRequest } from 'undici';
import { type BenchReport, measure } from './report.ts';

const CONCURRENCY = 16;
const SERVER = `
import http from 'node:http';
const body = Buffer.from(JSON.stringify({ ok: true, items: [1, 2, 3] }));
const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: `http://127.0.0.1:${line.toString().trim()}/`, child };
}

function batch(fn: () => Promise<unknown>): () => Promise<unknown> {
  return () => Promise.all(Array.from({ length: CONCURRENCY }, fn));
}

const rss = () => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB RSS`;

export async function run(): Promise<BenchReport> {
  const { url, child } = await startServer();
  const agent = new http.Agent({ keepAlive: true });
  const rawNode = () =>
    new Promise<string>((resolve, reject) => {
      http
        .get(url, { agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  try {
    const rows: { name: string; value: number; unit: string; baseline?: string; note?: string }[] = [];
    const add = async (name: string, fn: () => Promise<unknown>, baseline?: string) => {
      const value = await measure(batch(fn), 3_000, CONCURRENCY);
      rows.push({ name, value, unit: 'req/s', baseline, note: rss() });
    };
    await add('raw fetch', async () => (await fetch(url)).text());
    await add('request() fetch engine', () => request({ url, engine: 'fetch' }).output(), 'raw fetch');
    await add('raw node:http keep-alive', rawNode);
    await add('request() node engine (default)', () => request({ url }).output(), 'raw node:http keep-alive');
    await add('undici request', async () => (await undiciRequest(url)).body.text());
    return { title: `http: requests/s, ${CONCURRENCY} in flight, loopback server in a child process`, rows };
  } finally {
    agent.destroy();
    child.kill();
  }
}
