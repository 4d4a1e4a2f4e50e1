import { ExecutionError } from '../core/errors.js';
import type { FailureClass } from '../core/failure-class.js';
import { isCredentialName, REDACTED } from '../internal/redact.js';
import type { JsonRpcId } from './message.js';

// The small pure pieces of the Streamable HTTP client: what an outbound message asks of the
// transport, how a status maps to a failure class, and redaction of what errors carry.

/** What the channel must know of a message it sends, read without parsing the common case twice. */
export function inspectOutbound(text: string): {
  requestIds: JsonRpcId[];
  initializeId: JsonRpcId | undefined;
  initialized: boolean;
} {
  const found = {
    requestIds: [] as JsonRpcId[],
    initializeId: undefined as JsonRpcId | undefined,
    initialized: false,
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return found;
  }
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    const m = message as Record<string, unknown> | null;
    if (m === null || typeof m !== 'object' || typeof m.method !== 'string') continue;
    if (m.id === undefined) {
      if (m.method === 'notifications/initialized') found.initialized = true;
      continue;
    }
    found.requestIds.push(m.id as JsonRpcId);
    if (m.method === 'initialize') found.initializeId = m.id as JsonRpcId;
  }
  return found;
}

export function classOfStatus(status: number): FailureClass {
  if (status === 401 || status === 403) return 'policy_denied';
  if (status === 404 || status >= 500) return 'remote_disconnect';
  return 'semantic_runtime_failed';
}

export function tooLarge(max: number): ExecutionError {
  return new ExecutionError('MESSAGE_TOO_LARGE', `a JSON response exceeded maxMessageBytes (${max})`, {
    failureClass: 'protocol_framing_failed',
    details: { limit: 'maxMessageBytes', value: max },
  });
}

/** Header values under credential-looking names withheld (the package's one redaction policy). */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isCredentialName(name) ? REDACTED : value;
  return out;
}

export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? REDACTED : '';
    parsed.password = parsed.password ? REDACTED : '';
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (isCredentialName(name)) parsed.searchParams.set(name, REDACTED);
  }
  return parsed.href;
}

export function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message} (${cause})` : message;
}
