import { isExecutionError } from '../core/errors.js';
import { sessionEndedError } from '../core/session.js';
import type { Redactor } from '../internal/redact.js';
import { redactError, redactFailure } from '../internal/redact-lane.js';
import type { ProcessSession } from '../process/session.js';
import type { TerminalBackend, TerminalOutcome } from './backend.js';

/**
 * A program on a PTY (a process-lane session in raw framing) as a terminal backend. The screen
 * goes to viewers as it came; the outcome and errors pass through `redactor` (listed secrets).
 */
export function programBackend(session: ProcessSession, redactor?: Redactor): TerminalBackend {
  const result = redactor?.hasSecrets
    ? session.result.then((o) => redactOutcome(o, redactor))
    : session.result;
  // Errors of calls: SESSION_ENDED rebuilt from the redacted outcome (its cause included).
  const guard =
    <A extends unknown[]>(call: string, op: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await op(...args);
      } catch (error) {
        if (!redactor?.hasSecrets) throw error;
        if (isExecutionError(error) && error.code === 'SESSION_ENDED') {
          throw sessionEndedError(call, await result);
        }
        throw redactError(error, redactor);
      }
    };
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
    result: result as Promise<TerminalOutcome>,
    ready: guard('ready()', () => session.ready()),
    write: guard('write()', (data: string) => session.write(data)),
    resize: guard('resize()', (cols: number, rows: number) => session.resize(cols, rows)),
    interrupt: guard('interrupt()', () => session.interrupt()),
    close: async (graceMs) => {
      await session.close(graceMs === undefined ? {} : { graceMs });
    },
  };
}

function redactOutcome<O extends { readonly output?: unknown; readonly failure?: unknown }>(
  outcome: O,
  redactor: Redactor,
): O {
  const failure = outcome.failure as Parameters<typeof redactFailure>[0] | null | undefined;
  return {
    ...outcome,
    output: redactor.scrubDeep(outcome.output),
    failure: failure ? { ...failure, ...redactFailure(failure, redactor) } : failure,
  };
}
