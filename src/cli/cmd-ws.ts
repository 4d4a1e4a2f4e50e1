import { connect } from '../websocket/index.js';
import { commonFlags, headerFlags, intFlag, parseFlags, UsageError } from './args.js';
import { exitCodeOf } from './exit-codes.js';
import { createOutput, describeFailure } from './output.js';
import { forEachStdinLine, watchInterrupt } from './terminal-io.js';

export const wsFlags = {
  ...commonFlags,
  header: { type: 'string', short: 'H', multiple: true },
  subprotocol: { type: 'string', multiple: true },
  linger: { type: 'string' },
  timeout: { type: 'string' },
} as const;

// After stdin ends, the session stays open until no message arrived for this long.
const DEFAULT_LINGER_MS = 500;

/**
 * `execution-plane ws [flags] <url>`: an interactive WebSocket session — each stdin line is sent
 * as a text message, each message received is printed. At stdin EOF the session closes (1000)
 * once the peer has been quiet for `--linger` ms.
 */
export async function wsCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags('ws', argv, wsFlags);
  const [url, ...extra] = positionals;
  if (!url) throw new UsageError('ws', 'missing the URL');
  if (extra.length > 0) throw new UsageError('ws', `unexpected argument ${extra[0]}`);
  const out = createOutput(values.json === true);
  const lingerMs = intFlag('ws', 'linger', values.linger) ?? DEFAULT_LINGER_MS;
  const session = connect(url, {
    headers: headerFlags('ws', values.header),
    ...(values.subprotocol ? { subprotocols: values.subprotocol } : {}),
    timeoutMs: intFlag('ws', 'timeout', values.timeout) ?? null,
  });
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let inputEnded = false;
  const closeWhenQuiet = () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => void session.close(1000, 'stdin ended'), lingerMs);
  };
  const stop = watchInterrupt(() => session.close(1000, 'interrupted'));
  const sending = forEachStdinLine((line) => session.send(line)).then(
    () => {
      inputEnded = true;
      closeWhenQuiet();
    },
    () => {},
  );
  try {
    for await (const event of session) {
      if (out.json) out.line(event);
      else if (event.event_type === 'websocket.message') {
        const message = event.payload;
        out.write(
          message.kind === 'text' ? `${message.text}\n` : `${out.paint('dim', `[${message.bytes} bytes]`)}\n`,
        );
      } else if (event.event_type === 'websocket.open') out.note(`connected to ${event.payload.url}`);
      else if (event.event_type === 'websocket.close') {
        out.note(`closed ${event.payload.code} ${event.payload.reason}`.trim());
      }
      if (event.event_type === 'websocket.message' && inputEnded) closeWhenQuiet();
    }
  } finally {
    clearTimeout(quiet);
    stop();
    process.stdin.destroy();
  }
  await sending;
  const outcome = await session.result;
  if (outcome.status !== 'succeeded' && !out.json) out.error(describeFailure(outcome));
  return exitCodeOf(outcome.status);
}
