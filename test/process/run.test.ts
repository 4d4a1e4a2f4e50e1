import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { run } from '../../src/process/index.js';
import { collect, linesOf } from './support/events.js';
import { fixture, node } from './support/fixtures.js';

describe('run()', () => {
  it('collects stdout and stderr separately and streams them as line batches', async () => {
    const execution = run('sh', ['-c', 'echo one; echo two; echo oops >&2']);
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.output).toMatchObject({
      stdout: 'one\ntwo', // run() strips the final newline
      stderr: 'oops',
      exit_code: 0,
      signal: null,
    });
    expect(linesOf(events)).toEqual(['one', 'two']);
    expect(linesOf(events, 'stderr')).toEqual(['oops']);
    const types = events.map((e) => e.event_type);
    expect(types[1]).toBe('process.spawned');
    expect(types.at(-2)).toBe('process.exit');
    expect(outcome.metrics).toMatchObject({ stdout_bytes: 8, stderr_bytes: 5 });
  });

  it('ends failed with the exit code in the output for a non-zero exit', async () => {
    const outcome = await run(node, [fixture('exit-with.mjs'), '3']).result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toBeNull();
    expect(outcome.output).toMatchObject({ exit_code: 3, signal: null, stderr_tail: 'exit-with 3\n' });
  });

  it('reports death by a signal as the signal name, not an exit code', async () => {
    const outcome = await run(node, [fixture('exit-with.mjs'), 'SIGTERM']).result;
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatchObject({ exit_code: null, signal: 'SIGTERM' });
  });

  it('output() resolves for success and rejects with the outcome for a failure', async () => {
    await expect(run('echo', ['hi']).output()).resolves.toMatchObject({ stdout: 'hi' });
    const error = await run('false')
      .output()
      .catch((e: unknown) => e);
    expect(isExecutionError(error) && error.code).toBe('EXECUTION_FAILED');
    expect(
      isExecutionError(error) &&
        (error.details.outcome as { output: { exit_code: number } }).output.exit_code,
    ).toBe(1);
  });

  it('writes stdin exactly (string, bytes, or a JSON value as one line) and closes it', async () => {
    expect((await run('cat', { stdin: 'no newline' }).output()).stdout).toBe('no newline');
    expect(
      (await run('od', ['-An', '-tx1'], { stdin: new Uint8Array([0, 255, 10]) }).output()).stdout.trim(),
    ).toBe('00 ff 0a');
    expect((await run('cat', { stdin: { json: { a: [1, 'é'] } } }).output()).stdout).toBe('{"a":[1,"é"]}');
  });

  it('keeps stdin open with closeStdin: false (a reader then waits until the timeout)', async () => {
    const outcome = await run('cat', { closeStdin: false, timeoutMs: 200 }).result;
    expect(outcome.status).toBe('timed_out');
  });

  it('runs in cwd and fails with cwd_not_found before spawning when it is missing', async () => {
    expect((await run('pwd', { cwd: '/tmp' }).output()).stdout).toBe('/tmp');
    const outcome = await run('pwd', { cwd: '/definitely/missing' }).result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'launch_failed',
      code: 'CWD_NOT_FOUND',
    });
    expect(outcome.output).toBeNull();
  });

  it('fails a missing command as launch_failed / COMMAND_NOT_FOUND', async () => {
    const outcome = await run('/definitely/missing-command').result;
    expect(outcome.failure).toMatchObject({
      failure_class: 'launch_failed',
      code: 'COMMAND_NOT_FOUND',
      details: { command: '/definitely/missing-command' },
    });
  });

  it('overlays env, clears it, or inherits only an allow-list', async () => {
    process.env.EP_TEST_PARENT = 'parent';
    const overlay = (await run('env', { env: { EP_CHILD: 'child' } }).output()).stdout;
    expect(overlay.split('\n')).toContain('EP_CHILD=child');
    expect(overlay.split('\n')).toContain('EP_TEST_PARENT=parent');
    const cleared = (await run('/usr/bin/env', { clearEnv: true, env: { ONLY: '1' } }).output()).stdout;
    expect(cleared).toBe('ONLY=1');
    const allowed = (await run('/usr/bin/env', { inheritEnv: ['EP_TEST_PARENT'] }).output()).stdout;
    expect(allowed).toBe('EP_TEST_PARENT=parent');
  });

  it('merges stderr into stdout line by line with stderr: merge', async () => {
    const execution = run('sh', ['-c', 'echo out; sleep 0.05; echo err >&2; sleep 0.05; echo out2'], {
      stderr: 'merge',
    });
    const events = await collect(execution);
    const output = await execution.output();
    expect(linesOf(events)).toEqual(['out', 'err', 'out2']);
    expect(linesOf(events, 'stderr')).toEqual([]);
    expect(output).toMatchObject({ stdout: 'out\nerr\nout2', stderr: '', stderr_tail: 'err\n' });
  });

  it('emits raw text chunks with framing: raw', async () => {
    const execution = run('printf', ['a\r\nb'], { framing: 'raw' });
    const events = await collect(execution);
    const data = events
      .filter((e) => e.event_type === 'process.output')
      .map((e) => (e.payload as { data: string }).data)
      .join('');
    expect(data).toBe('a\r\nb');
  });

  it('flushes the trailing partial line at exit, byte-exact', async () => {
    const events = await collect(run('printf', ['  first\n  last line  ']));
    expect(linesOf(events)).toEqual(['  first', '  last line  ']);
  });

  it('truncates collected output at maxBufferBytes and flags it', async () => {
    const output = await run(node, [fixture('flood.mjs'), '100000', '10'], { maxBufferBytes: 25 }).output();
    expect(output.stdout).toBe('xxxxxxxxx\nxxxxxxxxx\nxxxxx');
    expect(output.stdout_truncated).toBe(true);
    expect(output.stderr_truncated).toBe(false);
  });

  it('fails with protocol_framing_failed and kills the child on a line over maxLineBytes', async () => {
    const execution = run('sh', ['-c', 'echo ok; head -c 5000 /dev/zero | tr "\\0" x; echo; sleep 30'], {
      maxLineBytes: 1000,
    });
    const events = await collect(execution);
    const outcome = await execution.result;
    expect(outcome.status).toBe('failed');
    expect(outcome.failure).toMatchObject({
      failure_class: 'protocol_framing_failed',
      code: 'LINE_TOO_LONG',
      details: { stream: 'stdout', max_line_bytes: 1000 },
    });
    expect(outcome.output?.signal).toBe('SIGKILL');
    expect(linesOf(events)).toEqual(['ok']);
    expect(events.some((e) => e.event_type === 'process.kill')).toBe(true);
    expect(outcome.metrics.duration_ms).toBeLessThan(20_000);
  });

  it('delivers an over-long line in fragments with longLines: chunk', async () => {
    const events = await collect(
      run('printf', ['%s\\nend\\n', 'y'.repeat(25)], { maxLineBytes: 10, longLines: 'chunk' }),
    );
    const payloads = events
      .filter((e) => e.event_type === 'process.output')
      .map((e) => e.payload as { lines: string[]; partial?: true });
    expect(payloads.flatMap((p) => p.lines)).toEqual(['y'.repeat(10), 'y'.repeat(10), 'y'.repeat(5), 'end']);
    expect(payloads.filter((p) => p.partial).length).toBe(2);
  });

  it('keeps the last stderrTailBytes of stderr on the outcome, on a UTF-8 boundary', async () => {
    const output = await run('sh', ['-c', 'for i in 1 2 3 4 5; do echo "line $i 日本" >&2; done; exit 1'], {
      stderrTailBytes: 20,
    }).result;
    // 20 bytes end inside the previous line's 日, whose continuation bytes are skipped.
    expect(output.output?.stderr_tail).toBe('本\nline 5 日本\n');
    expect(output.output?.stderr).toContain('line 1');
  });

  it('never deadlocks on a flood of stderr that nobody reads', async () => {
    const outcome = await run(node, [fixture('flood.mjs'), String(8 * 1024 * 1024), '100', 'stderr']).result;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.metrics.stderr_bytes).toBe(8 * 1024 * 1024);
    expect(outcome.output?.stderr_tail.length).toBe(256 * 1024);
  });

  it('times out as timed_out with the partial output, killing the process', async () => {
    const outcome = await run('sh', ['-c', 'echo started; sleep 30'], { timeoutMs: 300 }).result;
    expect(outcome.status).toBe('timed_out');
    expect(outcome.failure?.failure_class).toBe('timeout');
    expect(outcome.output).toMatchObject({ stdout: 'started', signal: 'SIGTERM' });
  });
});
