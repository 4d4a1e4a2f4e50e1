import { once } from 'node:events';
import { connect } from 'execution-plane/websocket';
import { WebSocketServer } from 'ws';
import { printEvent, printOutcome, show } from '../print.ts';

export const title = 'websocket: an echo session, then a peer that drops the connection';

export async function run(): Promise<void> {
  // A local echo server on 127.0.0.1; `/drop` cuts the TCP connection without a close frame.
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket, request) => {
    if (request.url === '/drop') setTimeout(() => socket.terminate(), 20);
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  await once(server, 'listening');
  const url = `ws://127.0.0.1:${(server.address() as { port: number }).port}`;

  console.log('an echo session: two messages sent, two echoed, closed by us:');
  // The token in the URL is redacted from every event and outcome.
  const session = connect(`${url}/echo?room=demo&token=s3cret`, { binaryEncoding: 'base64' });
  await session.send(JSON.stringify({ type: 'hello' }));
  await session.send(new Uint8Array([1, 2, 3]));
  let echoed = 0;
  for await (const event of session) {
    printEvent(event);
    if (event.event_type === 'websocket.message' && ++echoed === 2) void session.close(1000, 'done');
  }
  printOutcome(await session.result);

  console.log('a peer that drops TCP without a close frame:');
  await show(connect(`${url}/drop`));
  server.close();
}
