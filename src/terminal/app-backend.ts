import type { ExecutionOptions } from '../core/execution-options.js';
import type { Lane } from '../core/lane.js';
import { sessionEndedError } from '../core/session.js';
import { startExecution } from '../core/start-execution.js';
import type { TerminalApp } from './app.js';
import { AppIO, runApp } from './app-io.js';
import type { TerminalBackend, TerminalOutcome } from './backend.js';

interface AppPlan {
  readonly app: TerminalApp;
  readonly io: AppIO;
  /** Aborts the io's signal (on close, timeout or the caller's signal alike). */
  readonly abort: () => void;
  /** Called as the app starts. */
  readonly started: () => void;
}

// Plans are built by openTerminal (validated there), so plan() only passes them through.
const appLane: Lane<AppPlan, undefined> = {
  id: 'terminal',
  capabilities: {
    lane_id: 'terminal',
    protocols: ['terminal'],
    surfaces: ['in_process'],
    supports_execute: false,
    supports_stream: true,
    metadata: {},
  },
  plan: (input) => input as AppPlan,
  defaultTimeoutMs: null,
  async start(plan, context) {
    // Closed before it started: the app never runs.
    if (plan.io.signal.aborted || context.signal.aborted) return { output: undefined };
    // An in-process app cannot be killed: on cancel or timeout the lane stops waiting for it.
    const stopped = new Promise<void>((resolve) => {
      context.signal.addEventListener(
        'abort',
        () => {
          plan.abort();
          resolve();
        },
        { once: true },
      );
    });
    plan.started();
    await Promise.race([runApp(plan.app, plan.io), stopped]);
    return { output: undefined };
  },
};

/** Output chunks from the app to the terminal's pump; ends when the app quits. */
class OutputChannel implements AsyncIterable<string> {
  #queue: string[] = [];
  #ended = false;
  #wake: (() => void) | undefined;

  push(text: string): void {
    if (this.#ended || text === '') return;
    this.#queue.push(text);
    this.#notify();
  }

  end(): void {
    this.#ended = true;
    this.#notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    while (true) {
      if (this.#queue.length > 0) {
        const batch = this.#queue.join('');
        this.#queue = [];
        yield batch;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

/**
 * An in-process app as a terminal backend: one execution of the `terminal` lane whose run is the
 * app. Closing aborts `io.signal` and waits `graceMs` for the app to return, then cancels.
 */
export function appBackend(
  app: TerminalApp,
  cols: number,
  rows: number,
  execution: ExecutionOptions,
): TerminalBackend {
  const channel = new OutputChannel();
  const lifetime = new AbortController();
  const io = new AppIO(cols, rows, lifetime.signal, (text) => channel.push(text));
  const abort = () => lifetime.abort();
  let started!: () => void;
  const running = new Promise<void>((resolve) => {
    started = resolve;
  });
  const run = startExecution(appLane, { app, io, abort, started } satisfies AppPlan, execution);
  const result = run.result.then((outcome) => {
    lifetime.abort();
    channel.end();
    return outcome as TerminalOutcome;
  });
  const ensureRunning = async (call: string) => {
    if (run.status !== 'running') {
      throw sessionEndedError(call, await result);
    }
  };
  return {
    ref: run.ref,
    pid: undefined,
    get status() {
      return run.status;
    },
    output: channel,
    result,
    ready: async () => {
      await Promise.race([running, result]);
      await ensureRunning('ready()');
    },
    write: async (data) => {
      await ensureRunning('write()');
      io.feed(data);
    },
    resize: async (c, r) => {
      await ensureRunning('resize()');
      io.resized(c, r);
    },
    interrupt: async () => {
      await ensureRunning('interrupt()');
      io.feed('\x03');
    },
    close: async (graceMs) => {
      abort();
      const timer = new Promise<'late'>((resolve) => setTimeout(resolve, graceMs ?? 2_000, 'late').unref());
      if ((await Promise.race([result, timer])) === 'late') await run.cancel('the terminal closed');
      await result;
    },
  };
}
