import { createWriteStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { type HttpResponseOutput, request } from '../http/index.js';
import { commonFlags, headerFlags, intFlag, parseFlags, UsageError } from './args.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { createOutput, describeFailure } from './output.js';
import { fileWithProgress, PROGRESS_FROM_BYTES, receivingProgress } from './progress.js';
import { readStdin, watchInterrupt } from './terminal-io.js';

export const httpFlags = {
  ...commonFlags,
  method: { type: 'string', short: 'X' },
  header: { type: 'string', short: 'H', multiple: true },
  data: { type: 'string', short: 'd' },
  'data-file': { type: 'string' },
  retries: { type: 'string' },
  timeout: { type: 'string' },
  'connect-timeout': { type: 'string' },
  include: { type: 'boolean', short: 'i' },
  output: { type: 'string', short: 'o' },
  fail: { type: 'boolean', short: 'f' },
} as const;

/** `execution-plane http [flags] <url>`: one HTTP request through the HTTP lane. */
export async function httpCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags('http', argv, httpFlags);
  const [url, ...extra] = positionals;
  if (!url) throw new UsageError('http', 'missing the URL');
  if (extra.length > 0) throw new UsageError('http', `unexpected argument ${extra[0]}`);
  if (values.data !== undefined && values['data-file'] !== undefined) {
    throw new UsageError('http', '--data and --data-file cannot be used together');
  }
  const out = createOutput(values.json === true);
  const file = values['data-file'];
  const size = file === undefined || file === '-' ? 0 : (await stat(file)).size;
  const body =
    values.data ??
    (file === undefined
      ? undefined
      : file === '-'
        ? await readStdin()
        : out.showsProgress && size >= PROGRESS_FROM_BYTES
          ? fileWithProgress(file, size, out)
          : await readFile(file));
  const retries = intFlag('http', 'retries', values.retries);
  const connectMs = intFlag('http', 'connect-timeout', values['connect-timeout']);
  const execution = request(url, {
    method: values.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: headerFlags('http', values.header),
    ...(body === undefined ? {} : { body }),
    responseType: 'bytes',
    ...(retries === undefined ? {} : { retry: { maxRetries: retries } }),
    ...(connectMs === undefined ? {} : { timeouts: { connectMs } }),
    timeoutMs: intFlag('http', 'timeout', values.timeout) ?? null,
  });
  const stop = watchInterrupt(() => execution.cancel('interrupted'));
  let stopReceiving = () => {};
  try {
    for await (const event of execution) {
      if (out.json) out.line(event);
      else if (event.event_type === 'http.retrying') {
        out.note(`retrying (attempt ${event.payload.attempt}) in ${event.payload.delay_ms} ms`);
      } else if (event.event_type === 'http.response') {
        const expected = Number(event.payload.headers['content-length'] ?? 0);
        if (out.showsProgress && expected >= PROGRESS_FROM_BYTES)
          stopReceiving = receivingProgress(out, expected);
      }
    }
  } finally {
    stopReceiving();
    stop();
  }
  out.endProgress();
  const outcome = await execution.result;
  const response = outcome.output as HttpResponseOutput<Uint8Array> | null;
  if (!response) {
    if (!out.json) out.error(describeFailure(outcome));
    return exitCodeOf(outcome.status);
  }
  if (!out.json) {
    if (values.include) {
      out.write(`${out.paint('bold', `HTTP ${response.status} ${response.status_text}`)}\n`);
      for (const [name, value] of Object.entries(response.headers)) {
        out.write(`${out.paint('cyan', name)}: ${value}\n`);
      }
      out.write('\n');
    }
    if (values.output) await writeFileStream(values.output, response.body);
    else process.stdout.write(response.body);
    if (outcome.status !== 'succeeded') out.error(describeFailure(outcome));
  }
  if (values.fail && response.status >= 400) return EXIT.httpError;
  return exitCodeOf(outcome.status);
}

function writeFileStream(path: string, body: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path);
    file.on('error', reject);
    file.end(body, () => resolve());
  });
}
