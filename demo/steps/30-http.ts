import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'execution-plane/http';
import { show } from '../print.ts';

export const title = 'http: unary requests against an embedded local server';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function run(): Promise<void> {
  let flaky = 0;
  const cdn = createServer((req, res) =>
    res.end(`cdn saw authorization: ${req.headers.authorization ?? 'none'}`),
  );
  const api = createServer((req, res) => {
    if (req.url === '/items') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ items: ['a', 'b'] }));
    }
    if (req.url === '/flaky' && flaky++ === 0) {
      res.writeHead(503, { 'retry-after-ms': '50' });
      return void res.end('busy');
    }
    if (req.url === '/moved') {
      res.writeHead(302, { location: `${cdnUrl}/asset` });
      return void res.end();
    }
    if (req.url === '/slow') return; // never answers
    res.end('ok');
  });
  const cdnUrl = await listen(cdn);
  const url = await listen(api);
  try {
    console.log('a JSON GET:');
    await show(request(`${url}/items`, { responseType: 'json' }));
    console.log('a 503 with retry-after-ms, retried:');
    await show(request(`${url}/flaky`));
    console.log('a cross-origin redirect: the credential header is redacted in events and not sent on:');
    const moved = await show(request(`${url}/moved`, { headers: { authorization: 'Bearer demo-secret' } }));
    const { body, redirects } = moved.output as {
      body: string;
      redirects: Array<{ stripped_headers: string[] }>;
    };
    console.log(`  ${body}; stripped on the hop: ${redirects[0]?.stripped_headers.join(', ')}`);
    console.log('a server that never answers, with a 200 ms headers timeout and no retries:');
    await show(request(`${url}/slow`, { timeouts: { headersMs: 200 }, retry: false }));
  } finally {
    api.closeAllConnections();
    cdn.closeAllConnections();
    api.close();
    cdn.close();
  }
}
