import { stream } from '../sse/index.js';
import { commonFlags, headerFlags, intFlag, parseFlags, UsageError } from './args.js';
import { exitCodeOf } from './exit-codes.js';
import { createOutput, describeFailure } from './output.js';
import { watchInterrupt } from './terminal-io.js';

export const sseFlags = {
  ...commonFlags,
  header: { type: 'string', short: 'H', multiple: true },
  'last-event-id': { type: 'string' },
  'max-reconnects': { type: 'string' },
  'no-reconnect': { type: 'boolean' },
  timeout: { type: 'string' },
  'idle-timeout': { type: 'string' },
} as const;

/** `execution-plane sse [flags] <url>`: stream Server-Sent Events, resuming from `--last-event-id`. */
export async function sseCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags('sse', argv, sseFlags);
  const [url, ...extra] = positionals;
  if (!url) throw new UsageError('sse', 'missing the URL');
  if (extra.length > 0) throw new UsageError('sse', `unexpected argument ${extra[0]}`);
  const out = createOutput(values.json === true);
  const maxAttempts = intFlag('sse', 'max-reconnects', values['max-reconnects']);
  const reconnect = values['no-reconnect'] ? false : maxAttempts === undefined ? undefined : { maxAttempts };
  const idleTimeoutMs = intFlag('sse', 'idle-timeout', values['idle-timeout']);
  const execution = stream(url, {
    headers: headerFlags('sse', values.header),
    ...(values['last-event-id'] === undefined ? {} : { lastEventId: values['last-event-id'] }),
    ...(reconnect === undefined ? {} : { reconnect }),
    ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
    timeoutMs: intFlag('sse', 'timeout', values.timeout) ?? null,
    // --json prints one NDJSON line per event: one `sse.message` per message, as documented.
    batch: !out.json,
  });
  const stop = watchInterrupt(() => execution.cancel('interrupted'));
  try {
    for await (const event of execution) {
      if (out.json) out.line(event);
      else if (event.event_type === 'sse.batch') {
        for (const { id, event: name, data } of event.payload.messages) {
          const label = [name !== 'message' ? name : '', id !== null ? `#${id}` : '']
            .filter(Boolean)
            .join(' ');
          out.write(label ? `${out.paint('cyan', label)} ${data}\n` : `${data}\n`);
        }
      } else if (event.event_type === 'sse.reconnecting') {
        const from = event.payload.last_event_id;
        out.note(`reconnecting in ${event.payload.delay_ms} ms${from === null ? '' : ` from #${from}`}`);
      }
    }
  } finally {
    stop();
  }
  const outcome = await execution.result;
  if (outcome.status !== 'succeeded' && !out.json) out.error(describeFailure(outcome));
  else if (outcome.output && !out.json) {
    const last = outcome.output.last_event_id;
    out.note(`${outcome.output.messages} messages${last === null ? '' : `, last event id ${last}`}`);
  }
  return exitCodeOf(outcome.status);
}
