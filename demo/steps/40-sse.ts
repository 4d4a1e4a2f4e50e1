import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stream } from 'execution-plane/sse';
import { printEvent, printOutcome } from '../print.ts';

export const title = 'sse: a token stream that drops once and resumes from Last-Event-ID';

const WORDS = ['Streams', 'survive', 'a', 'dropped', 'connection', 'intact.'];

export async function run(): Promise<void> {
  let connections = 0;
  const server = createServer((req, res) => {
    const from = Number(req.headers['last-event-id'] ?? 0);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('retry: 100\n\n');
    for (let i = from; i < WORDS.length; i++) {
      res.write(`id: ${i + 1}\ndata: ${JSON.stringify({ delta: WORDS[i] })}\n\n`);
      // The first connection drops after three words, in the middle of the fourth event.
      if (connections === 0 && i === 2) {
        connections++;
        return void res.write('id: 4\ndata: {"del', () => res.socket?.destroy());
      }
    }
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/stream`;
  try {
    const execution = stream(url, { method: 'POST', body: { prompt: 'demo' }, json: true });
    for await (const event of execution) {
      // One sse.batch per network chunk: its tokens on one line.
      if (event.event_type !== 'sse.batch') printEvent(event);
      else {
        const words = event.payload.messages.map((m) => JSON.stringify((m.value as { delta: string }).delta));
        console.log(`  ${String(event.seq).padStart(3)}  ${'sse.batch'.padEnd(24)} ${words.join(' ')}`);
      }
    }
    printOutcome(await execution.result);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}
