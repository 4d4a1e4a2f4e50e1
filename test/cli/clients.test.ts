import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, jsonLines, RPC_PEER, runCli, startEchoPeer, startHttpPeer } from './helpers.js';

let http: Awaited<ReturnType<typeof startHttpPeer>>;
let echo: Awaited<ReturnType<typeof startEchoPeer>>;

beforeAll(async () => {
  ensureBuilt();
  [http, echo] = await Promise.all([startHttpPeer(), startEchoPeer()]);
}, 120_000);

afterAll(async () => {
  http.server.close();
  echo.server.close();
});

// The unified event stream: every line an event of one execution, the outcome last.
function expectEventStream(stdout: string, status: string) {
  const events = jsonLines(stdout);
  expect(events.length).toBeGreaterThan(1);
  expect(events[0]?.event_type).toBe('execution.started');
  const last = events.at(-1) as { event_type: string; payload: { outcome: { status: string } } };
  expect(last.event_type).toBe('execution.completed');
  expect(last.payload.outcome.status).toBe(status);
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index));
  return events;
}

describe('execution-plane run', () => {
  it('streams output and passes the exit code through', async () => {
    const ok = await runCli(['run', 'sh', '-c', 'echo out; echo err >&2']);
    expect(ok).toMatchObject({ code: 0, stdout: 'out\n', stderr: 'err\n' });
    const seven = await runCli(['run', 'sh', '-c', 'exit 7']);
    expect(seven.code).toBe(7);
    expect(seven.stderr).toBe('');
    const killed = await runCli(['run', 'sh', '-c', 'kill -TERM $$']);
    expect(killed.code).toBe(128 + 15);
  });

  it('--json prints the event stream, outcome last; --stdin - feeds the program', async () => {
    const result = await runCli(['run', '--json', '--stdin', '-', 'cat'], { input: 'piped\n' });
    expect(result.code).toBe(0);
    const events = expectEventStream(result.stdout, 'succeeded');
    const output = events.find((event) => event.event_type === 'process.output') as {
      payload: { data: string };
    };
    expect(output.payload.data).toBe('piped\n');
  });

  it('--timeout ends the program and exits 124; flags after the command are its own', async () => {
    const slow = await runCli(['run', '--timeout', '300', 'sleep', '5']);
    expect(slow.code).toBe(124);
    expect(slow.stderr).toMatch(/timed_out/);
    const own = await runCli(['run', 'echo', '--timeout', '-n']);
    expect(own).toMatchObject({ code: 0, stdout: '--timeout -n\n' });
  });
});

describe('execution-plane http', () => {
  it('GETs a body; -i prints status and headers; --json is the event stream', async () => {
    const body = await runCli(['http', `${http.url}/items`]);
    expect(body).toMatchObject({ code: 0, stdout: '{"hello":"world"}' });
    const included = await runCli(['http', '-i', `${http.url}/items`]);
    expect(included.stdout).toMatch(/^HTTP 200 OK\ncontent-type: application\/json\n/);
    // Not a TTY: no colour even with NO_COLOR unset.
    const piped = await runCli(['http', '-i', `${http.url}/items`], { env: { NO_COLOR: '' } });
    expect(piped.stdout).not.toContain('\u001b[');
    const json = await runCli(['http', '--json', `${http.url}/items`]);
    const events = expectEventStream(json.stdout, 'succeeded');
    expect(events.map((event) => event.event_type)).toContain('http.response');
  });

  it('sends a body from --data and from stdin (--data-file -) with headers', async () => {
    const posted = await runCli(['http', '-X', 'PUT', '-H', 'x-a: 1', '-d', 'payload', `${http.url}/echo`]);
    expect(posted).toMatchObject({ code: 0, stdout: 'payload' });
    const piped = await runCli(['http', '--data-file', '-', `${http.url}/echo`], { input: 'from stdin' });
    expect(piped).toMatchObject({ code: 0, stdout: 'from stdin' });
  });

  it('a 500 is a fact (exit 0) unless --fail (exit 22); a timeout exits 124', async () => {
    expect((await runCli(['http', '--retries', '0', `${http.url}/fail`])).code).toBe(0);
    expect((await runCli(['http', '--fail', '--retries', '0', `${http.url}/fail`])).code).toBe(22);
    const slow = await runCli(['http', '--timeout', '200', `${http.url}/slow`]);
    expect(slow.code).toBe(124);
  });
});

describe('execution-plane sse', () => {
  it('prints messages and resumes from --last-event-id', async () => {
    const result = await runCli(['sse', '--no-reconnect', '--last-event-id', '10', `${http.url}/events`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('#11 {"n":11}\n#12 {"n":12}\n#13 {"n":13}\n');
    expect(http.lastEventIds).toContain('10');
    const json = await runCli(['sse', '--json', '--no-reconnect', `${http.url}/events`]);
    const events = expectEventStream(json.stdout, 'succeeded');
    expect(events.filter((event) => event.event_type === 'sse.message')).toHaveLength(3);
  });
});

describe('execution-plane ws', () => {
  it('sends stdin lines and prints what comes back; --json ends with the outcome', async () => {
    const result = await runCli(['ws', '--linger', '300', echo.url], { input: 'one\ntwo\n' });
    expect(result).toMatchObject({ code: 0, stdout: 'one\ntwo\n' });
    const json = await runCli(['ws', '--json', '--linger', '300', echo.url], { input: 'three\n' });
    const events = expectEventStream(json.stdout, 'succeeded');
    const message = events.find((event) => event.event_type === 'websocket.message') as {
      payload: { text: string };
    };
    expect(message.payload.text).toBe('three');
  });

  it('a refused connection fails with exit 1', async () => {
    const result = await runCli(['ws', 'ws://127.0.0.1:1/']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed/);
  });
});

describe('execution-plane rpc', () => {
  const peer = ['--', process.execPath, '-e', RPC_PEER];

  it('one call: the result on stdout; an error response exits 1; --json is the event stream', async () => {
    const ok = await runCli(['rpc', '--method', 'echo', '--params', '{"a":1}', ...peer]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/a: 1/);
    const error = await runCli(['rpc', '--method', 'nope', ...peer]);
    expect(error.code).toBe(1);
    expect(error.stderr).toMatch(/-32601: no such method nope/);
    const json = await runCli(['rpc', '--json', '--method', 'echo', '--params', '[1]', ...peer]);
    const events = expectEventStream(json.stdout, 'succeeded');
    expect(events.map((event) => event.event_type)).toContain('jsonrpc.response');
  });

  it('interactive: one request per stdin line', async () => {
    const result = await runCli(['rpc', '--json', ...peer], { input: 'echo {"x":2}\necho [3]\n' });
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.filter((line) => line.event_type === 'cli.rpc_result').map((line) => line.result)).toEqual([
      { x: 2 },
      [3],
    ]);
    expect(lines.at(-1)?.event_type).toBe('execution.completed');
  });
});

describe('help and bad command lines', () => {
  it('--help works on every command, with examples', async () => {
    const commands = [
      [],
      ['run'],
      ['http'],
      ['sse'],
      ['ws'],
      ['rpc'],
      ['node'],
      ['node', 'serve'],
      ['node', 'call'],
      ['node', 'schema'],
    ];
    const results = await Promise.all(commands.map((command) => runCli([...command, '--help'])));
    commands.forEach((command, index) => {
      const result = results[index]!;
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout, command.join(' ')).toMatch(/Usage: execution-plane/);
      expect(result.stdout, command.join(' ')).toMatch(/Example/);
    });
  });

  it('bad flags and arguments exit 2 with the problem and a pointer to --help', async () => {
    const cases: [string[], RegExp][] = [
      [['nope'], /unknown command nope/],
      [['http', '--bogus', 'http://x'], /Unknown option '--bogus'/],
      [['http'], /missing the URL/],
      [['http', '--retries', 'many', 'http://x'], /--retries expects a whole number, got many/],
      [['run'], /missing the command to run/],
      [['rpc', '--framing', 'xml', 'cat'], /--framing expects one of ndjson, content-length, got xml/],
      [['rpc', '--method', 'm', '--params', '{bad', 'cat'], /--params expects JSON/],
      [['node', 'call', 'ws://127.0.0.1:1/', 'launch'], /unknown action launch/],
      [['node', 'serve'], /missing --config/],
      [['http', '-H', 'no-colon', 'http://x'], /--header expects "Name: value"/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    for (const [index, [args, message]] of cases.entries()) {
      const result = results[index]!;
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).toMatch(/See: execution-plane/);
    }
  });
});
