import { ExecutionError } from '../core/errors.js';

/** A non-2xx response; 408, 429 and 5xx are reconnected, other statuses fail at once. */
export function badStatus(
  status: number,
  statusText: string,
  preview: string,
  retryAfterMs: number | undefined,
) {
  return new ExecutionError(
    'SSE_BAD_STATUS',
    `SSE request answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`,
    {
      failureClass: 'semantic_runtime_failed',
      details: { status, body_preview: preview, retry_after_ms: retryAfterMs ?? null },
    },
  );
}

/** A 2xx response that is not `text/event-stream`. */
export function notEventStream(status: number, contentType: string | null, preview: string) {
  return new ExecutionError(
    'SSE_NOT_EVENT_STREAM',
    `SSE response is ${contentType ?? 'untyped'}, not text/event-stream`,
    {
      failureClass: 'protocol_framing_failed',
      details: { status, content_type: contentType, body_preview: preview },
    },
  );
}

/** No response headers within `openTimeoutMs`, or silence longer than `idleTimeoutMs`. */
export function sseTimeout(phase: 'open' | 'idle', timeoutMs: number) {
  const what = phase === 'open' ? 'no SSE response' : 'no SSE bytes';
  return new ExecutionError('TIMEOUT', `${what} for ${timeoutMs} ms`, {
    failureClass: 'timeout',
    details: { phase, timeout_ms: timeoutMs },
  });
}

/** The connection dropped (or ended while `afterEnd` asks to reconnect). */
export function disconnected(message: string, details: Record<string, unknown>) {
  return new ExecutionError('SSE_DISCONNECTED', message, { failureClass: 'remote_disconnect', details });
}

/** `json` was asked for and an event's data is not JSON. */
export function invalidJson(id: string | null, data: string, cause: unknown) {
  return new ExecutionError('SSE_INVALID_JSON', `SSE event${id ? ` ${id}` : ''} data is not valid JSON`, {
    failureClass: 'protocol_framing_failed',
    details: { id, data_preview: data.slice(0, 256) },
    cause,
  });
}

/** The schema given as `json` rejected an event's data. */
export function schemaMismatch(id: string | null, issues: ReadonlyArray<{ message: string }>) {
  return new ExecutionError(
    'SSE_SCHEMA_MISMATCH',
    `SSE event${id ? ` ${id}` : ''} does not match the schema`,
    {
      failureClass: 'semantic_runtime_failed',
      details: { id, issues: issues.slice(0, 5).map((issue) => issue.message) },
    },
  );
}
