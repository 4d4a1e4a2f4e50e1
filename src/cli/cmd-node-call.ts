import { readFile } from 'node:fs/promises';
import { type AdmissionRequestInput, RemoteRuntimeClient } from '../node/index.js';
import { commonFlags, intFlag, jsonFlag, parseFlags, UsageError } from './args.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { createOutput, type Output } from './output.js';
import { readStdin, watchInterrupt } from './terminal-io.js';

export const nodeCallFlags = {
  ...commonFlags,
  token: { type: 'string' },
  'token-file': { type: 'string' },
  request: { type: 'string' },
  lane: { type: 'string' },
  payload: { type: 'string' },
  grant: { type: 'string' },
  attestation: { type: 'string', multiple: true },
  direct: { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

const ACTIONS = ['describe', 'admit', 'execute', 'stream', 'cancel'] as const;

/** The environment variable `node call` reads its token from when no flag gives one. */
export const TOKEN_ENV = 'EXECUTION_PLANE_TOKEN';

/** `execution-plane node call <url> <action> [flags]`: drive a served node with `RemoteRuntimeClient`. */
export async function nodeCallCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags('node call', argv, nodeCallFlags);
  const [url, action, ...rest] = positionals;
  if (!url) throw new UsageError('node call', 'missing the node URL (ws://… or wss://…)');
  if (!action) throw new UsageError('node call', `missing the action: one of ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError('node call', `unknown action ${action}: expected one of ${ACTIONS.join(', ')}`);
  }
  if (action === 'cancel' && rest.length !== 1)
    throw new UsageError('node call', 'cancel takes one execution ref');
  if (action !== 'cancel' && rest.length > 0)
    throw new UsageError('node call', `unexpected argument ${rest[0]}`);
  const token = await tokenOf(values);
  const out = createOutput(values.json === true);
  const timeoutMs = intFlag('node call', 'timeout', values.timeout);
  await using client = new RemoteRuntimeClient(url, token === undefined ? {} : { token });
  switch (action) {
    case 'describe':
      return show(out, await client.describe(), EXIT.ok);
    case 'cancel': {
      const verdict = await client.cancel(rest[0]!);
      return show(out, verdict, verdict.ok ? EXIT.ok : EXIT.rejected);
    }
    case 'admit': {
      const verdict = await client.admit(await requestOf(values));
      return show(out, verdict, verdict.ok ? EXIT.ok : EXIT.rejected);
    }
    case 'execute': {
      const request = await requestOf(values);
      const controller = new AbortController();
      const stop = watchInterrupt(() => controller.abort());
      const result = await client
        .execute(request, { signal: controller.signal, ...(timeoutMs === undefined ? {} : { timeoutMs }) })
        .finally(stop);
      if (out.json) for (const event of result.events) out.line(event);
      else printResult(out, result);
      return exitCodeOf(result.status);
    }
    default: {
      const controller = new AbortController();
      const stop = watchInterrupt(() => controller.abort());
      try {
        const started = await client.stream(await requestOf(values), {
          signal: controller.signal,
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
        });
        if (!started.ok) return show(out, started, EXIT.rejected);
        out.note(`streaming ${started.events.executionRef}`);
        for await (const event of started.events) {
          if (out.json) out.line(event);
          else
            out.write(
              `${out.paint('dim', `${event.seq}`)} ${event.event_type} ${JSON.stringify(event.payload)}\n`,
            );
        }
        const result = await started.events.result;
        if (!out.json) printResult(out, { ...result, events: [] });
        return exitCodeOf(result.status);
      } finally {
        stop();
      }
    }
  }
}

function show(out: Output, value: unknown, code: number): number {
  if (out.json) out.line(value);
  else out.write(`${JSON.stringify(value, null, 2)}\n`);
  return code;
}

function printResult(
  out: Output,
  result: {
    status: string;
    execution_ref: string | null;
    output: unknown;
    error: unknown;
    events: readonly unknown[];
  },
): void {
  const colour = result.status === 'succeeded' ? 'green' : 'red';
  out.write(`${out.paint(colour, result.status)} ${out.paint('dim', result.execution_ref ?? '')}\n`);
  if (result.output !== null) out.write(`${JSON.stringify(result.output, null, 2)}\n`);
  if (result.error !== null) out.error(JSON.stringify(result.error));
}

async function tokenOf(values: { token?: string | undefined; 'token-file'?: string | undefined }) {
  if (values.token !== undefined && values['token-file'] !== undefined) {
    throw new UsageError('node call', '--token and --token-file cannot be used together');
  }
  if (values['token-file'] !== undefined) return (await readFile(values['token-file'], 'utf8')).trim();
  return values.token ?? process.env[TOKEN_ENV] ?? undefined;
}

// The request: `--request` (JSON, @file, or - for stdin), or built from --lane/--payload/--grant.
async function requestOf(values: {
  request?: string | undefined;
  lane?: string | undefined;
  payload?: string | undefined;
  grant?: string | undefined;
  attestation?: string[] | undefined;
  direct?: boolean | undefined;
}): Promise<AdmissionRequestInput> {
  if (values.request !== undefined) {
    if (values.lane !== undefined || values.payload !== undefined) {
      throw new UsageError('node call', '--request cannot be combined with --lane or --payload');
    }
    const text =
      values.request === '-'
        ? Buffer.from(await readStdin()).toString('utf8')
        : values.request.startsWith('@')
          ? await readFile(values.request.slice(1), 'utf8')
          : values.request;
    const request = jsonFlag('node call', 'request', text);
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      throw new UsageError('node call', '--request expects a JSON object');
    }
    // The node decodes it and answers an `invalid_request` rejection naming what is wrong.
    return request as AdmissionRequestInput;
  }
  if (values.lane === undefined)
    throw new UsageError('node call', 'give --request, or --lane with --payload');
  return {
    lane_id: values.lane,
    payload: (jsonFlag('node call', 'payload', values.payload) ?? {}) as Record<string, unknown>,
    ...(values.grant === undefined ? {} : { authority_ref: { ref: values.grant } }),
    acceptable_attestation: { classes: values.attestation ?? ['local-erlexec-weak'] },
    ...(values.direct ? { provenance: { kind: 'direct_lower_lane_owner' } } : {}),
  };
}
