import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { isExecutionError } from '../../src/core/index.js';
import { call, createJsonRpcConnection, createStdioChannel } from '../../src/jsonrpc/index.js';
import { run, spawn } from '../../src/process/index.js';
import { openTerminal, type TerminalViewer } from '../../src/terminal/index.js';
import { connect } from '../../src/websocket/index.js';
import { closedPort } from '../fixtures/http/collect.js';

// Planted secrets, one per field a caller can set. Distinct; none a substring of another.
const S = {
  // process
  argvPlain: 'zpARGVPLAINsecret01',
  argvFlag: 'zpARGVFLAGsecret02',
  argvFlagEq: 'zpARGVFLAGEQsecret03',
  envPlain: 'zpENVPLAINsecret04',
  envCredential: 'zpENVCREDsecret05',
  stdin: 'zpSTDINsecret06',
  cwd: 'zpCWDsecret07',
  command: 'zpCOMMANDsecret08',
  sessionWrite: 'zpSESSIONWRITEsecret09',
  badEnvValue: 'zpBADENVsecret10',
  // websocket
  wsPath: 'zwPATHsecret11',
  wsQuery: 'zwQUERYsecret12',
  wsQueryCredential: 'zwQUERYCREDsecret13',
  wsUserinfo: 'zwUSERINFOsecret14',
  wsBearer: 'zwBEARERsecret15',
  wsPlainHeader: 'zwPLAINHEADERsecret16',
  wsSubprotocol: 'zwSUBPROTOCOLsecret17',
  wsMessage: 'zwMESSAGEsecret18',
  wsCloseReason: 'zwCLOSEREASONsecret19',
  wsRefusedPath: 'zwREFUSEDPATHsecret20',
  wsRefusedKey: 'zwREFUSEDKEYsecret21',
  // jsonrpc
  rpcParam: 'zjPARAMsecret22',
  rpcTargetFlag: 'zjTARGETFLAGsecret23',
  rpcTargetEnv: 'zjTARGETENVsecret24',
  rpcConnectionParam: 'zjCONNPARAMsecret25',
  rpcMissingCommand: 'zjMISSINGCMDsecret26',
} as const;
const ALL = Object.values(S);

// The terminal's own: what viewers see is not scrubbed, what it reports and records is.
const T = {
  argPlain: 'ztARGPLAINsecret27',
  argFlag: 'ztARGFLAGsecret28',
  envCredential: 'ztENVCREDsecret29',
  typed: 'ztTYPEDsecret30',
  command: 'ztCOMMANDsecret31',
} as const;

const ECHO = fileURLToPath(new URL('../fixtures/security/echo-secrets.mjs', import.meta.url));
const CONSOLE = fileURLToPath(new URL('../fixtures/terminal/console.mjs', import.meta.url));
const PEER = fileURLToPath(new URL('../fixtures/security/error-peer.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ep-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Everything a caller can observe, as one string: errors with message, code, details, data and
// their whole `cause` chain.
function dump(value: unknown): string {
  // `this[key]` is the value before its `toJSON` (a JsonRpcRemoteError has one): keep the whole error.
  return JSON.stringify(value, function (this: Record<string, unknown>, key, item: unknown) {
    const raw = key === '' ? item : this[key];
    return raw instanceof Error ? errorRecord(raw) : item;
  });
}

function errorRecord(error: Error): Record<string, unknown> {
  return {
    string: String(error),
    message: error.message,
    stack: error.stack,
    code: (error as { code?: unknown }).code,
    details: isExecutionError(error) ? error.details : undefined,
    data: (error as { data?: unknown }).data,
    cause: error.cause,
  };
}

function leaked(text: string, planted: readonly string[] = ALL): string[] {
  return planted.filter(
    (secret) =>
      text.includes(secret) ||
      text.includes(encodeURIComponent(secret)) ||
      text.includes(JSON.stringify(secret).slice(1, -1)),
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('expected a rejection'),
    (error: unknown) => error,
  );
}

function thrown(start: () => unknown): unknown {
  try {
    start();
  } catch (error) {
    return error;
  }
  return new Error('expected a throw');
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

function receipts(file: string): string {
  return readFileSync(file, 'utf8');
}

describe('secrets never leave the process, websocket and jsonrpc lanes', () => {
  it(`${ALL.length} planted secrets across every field: 0 found in any event, error or outcome, and the peers got them all`, async () => {
    const seen: unknown[] = [];
    const processReceipt = join(dir, 'process.jsonl');
    const rpcReceipt = join(dir, 'rpc.jsonl');

    // --- process: argv (plain, `--token x`, `--api-key=x`), env (plain and credential names),
    // stdin echoed to stderr, a failing exit, a missing cwd, a missing command, a session write.
    const processSecrets = [
      S.argvPlain,
      S.envPlain,
      S.stdin,
      S.cwd,
      S.command,
      S.sessionWrite,
      S.badEnvValue,
    ];
    const env = { GREETING: S.envPlain, API_TOKEN: S.envCredential, RECEIPT_FILE: processReceipt };
    const args = [ECHO, S.argvPlain, '--token', S.argvFlag, `--api-key=${S.argvFlagEq}`];
    const ran = run(process.execPath, args, { env, stdin: S.stdin, secrets: processSecrets });
    seen.push(await collect(ran), await ran.result, await rejection(ran.output()));
    for (const bad of [
      run(process.execPath, args, { cwd: `/nonexistent/${S.cwd}`, secrets: processSecrets }),
      run(`/nonexistent/${S.command}`, [S.argvPlain], { secrets: processSecrets }),
    ]) {
      seen.push(await collect(bad), await bad.result, await rejection(bad.output()));
    }
    seen.push(
      thrown(() => run('node', { env: { 'BAD=NAME': S.badEnvValue }, secrets: processSecrets })),
      thrown(() => run('node', { secrets: [S.badEnvValue, 'abc'] })),
    );
    const session = spawn(process.execPath, args, { env, secrets: processSecrets });
    const sessionEvents = collect(session);
    await session.write(`${S.sessionWrite}\n`);
    await session.end();
    seen.push(await sessionEvents, await session.result, await rejection(session.write('late')));

    // --- websocket: a peer that echoes the URL, headers and subprotocols it got, echoes
    // messages, and closes with a reason quoting what it was sent.
    const upgrades: IncomingMessage[] = [];
    const received: string[] = [];
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: 0,
      handleProtocols: (protocols) => protocols.values().next().value ?? false,
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
      upgrades.push(req);
      ws.send(JSON.stringify({ url: req.url, headers: req.headers }));
      ws.on('message', (data) => {
        const text = String(data);
        received.push(text);
        if (text.startsWith('close:')) ws.close(4001, `you said ${text.slice(6)}`);
        else ws.send(`echo ${text}`);
      });
    });
    try {
      const { port } = wss.address() as { port: number };
      const wsSecrets = [S.wsPath, S.wsQuery, S.wsPlainHeader, S.wsSubprotocol, S.wsMessage, S.wsCloseReason];
      const wsOptions = {
        headers: { Authorization: `Bearer ${S.wsBearer}`, 'X-Plain': S.wsPlainHeader },
        subprotocols: [S.wsSubprotocol],
        secrets: [...wsSecrets, S.wsRefusedPath],
      };
      const url = `ws://127.0.0.1:${port}/p/${S.wsPath}?q=${S.wsQuery}&access_token=${S.wsQueryCredential}`;
      const ws = connect(url, wsOptions);
      const wsEvents = collect(ws);
      await ws.ready();
      await ws.send(S.wsMessage);
      await ws.send(`close:${S.wsCloseReason}`);
      seen.push(
        await wsEvents,
        await ws.result,
        await rejection(ws.send('late')),
        await rejection(ws.ready()),
      );

      const refusedUrl = `ws://127.0.0.1:${await closedPort()}/p/${S.wsRefusedPath}?api_key=${S.wsRefusedKey}`;
      const refused = connect(refusedUrl, wsOptions);
      seen.push(await collect(refused), await refused.result, await rejection(refused.ready()));
      seen.push(thrown(() => connect(`ws://user:${S.wsUserinfo}@127.0.0.1:${port}/`, wsOptions)));

      expect(upgrades).toHaveLength(1);
      const upgrade = upgrades[0] as IncomingMessage;
      expect(upgrade.url).toContain(S.wsPath);
      expect(upgrade.url).toContain(S.wsQuery);
      expect(upgrade.url).toContain(S.wsQueryCredential);
      expect(upgrade.headers.authorization).toBe(`Bearer ${S.wsBearer}`);
      expect(upgrade.headers['x-plain']).toBe(S.wsPlainHeader);
      expect(upgrade.headers['sec-websocket-protocol']).toBe(S.wsSubprotocol);
      expect(received).toEqual([S.wsMessage, `close:${S.wsCloseReason}`]);
    } finally {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }

    // --- jsonrpc: call() to a process target whose error quotes the params, its argv and a
    // credential env var; a connection whose peer does the same; a target that cannot start.
    const target = {
      kind: 'process' as const,
      command: process.execPath,
      args: [PEER, '--secret', S.rpcTargetFlag],
      env: { CLIENT_SECRET: S.rpcTargetEnv, RECEIPT_FILE: rpcReceipt },
    };
    const called = call(target, 'echo', { q: S.rpcParam }, { spawn, secrets: [S.rpcParam] });
    seen.push(await collect(called), await called.result, await rejection(called.output()));
    const missing = call(
      { kind: 'process', command: `/nonexistent/${S.rpcMissingCommand}` },
      'echo',
      {},
      {
        spawn,
        secrets: [S.rpcMissingCommand],
      },
    );
    seen.push(await collect(missing), await missing.result, await rejection(missing.output()));

    const peer = spawn(process.execPath, [PEER], { env: { RECEIPT_FILE: rpcReceipt } });
    const rpc = createJsonRpcConnection(createStdioChannel(peer, { closeGraceMs: 100 }), {
      secrets: [S.rpcConnectionParam],
    });
    const rpcEvents = collect(rpc);
    seen.push(await rejection(rpc.request('echo', { q: S.rpcConnectionParam })));
    await rpc.close();
    seen.push(await rpcEvents, await rpc.result, await rejection(rpc.request('late')));

    // Not vacuous: every peer got what was planted for it.
    const processGot = receipts(processReceipt);
    for (const secret of [
      S.argvPlain,
      S.argvFlag,
      S.argvFlagEq,
      S.envPlain,
      S.envCredential,
      S.stdin,
      S.sessionWrite,
    ]) {
      expect(processGot).toContain(secret);
    }
    const rpcGot = receipts(rpcReceipt);
    for (const secret of [S.rpcParam, S.rpcTargetFlag, S.rpcTargetEnv, S.rpcConnectionParam]) {
      expect(rpcGot).toContain(secret);
    }

    const text = dump(seen);
    // The observations are real: outputs, messages and failures are there, only scrubbed.
    expect(text).toContain('[redacted]');
    expect(text).toContain('websocket.message');
    expect(text).toContain('INVALID_OPTIONS');
    expect(text).toContain('JsonRpcRemoteError');
    expect(leaked(text)).toEqual([]);
  }, 30_000);

  it('openTerminal(): info(), the outcome, errors and the recording hold none of 5 planted secrets; viewers see the typed text', async () => {
    const planted = Object.values(T);
    const recordPath = join(dir, 'terminal.cast');
    const terminal = openTerminal(process.execPath, [CONSOLE, T.argPlain, '--token', T.argFlag], {
      env: { API_TOKEN: T.envCredential },
      secrets: [T.argPlain, T.typed, T.command],
      recordPath,
    });
    const viewer = terminal.attach();
    await terminal.ready();
    await terminal.write(`${T.typed} ${T.envCredential}\r`);
    const screen = await readUntil(viewer, `echo: ${T.typed} `);
    const info = terminal.info();
    await terminal.write('quit\r');
    const outcome = await terminal.result;

    const missing = openTerminal(`/nonexistent/${T.command}`, { secrets: [T.command] });
    const observed = [
      info,
      outcome,
      await rejection(missing.ready()),
      await rejection(missing.resize(100, 40)),
      await missing.close(),
      thrown(() => openTerminal('node', { secrets: [T.typed, 'abc'] })),
      readFileSync(recordPath, 'utf8'),
    ];
    // Not vacuous: the program got the typed text and echoed it to the screen. (A credential-named
    // env value is withheld on the screen too: the process lane the terminal runs on scrubs it.)
    expect(screen).toContain(`echo: ${T.typed} [redacted]`);
    expect(info.args).toEqual([CONSOLE, '[redacted]', '--token', '[redacted]']);
    expect(observed.at(-1)).toContain(`"i","${'[redacted]'} [redacted]`);
    const text = dump(observed);
    expect(text).toContain('COMMAND_NOT_FOUND');
    expect(text).toContain('[redacted]');
    expect(leaked(text, planted)).toEqual([]);
  }, 30_000);
});

async function readUntil(viewer: TerminalViewer, needle: string): Promise<string> {
  let seen = '';
  for await (const text of viewer) {
    seen += text;
    if (seen.includes(needle)) return seen;
  }
  throw new Error(`viewer ended before ${JSON.stringify(needle)}; saw ${JSON.stringify(seen)}`);
}
