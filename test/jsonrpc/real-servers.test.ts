import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { createJsonRpcConnection, createStdioChannel } from '../../src/jsonrpc/index.js';
import { type ProcessSession, spawn } from '../../src/process/index.js';

// Resolve each server's entry from its package.json `bin`, as npm would.
const require = createRequire(import.meta.url);
function bin(pkg: string, name: string): string {
  const manifest = require(`${pkg}/package.json`) as { bin: Record<string, string> };
  return join(dirname(require.resolve(`${pkg}/package.json`)), manifest.bin[name] as string);
}

const sessions: ProcessSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.cancel();
});

// Each server is a real process started by the process lane; its stdio is the channel.
function server(entry: string, args: string[], framing: 'ndjson' | 'content-length', dialect: 'lsp' | 'mcp') {
  const session = spawn(process.execPath, [entry, ...args], { framing: 'raw' });
  sessions.push(session);
  const exited = session.result.then((outcome) => outcome.output?.exit_code);
  // The MCP server ignores stdin EOF; a short grace keeps close() quick (then SIGTERM).
  const rpc = createJsonRpcConnection(createStdioChannel(session, { framing, closeGraceMs: 100 }), {
    dialect,
    requestTimeoutMs: 10_000,
  });
  return { rpc, exited };
}

describe('MCP server-everything over NDJSON stdio', () => {
  it('initialize → initialized → tools/list → tools/call, with progress and a sampling request from the server', async () => {
    const { rpc } = server(
      bin('@modelcontextprotocol/server-everything', 'mcp-server-everything'),
      ['stdio'],
      'ndjson',
      'mcp',
    );
    const samplingRequests: unknown[] = [];
    rpc.onRequest('sampling/createMessage', (params) => {
      samplingRequests.push(params);
      return {
        role: 'assistant',
        content: { type: 'text', text: 'sampled!' },
        model: 'test-model',
        stopReason: 'endTurn',
      };
    });
    rpc.onRequest('roots/list', () => ({ roots: [] }));
    const init = (await rpc.request('initialize', {
      protocolVersion: '2025-06-18',
      capabilities: { sampling: {}, roots: { listChanged: true } },
      clientInfo: { name: 'execution-plane-tests', version: '0.0.0' },
    })) as { protocolVersion: string; serverInfo: { name: string } };
    expect(init.protocolVersion).toBe('2025-06-18');
    expect(init.serverInfo.name).toContain('everything');
    await rpc.notify('notifications/initialized', {});

    // Typed results: the schema validates the peer's answer and types it.
    const ToolList = z.object({ tools: z.array(z.object({ name: z.string(), description: z.string() })) });
    const { tools } = await rpc.request('tools/list', {}, { schema: ToolList });
    expectTypeOf(tools).toEqualTypeOf<Array<{ name: string; description: string }>>();
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['echo', 'trigger-long-running-operation']),
    );
    const mini = await rpc.request(
      'tools/list',
      {},
      { schema: zm.object({ tools: zm.array(zm.unknown()) }) },
    );
    expectTypeOf(mini.tools).toEqualTypeOf<unknown[]>();
    const WrongToolList = z.object({ tools: z.array(z.object({ name: z.number() })) });
    const mismatch = await rpc.request('tools/list', {}, { schema: WrongToolList }).catch((e: unknown) => e);
    expect(mismatch).toMatchObject({
      code: 'INVALID_RESULT',
      failureClass: 'semantic_runtime_failed',
      details: { method: 'tools/list', path: 'tools.0.name' },
    });
    expect(String((mismatch as Error).message)).toContain('tools/list');

    expect(await rpc.request('tools/call', { name: 'echo', arguments: { message: 'hi there' } })).toEqual({
      content: [{ type: 'text', text: 'Echo: hi there' }],
    });

    const progress: unknown[] = [];
    const long = (await rpc.request(
      'tools/call',
      { name: 'trigger-long-running-operation', arguments: { duration: 0.15, steps: 3 } },
      { onProgress: (value) => progress.push(value), timeoutMs: 100, resetTimeoutOnProgress: true },
    )) as { content: Array<{ text: string }> };
    expect(long.content[0]?.text).toContain('Long running operation completed');
    expect(progress).toMatchObject([
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
      { progress: 3, total: 3 },
    ]);

    const sampled = (await rpc.request('tools/call', {
      name: 'trigger-sampling-request',
      arguments: { prompt: 'hello', maxTokens: 5 },
    })) as { content: Array<{ text: string }> };
    expect(sampled.content[0]?.text).toContain('sampled!');
    expect(samplingRequests).toHaveLength(1);

    await expect(rpc.request('tools/call', { name: 'no-such-tool', arguments: {} })).resolves.toMatchObject({
      isError: true,
    });
    await expect(rpc.request('no/such/method', {})).rejects.toMatchObject({ code: -32601 });

    const outcome = await rpc.close();
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({ requests_received: 1, pending_at_close: 0 });
    // close() ended the server process (EOF, then the kill ladder).
    expect((await sessions[0]!.result).status).not.toBe('running');
  });
});

describe('vscode-json-language-server over Content-Length stdio', () => {
  it('initialize → initialized → didOpen → diagnostics + documentSymbol → shutdown → exit', async () => {
    const { rpc, exited } = server(
      bin('vscode-langservers-extracted', 'vscode-json-language-server'),
      ['--stdio'],
      'content-length',
      'lsp',
    );
    rpc.onRequest('*', () => null);
    const diagnostics = Promise.withResolvers<unknown>();
    rpc.onNotification('textDocument/publishDiagnostics', (params) => diagnostics.resolve(params));
    const init = (await rpc.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, publishDiagnostics: {} },
      },
    })) as { capabilities: { documentSymbolProvider: boolean } };
    expect(init.capabilities.documentSymbolProvider).toBe(true);
    await rpc.notify('initialized', {});
    const uri = 'file:///virtual/settings.json';
    await rpc.notify('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'json',
        version: 1,
        text: '{ "name": "x", "list": [1, 2,], "nested": { "a": true } }',
      },
    });
    const symbols = (await rpc.request('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{
      name: string;
    }>;
    expect(symbols.map((s) => s.name)).toEqual(['name', 'list', 'nested']);
    expect(await diagnostics.promise).toMatchObject({
      uri,
      diagnostics: [{ message: 'Trailing comma', source: 'json' }],
    });
    expect(await rpc.request('shutdown')).toBeNull();
    await rpc.notify('exit');
    expect(await exited).toBe(0);
    const outcome = await rpc.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({ closed_by: 'remote', pending_at_close: 0, diagnostics: 0 });
  });
});
