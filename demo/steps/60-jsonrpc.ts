import { fileURLToPath } from 'node:url';
import {
  call,
  createJsonRpcConnection,
  createStdioChannel,
  isJsonRpcRemoteError,
} from 'execution-plane/jsonrpc';
import { spawn } from 'execution-plane/process';
import { printEvent, printOutcome, show } from '../print.ts';

export const title = 'jsonrpc: a conversation with a local peer process over stdio, then a unary call';

// A small JSON-RPC peer (its own framing, not this library's) that also sends requests to us.
const PEER = fileURLToPath(new URL('../../test/fixtures/jsonrpc/peer.ts', import.meta.url));

export async function run(): Promise<void> {
  console.log('a connection over the stdio of a process session (Content-Length framing, LSP dialect):');
  const session = spawn(process.execPath, [PEER, 'content-length'], { framing: 'raw' });
  const rpc = createJsonRpcConnection(createStdioChannel(session, { framing: 'content-length' }));
  rpc.onRequest('client/name', () => 'the demo');
  const printing = (async () => {
    for await (const event of rpc) printEvent(event);
  })();
  console.log('  add([1, 2, 3]) →', await rpc.request('add', [1, 2, 3]));
  console.log(
    '  ask (the peer calls client/name on us) →',
    await rpc.request('ask', { method: 'client/name' }),
  );
  const progress: unknown[] = [];
  await rpc.request('progress', { steps: 3 }, { onProgress: (value) => progress.push(value) });
  console.log('  progress reports routed to onProgress:', JSON.stringify(progress));
  try {
    await rpc.request('fail', { why: 'demo' });
  } catch (error) {
    if (isJsonRpcRemoteError(error))
      console.log(`  fail → JsonRpcRemoteError ${error.code}: ${error.message}`);
  }
  const controller = new AbortController();
  setTimeout(() => controller.abort('changed my mind'), 20);
  await rpc.request('slow', { ms: 5_000 }, { signal: controller.signal }).catch((error: Error) => {
    console.log(`  slow, aborted → ${error.name} ${(error as { code?: string }).code}: ${error.message}`);
  });
  console.log('  the peer saw $/cancelRequest for ids', JSON.stringify(await rpc.request('cancelled')));
  await rpc.request('notifyMe', { count: 2 });
  await rpc.close();
  await printing;
  printOutcome(await rpc.result);

  console.log('a unary call(): spawn, one request, close (NDJSON):');
  const target = { kind: 'process' as const, command: process.execPath, args: [PEER, 'ndjson'] };
  await show(call(target, 'echo', { hi: 1 }, { spawn }));
}
