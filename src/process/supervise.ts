import type { FailureInput, LaneContext, LaneResult } from '../core/index.js';
import type { StdoutTaker } from '../internal/take-stdout.js';
import { ByteCollector } from './byte-collector.js';
import type { ChildExit, ChildPort } from './child-port.js';
import type { OutputStream, ProcessEvents, ProcessOutput } from './events.js';
import { exitedCleanly } from './exit-facts.js';
import { terminate } from './kill-ladder.js';
import { OutputChannel } from './output-channel.js';
import { type Pump, pump } from './pump.js';
import type { ProcessSettings } from './settings.js';
import { TailRing } from './tail-ring.js';
import { TakenOutput } from './taken-output.js';
import { TextCollector } from './text-collector.js';
import { within } from './within.js';

/**
 * Runs a started child to its end: reads both streams (stderr is always drained, read or not),
 * feeds stdin, climbs the kill ladder when the execution is aborted, and settles on the child's
 * exit plus a bounded drain of its pipes, so a grandchild holding them cannot hang it. With a
 * `taker` (a session's stdout handed off), stdout goes to it as read instead of into events.
 */
export async function supervise(
  child: ChildPort,
  settings: ProcessSettings,
  context: LaneContext<ProcessEvents>,
  taker?: StdoutTaker,
): Promise<LaneResult<ProcessOutput>> {
  const { emit, signal } = context;
  const collector = () =>
    settings.encoding === 'buffer'
      ? new ByteCollector(settings.maxBufferBytes)
      : new TextCollector(settings.maxBufferBytes);
  const stdoutText = collector();
  const stderrText = settings.stderr === 'merge' ? stdoutText : collector();
  const tail = new TailRing(settings.stderrTailBytes);
  let overflow: { stream: OutputStream; bytes: number } | undefined;
  const onOverflow = (stream: OutputStream, bytes: number) => {
    if (overflow) return;
    overflow = { stream, bytes };
    child.kill();
    emit('process.kill', { signal: 'SIGKILL', step: 'line_too_long' });
  };
  const channels: Array<OutputChannel | TakenOutput> = [];
  const pumps: Pump[] = [];
  // In a PTY the terminal carries stderr too, so its tail is the terminal's.
  const out = taker
    ? new TakenOutput(taker)
    : new OutputChannel('stdout', settings, emit, stdoutText, child.stderr ? undefined : tail, onOverflow);
  channels.push(out);
  pumps.push(pump(child.stdout, out.handle));
  if (child.stderr) {
    const stream = settings.stderr === 'merge' ? 'stdout' : 'stderr';
    const err = new OutputChannel(stream, settings, emit, stderrText, tail, onOverflow);
    channels.push(err);
    pumps.push(pump(child.stderr, err.handle));
  }
  feedStdin(child, settings);

  let exited = false;
  // An abort that comes while the pipes drain has no process left to signal.
  const onAbort = () => {
    if (!exited) terminate(child, settings, emit);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  let exit: ChildExit;
  try {
    exit = await child.exited;
    exited = true;
    child.reap();
    const atExit = channels.map((c) => c.bytes);
    const overrun = () => channels.some((c, i) => c.bytes - (atExit[i] ?? 0) > DRAIN_MAX_BYTES);
    await drain(pumps, settings.drainGraceMs, overrun);
  } finally {
    signal.removeEventListener('abort', onAbort);
    child.release();
  }
  for (const channel of channels) await channel.finish();
  const facts = { exit_code: exit.exit_code, signal: exit.signal };
  emit('process.exit', facts);

  const output: ProcessOutput<string | Uint8Array> = {
    stdout: collected(stdoutText, settings),
    stderr: settings.stderr === 'merge' ? emptyOf(settings) : collected(stderrText, settings),
    ...facts,
    stdout_truncated: stdoutText.truncated,
    stderr_truncated: settings.stderr === 'merge' ? false : stderrText.truncated,
    stderr_tail: tail.text(),
  };
  const metrics = { stdout_bytes: out.bytes, stderr_bytes: channels[1]?.bytes ?? 0 };
  const failure = failureOf(overflow, exit, settings, output);
  // The lane's output type is the text form; `run()` and `spawn()` retype it by `encoding`.
  const typed = output as ProcessOutput;
  if (failure) return { output: typed, failure, metrics };
  return { output: typed, status: exitedCleanly(facts) ? 'succeeded' : 'failed', metrics };
}

function collected(collector: TextCollector | ByteCollector, settings: ProcessSettings): string | Uint8Array {
  if (collector instanceof ByteCollector) return collector.bytes();
  const text = collector.text();
  if (!settings.stripFinalNewline || collector.truncated || !text.endsWith('\n')) return text;
  return text.slice(0, text.endsWith('\r\n') ? -2 : -1);
}

function emptyOf(settings: ProcessSettings): string | Uint8Array {
  return settings.encoding === 'buffer' ? new Uint8Array(0) : '';
}

function failureOf(
  overflow: { stream: OutputStream; bytes: number } | undefined,
  exit: ChildExit,
  settings: ProcessSettings,
  output: ProcessOutput<string | Uint8Array>,
): FailureInput | undefined {
  const common = { exit_code: output.exit_code, signal: output.signal, stderr_tail: output.stderr_tail };
  if (overflow) {
    return {
      failure_class: 'protocol_framing_failed',
      reason: `a ${overflow.stream} line exceeded maxLineBytes (${settings.maxLineBytes}); the process was killed`,
      code: 'LINE_TOO_LONG',
      details: {
        stream: overflow.stream,
        max_line_bytes: settings.maxLineBytes,
        line_bytes: overflow.bytes,
        ...common,
      },
    };
  }
  if (exit.disconnected) {
    return {
      failure_class: 'remote_disconnect',
      reason: 'the guest bridge connection closed before the process exited',
      code: 'BRIDGE_DISCONNECTED',
      details: common,
    };
  }
  return undefined;
}

// stdin write failures (the child exited or closed stdin early) are the child's choice, not ours.
function feedStdin(child: ChildPort, settings: ProcessSettings): void {
  const close = () => {
    if (settings.closeStdin) child.end().catch(() => {});
  };
  if (settings.stdin) child.write(settings.stdin).then(close, close);
  else close();
}

/**
 * Bytes one pipe may still deliver after the exit while a slow consumer is waited for: what a pipe
 * can hold (Linux `pipe-max-size`, 1 MiB) plus a stream buffer. More means a writer outside our
 * reach is still feeding it, and the drain stops.
 */
const DRAIN_MAX_BYTES = 1024 * 1024 + 64 * 1024;

// Waits for every pipe to end, at most drainGraceMs at a time. Waiting on a slow consumer does
// not count against the grace (the data is there, the consumer is just reading it) until the
// pipes deliver more than they could have held at the exit: then an escaped writer is feeding
// them, and the execution settles on the leader's exit without it.
async function drain(pumps: readonly Pump[], graceMs: number, overrun: () => boolean): Promise<void> {
  const ended = Promise.all(pumps.map((p) => p.done));
  while (!(await within(ended, graceMs))) {
    if (!pumps.some((p) => p.paused) || overrun()) return;
  }
}
