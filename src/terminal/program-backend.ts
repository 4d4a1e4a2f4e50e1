import type { ProcessSession } from '../process/session.js';
import type { TerminalBackend, TerminalOutcome } from './backend.js';

/** A program on a PTY (a process-lane session in raw framing) as a terminal backend. */
export function programBackend(session: ProcessSession): TerminalBackend {
  return {
    get ref() {
      return session.ref;
    },
    get pid() {
      return session.pid;
    },
    get status() {
      return session.status;
    },
    output: {
      async *[Symbol.asyncIterator]() {
        for await (const event of session) {
          if (event.event_type === 'process.output' && 'data' in event.payload) yield event.payload.data;
        }
      },
    },
    result: session.result as Promise<TerminalOutcome>,
    ready: () => session.ready(),
    write: (data) => session.write(data),
    resize: (cols, rows) => session.resize(cols, rows),
    interrupt: () => session.interrupt(),
    close: async (graceMs) => {
      await session.close(graceMs === undefined ? {} : { graceMs });
    },
  };
}
