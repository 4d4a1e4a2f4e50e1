import { ExecutionError, isExecutionError } from '../core/errors.js';
import type { ExecutionOutcome } from '../core/outcome.js';
import { type StdoutTaker, takeStdout } from '../internal/take-stdout.js';
import { writeFrame } from '../internal/write-frame.js';
import type { ProcessOutput, ProcessSession } from '../process/index.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import type { JsonRpcChannelOptions } from './channel-options.js';
import { FrameBatcher } from './frame-batcher.js';
import { FramedReader } from './framed-reader.js';
import { encodeFrame, type JsonRpcFraming } from './framing.js';

/** Characters of the peer's stderr tail kept in the error when it dies. */
const STDERR_TAIL_CHARS = 4_096;

/**
 * A channel over a process session from `execution-plane/process`'s `spawn()`: messages are
 * written to its stdin and read from its stdout, framed as NDJSON or Content-Length (spawn it
 * with `framing: 'raw'` for Content-Length; NDJSON works with either). The channel owns the
 * session: it iterates its events and closes it (stdin EOF, then the kill ladder). Made in the
 * same turn as `spawn()` (before the child's output is read), it takes the child's stdout straight
 * from the pipe, in any `framing`, with no `process.output` events for it; a slow consumer still
 * pauses the child's stdout, and so does a connection not made yet. stderr stays in the session's
 * outcome (`stderr_tail`); a peer that exits non-zero or dies by a signal closes the channel as
 * `remote_disconnect` with its exit code, signal and the end of its stderr.
 *
 * @example
 * const session = spawn(process.execPath, ['server.js', '--stdio'], { framing: 'raw' });
 * const rpc = createJsonRpcConnection(createStdioChannel(session, { framing: 'content-length' }));
 */
export function createStdioChannel(
  session: ProcessSession,
  options: JsonRpcChannelOptions = {},
): JsonRpcChannel {
  return new StdioChannel(session, options);
}

/** A session with the internal frame write and stdout hand-off (process sessions from `spawn()`). */
interface FrameWriter {
  [writeFrame]?: (text: string, failed: (error: ExecutionError) => void) => false | undefined | Promise<void>;
  [takeStdout]?: (taker: StdoutTaker) => boolean;
}

class StdioChannel implements JsonRpcChannel {
  #session: ProcessSession;
  #options: JsonRpcChannelOptions;
  #framing: JsonRpcFraming;
  #batcher = new FrameBatcher((data) => this.#write(data));
  #ended: ExecutionError | undefined;
  // A framing failure of what the peer sent: what the channel's end reports.
  #fatal: ExecutionError | undefined;
  // A frame write that failed after it was handed over: what the channel's end reports.
  #broken: ExecutionError | undefined;
  // True when the session handed its stdout over: chunks come to #take, not as events.
  readonly #taken: boolean;
  #reader: FramedReader | undefined;
  // Stdout read before start(): held, with the pipe waiting, until the framer is there.
  #held: Uint8Array[] = [];
  #whenStarted: Promise<void> | undefined;
  #started: ((wait: undefined | Promise<void>) => void) | undefined;

  constructor(session: ProcessSession, options: JsonRpcChannelOptions) {
    this.#session = session;
    this.#options = options;
    this.#framing = options.framing ?? 'ndjson';
    // Taken here rather than in start(): a connection made after an await (call()'s targets)
    // still finds the session's stdout unread.
    const quick = session as FrameWriter;
    this.#taken = quick[takeStdout]?.call(session, (chunk) => this.#take(chunk)) === true;
  }

  start(sink: JsonRpcChannelSink): void {
    const reader = new FramedReader(this.#framing, sink, this.#options, (error) => this.#fail(error));
    this.#reader = reader;
    let wait: undefined | Promise<void>;
    for (const chunk of this.#held) wait = reader.feed(chunk) ?? wait;
    this.#held = [];
    this.#started?.(wait);
    void this.#read(sink, reader);
  }

  #take(chunk: Uint8Array): undefined | Promise<void> {
    if (this.#reader) return this.#reader.feed(chunk);
    this.#held.push(chunk);
    this.#whenStarted ??= new Promise((resolve) => {
      this.#started = resolve;
    });
    return this.#whenStarted;
  }

  // The stream is out of sync (or cannot be read): stop the peer rather than read garbage.
  #fail(error: ExecutionError): void {
    this.#fatal ??= error;
    this.#ended ??= error;
    void this.#session.close({ graceMs: 0 });
  }

  // Usable once the child started; a spawn failure ends the channel with the session's reason.
  // (`ready()` is the session contract's; `spawned` the process session's before it.)
  async ready(): Promise<void> {
    const session = this.#session as { ready?: () => Promise<void>; spawned?: Promise<unknown> };
    const started = session.ready
      ? session.ready().then(
          () => true,
          () => false,
        )
      : Promise.resolve(session.spawned).then((pid) => pid !== undefined);
    if (!(await started)) throw exitError(await this.#session.result) ?? closedError();
  }

  send(text: string): undefined | Promise<void> {
    if (this.#ended) return Promise.reject(this.#ended);
    return this.#batcher.send(encodeFrame(this.#framing, text));
  }

  // A local child's session takes the frame at once, with no promise unless its pipe is full;
  // any other session, or a refused write, goes through `write()` and its answer.
  #write(text: string): undefined | Promise<void> {
    const quick = (this.#session as FrameWriter)[writeFrame];
    if (quick) {
      const written = quick.call(this.#session, text, this.#writeBroke);
      if (written !== false) return written;
    }
    return this.#session.write(text).catch(this.#writeFailed);
  }

  // A frame that failed after it was handed over: the stream may hold half a frame, so the channel
  // ends with the write's error (as when its reader fails) and the session is stopped.
  #writeBroke = (error: ExecutionError) => {
    this.#ended ??= error;
    this.#broken ??= error;
    void this.#session.close({ graceMs: 0 });
  };

  // A write refused because the session is over says why it is over (launch failure, exit code);
  // its outcome settles right after the refusal. (`CLOSED` is the process session's code before
  // it moved to the session contract's `SESSION_ENDED`.)
  #writeFailed = async (error: unknown): Promise<never> => {
    const code: string | undefined = isExecutionError(error) ? error.code : undefined;
    if (code !== 'SESSION_ENDED' && code !== 'CLOSED') throw error;
    const outcome = await this.#session.result;
    throw exitError(outcome) ?? closedError();
  };

  async close(): Promise<void> {
    this.#ended ??= closedError();
    await this.#session.close(
      this.#options.closeGraceMs === undefined ? {} : { graceMs: this.#options.closeGraceMs },
    );
  }

  // With stdout taken, the events only say when the session is over; else its stdout events feed
  // the framer.
  async #read(sink: JsonRpcChannelSink, reader: FramedReader): Promise<void> {
    for await (const event of this.#session) {
      if (this.#taken || event.event_type !== 'process.output' || this.#fatal) continue;
      const payload = event.payload;
      if (payload.stream !== 'stdout') continue;
      let wait: undefined | Promise<void>;
      if ('bytes' in payload) wait = reader.feed(payload.bytes);
      else if ('data' in payload) wait = reader.feed(payload.data);
      else if (this.#framing === 'ndjson') {
        const text = payload.lines.join('\n');
        wait = reader.feed(payload.partial ? text : `${text}\n`);
      } else {
        this.#fail(
          new ExecutionError(
            'INVALID_OPTIONS',
            "Content-Length framing needs the session spawned with framing: 'raw'",
            {
              failureClass: 'protocol_framing_failed',
              details: { option: 'framing' },
            },
          ),
        );
      }
      if (wait) await wait;
    }
    reader.end();
    const outcome = await this.#session.result;
    this.#ended ??= closedError();
    sink.closed(this.#fatal ?? this.#broken ?? exitError(outcome));
  }
}

function closedError(): ExecutionError {
  return new ExecutionError('PEER_EXITED', 'the peer process is gone', { failureClass: 'remote_disconnect' });
}

// A clean exit (0) is a normal end of the channel; anything else says how the peer died.
function exitError(outcome: ExecutionOutcome<ProcessOutput>): ExecutionError | undefined {
  if (outcome.status === 'succeeded') return undefined;
  // Two limits met: the session's line limit fired before the channel's message limit could.
  if (outcome.failure?.code === 'LINE_TOO_LONG') {
    return new ExecutionError(
      'MESSAGE_TOO_LARGE',
      "a message from the peer is longer than the session's maxLineBytes: spawn it with framing: 'raw' " +
        "(the channel's maxMessageBytes then bounds messages) or a maxLineBytes as large as maxMessageBytes",
      {
        failureClass: 'protocol_framing_failed',
        details: { ...outcome.failure.details, option: 'maxLineBytes' },
      },
    );
  }
  const output = outcome.output;
  const tail = output?.stderr_tail ?? '';
  const how = output?.signal
    ? `was killed by ${output.signal}`
    : output?.exit_code != null
      ? `exited with ${output.exit_code}`
      : outcome.status;
  return new ExecutionError(
    'PEER_EXITED',
    `the peer process ${how}${outcome.failure?.reason ? `: ${outcome.failure.reason}` : ''}`,
    {
      failureClass: outcome.failure?.failure_class ?? 'remote_disconnect',
      details: {
        exit_code: output?.exit_code ?? null,
        signal: output?.signal ?? null,
        stderr_tail: tail.length > STDERR_TAIL_CHARS ? tail.slice(-STDERR_TAIL_CHARS) : tail,
      },
    },
  );
}
