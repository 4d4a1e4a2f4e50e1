import { ExecutionError, isExecutionError } from '../core/errors.js';
import { backoffDelay } from '../internal/backoff.js';
import { sleep } from '../internal/sleep.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import type { JsonRpcId } from './message.js';
import { readSseBody, type SseCursor } from './sse-body.js';
import {
  type ResolvedStreamableHttpOptions,
  resolveStreamableHttpOptions,
  type StreamableHttpChannelOptions,
} from './streamable-http-options.js';
import {
  classOfStatus,
  describe,
  inspectOutbound,
  redactHeaders,
  redactUrl,
  tooLarge,
} from './streamable-http-wire.js';

const ACCEPT_BOTH = 'application/json, text/event-stream';
const MAX_RESUME_DELAY_MS = 30_000;
const ERROR_PREVIEW_CHARS = 512;

/**
 * A channel over MCP's Streamable HTTP transport (spec revision 2025-06-18 and later), the client
 * side: each message is a POST answered with `application/json`, an SSE stream or 202; the
 * `Mcp-Session-Id` of the initialize response is sent on every later request, with the
 * negotiated `MCP-Protocol-Version`; the standalone GET stream carries server-initiated messages;
 * a dropped SSE stream is resumed with `Last-Event-ID`; `close()` ends the session with DELETE.
 * Built on `fetch` alone, so it runs wherever `fetch` and web streams do. The URL and options are
 * validated before any I/O (`INVALID_OPTIONS`).
 *
 * @example
 * const rpc = createJsonRpcConnection(
 *   createStreamableHttpChannel('https://api.example.com/mcp', { headers: { authorization: `Bearer ${token}` } }),
 *   { dialect: 'mcp' },
 * );
 */
export function createStreamableHttpChannel(
  url: string,
  options?: StreamableHttpChannelOptions,
): JsonRpcChannel {
  return new StreamableHttpChannel(
    resolveStreamableHttpOptions(url, options, 'createStreamableHttpChannel()'),
  );
}

/** One response stream's state: the requests it still owes and where to resume it. */
interface StreamState {
  readonly owed: Set<JsonRpcId>;
  readonly cursor: SseCursor;
}

class StreamableHttpChannel implements JsonRpcChannel {
  readonly #options: ResolvedStreamableHttpOptions;
  readonly #abort = new AbortController();
  #sink: JsonRpcChannelSink | undefined;
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #initializeId: JsonRpcId | undefined;
  #standaloneOpened = false;
  #ended: ExecutionError | undefined;
  #closing: Promise<void> | undefined;
  #reported = false;
  /** Set once the server turned out to speak the legacy HTTP+SSE transport: where to POST. */
  #legacyEndpoint: Promise<string> | undefined;

  constructor(options: ResolvedStreamableHttpOptions) {
    this.#options = options;
  }

  start(sink: JsonRpcChannelSink): void {
    if (this.#sink) throw new ExecutionError('ALREADY_STARTED', 'channel already started');
    this.#sink = sink;
  }

  send(text: string): Promise<void> {
    if (this.#ended) return Promise.reject(this.#ended);
    return this.#post(text);
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#ended ??= new ExecutionError('CHANNEL_CLOSED', 'channel closed', { failureClass: 'cancellation' });
    this.#abort.abort(this.#ended);
    if (this.#sessionId !== undefined && this.#legacyEndpoint === undefined) {
      // Ending the session is a courtesy: a server may answer 405, or be gone already.
      await this.#options
        .fetch(this.#options.url, {
          method: 'DELETE',
          headers: this.#headers({}),
          signal: AbortSignal.timeout(Math.max(1, this.#options.closeTimeoutMs)),
        })
        .then((response) => response.body?.cancel())
        .catch(() => {});
    }
    this.#report(undefined);
  }

  async #post(text: string): Promise<void> {
    if (this.#legacyEndpoint) return this.#postLegacy(text);
    const outbound = inspectOutbound(text);
    if (outbound.initializeId !== undefined) this.#initializeId = outbound.initializeId;
    const response = await this.#fetch('POST', text, {
      accept: ACCEPT_BOTH,
      'content-type': 'application/json',
    });
    const sessionId = response.headers.get('mcp-session-id');
    if (sessionId !== null && this.#sessionId === undefined) this.#sessionId = sessionId;
    if (
      !response.ok &&
      this.#options.legacyFallback &&
      outbound.initializeId !== undefined &&
      this.#sessionId === undefined &&
      (response.status === 400 || response.status === 404 || response.status === 405)
    ) {
      void response.body?.cancel().catch(() => {});
      this.#legacyEndpoint ??= this.#openLegacy();
      return this.#postLegacy(text);
    }
    if (!response.ok) throw await this.#statusError('POST', response);
    if (outbound.initialized) this.#openStandalone();
    const state: StreamState = {
      owed: new Set(outbound.requestIds),
      cursor: { lastEventId: undefined, retryMs: undefined },
    };
    const type = response.headers.get('content-type') ?? '';
    // The body is read after send() resolves: the request was taken; its answer arrives through the sink.
    if (type.startsWith('text/event-stream')) void this.#follow(response, state);
    else if (response.status === 202 || response.status === 204 || state.owed.size === 0)
      void response.body?.cancel();
    else void this.#readJson(response, state);
  }

  async #readJson(response: Response, state: StreamState): Promise<void> {
    try {
      const text = await response.text();
      if (text.length > this.#options.maxMessageBytes) throw tooLarge(this.#options.maxMessageBytes);
      await this.#deliver(text, state);
    } catch (error) {
      if (isExecutionError(error) && error.code === 'MESSAGE_TOO_LARGE') return this.#fail(error);
    }
    this.#lose(state, 'the JSON response did not answer every request of the POST');
  }

  // Reads an SSE stream to its end, resuming it with Last-Event-ID while it owes responses (or,
  // for the standalone stream, while the channel is open).
  async #follow(first: Response | undefined, state: StreamState, standalone = false): Promise<void> {
    let response: Response | undefined | 'stop' = first;
    let failures = 0;
    while (!this.#ended) {
      if (response !== undefined) {
        try {
          await readSseBody(
            response.body as ReadableStream<Uint8Array>,
            state.cursor,
            this.#options.maxMessageBytes,
            (data) => this.#deliver(data, state),
          );
        } catch (error) {
          if (isExecutionError(error) && error.code === 'MESSAGE_TOO_LARGE') return this.#fail(error);
        }
      }
      if (this.#ended || (!standalone && state.owed.size === 0)) return;
      if (!standalone && state.cursor.lastEventId === undefined) {
        return this.#lose(
          state,
          'the SSE stream ended before the response and sent no event id to resume from',
        );
      }
      if (failures >= this.#options.maxReconnects) {
        return this.#lose(state, `the SSE stream could not be resumed after ${failures} attempts`);
      }
      const delay =
        state.cursor.retryMs ??
        backoffDelay(failures + 1, {
          initialDelayMs: this.#options.reconnectDelayMs,
          maxDelayMs: MAX_RESUME_DELAY_MS,
        });
      await sleep(delay, this.#abort.signal).catch(() => {});
      if (this.#ended) return;
      response = await this.#resume(state.cursor.lastEventId);
      if (response === 'stop') return this.#lose(state, 'the server does not offer the stream to resume');
      failures = response ? 0 : failures + 1;
    }
  }

  // GET with Last-Event-ID: a stream, `undefined` for a failure worth retrying, 'stop' when the
  // server has no such stream (405) or the session is gone.
  async #resume(lastEventId: string | undefined): Promise<Response | undefined | 'stop'> {
    let response: Response;
    try {
      response = await this.#fetch('GET', undefined, {
        accept: 'text/event-stream',
        ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
      });
    } catch {
      return this.#ended ? 'stop' : undefined;
    }
    if (response.ok && (response.headers.get('content-type') ?? '').startsWith('text/event-stream'))
      return response;
    void response.body?.cancel().catch(() => {});
    if (response.status === 404 && this.#sessionId !== undefined) {
      this.#fail(await this.#statusError('GET', response));
      return 'stop';
    }
    return response.status === 405 || (response.status >= 400 && response.status < 500) ? 'stop' : undefined;
  }

  // The legacy transport: one GET stream carries every server message; its first event, `endpoint`,
  // names the URL each message is POSTed to.
  async #openLegacy(): Promise<string> {
    const response = await this.#fetch('GET', undefined, { accept: 'text/event-stream' });
    if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      throw await this.#statusError('GET', response);
    }
    const endpoint = Promise.withResolvers<string>();
    const state: StreamState = { owed: new Set(), cursor: { lastEventId: undefined, retryMs: undefined } };
    const onOther = (event: string, data: string) => {
      if (event === 'endpoint') endpoint.resolve(new URL(data, this.#options.url).href);
    };
    void readSseBody(
      response.body as ReadableStream<Uint8Array>,
      state.cursor,
      this.#options.maxMessageBytes,
      (data) => this.#deliver(data, state),
      onOther,
    ).then(
      () => this.#legacyEnded(undefined, endpoint.reject),
      (error: unknown) => this.#legacyEnded(error, endpoint.reject),
    );
    return endpoint.promise;
  }

  // Without its stream a legacy session is over: nothing more can come back.
  #legacyEnded(error: unknown, rejectEndpoint: (error: unknown) => void): void {
    const ended =
      isExecutionError(error) && error.code === 'MESSAGE_TOO_LARGE'
        ? error
        : new ExecutionError('CHANNEL_CLOSED', 'the legacy SSE stream ended', {
            failureClass: 'remote_disconnect',
          });
    rejectEndpoint(ended);
    this.#fail(ended);
  }

  async #postLegacy(text: string): Promise<void> {
    const endpoint = await (this.#legacyEndpoint as Promise<string>);
    let response: Response;
    try {
      response = await this.#options.fetch(endpoint, {
        method: 'POST',
        headers: this.#headers({ 'content-type': 'application/json' }),
        body: text,
        signal: this.#abort.signal,
      });
    } catch (error) {
      if (this.#ended) throw this.#ended;
      throw new ExecutionError('CONNECT_FAILED', `POST ${redactUrl(endpoint)} failed: ${describe(error)}`, {
        failureClass: 'transport_failed',
        details: { method: 'POST', url: redactUrl(endpoint) },
        cause: error,
      });
    }
    if (!response.ok) throw await this.#statusError('POST', response);
    void response.body?.cancel().catch(() => {});
  }

  #openStandalone(): void {
    if (!this.#options.standaloneStream || this.#standaloneOpened) return;
    this.#standaloneOpened = true;
    const state: StreamState = { owed: new Set(), cursor: { lastEventId: undefined, retryMs: undefined } };
    void (async () => {
      const response = await this.#resume(undefined);
      if (response === 'stop' || response === undefined) return;
      await this.#follow(response, state, true);
    })();
  }

  #deliver(text: string, state: StreamState): undefined | Promise<void> {
    if (this.#ended || !this.#sink) return undefined;
    if (state.owed.size > 0 || this.#protocolVersion === undefined) this.#noteResponses(text, state);
    return this.#sink.message(text);
  }

  // Crosses answered ids off the stream's debt and learns the negotiated protocol version.
  #noteResponses(text: string, state: StreamState): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      const m = message as Record<string, unknown> | null;
      if (m === null || typeof m !== 'object' || m.method !== undefined) continue;
      const id = m.id as JsonRpcId;
      state.owed.delete(id);
      if (id === this.#initializeId && this.#initializeId !== undefined) {
        const version = (m.result as { protocolVersion?: unknown } | undefined)?.protocolVersion;
        if (typeof version === 'string') this.#protocolVersion = version;
      }
    }
  }

  #lose(state: StreamState, why: string): void {
    if (this.#ended || state.owed.size === 0) return;
    for (const id of state.owed) {
      const error = new ExecutionError('RESPONSE_LOST', `no response to request ${id}: ${why}`, {
        failureClass: 'remote_disconnect',
        details: { id, url: redactUrl(this.#options.url), last_event_id: state.cursor.lastEventId ?? null },
      });
      if (this.#sink?.lost) this.#sink.lost(id, error);
    }
    state.owed.clear();
  }

  async #fetch(method: string, body: string | undefined, extra: Record<string, string>): Promise<Response> {
    const headers = this.#headers(extra);
    try {
      return await this.#options.fetch(this.#options.url, {
        method,
        headers,
        body,
        signal: this.#abort.signal,
      });
    } catch (error) {
      if (this.#ended) throw this.#ended;
      throw new ExecutionError(
        'CONNECT_FAILED',
        `${method} ${redactUrl(this.#options.url)} failed: ${describe(error)}`,
        {
          failureClass: 'transport_failed',
          details: { method, url: redactUrl(this.#options.url), request_headers: redactHeaders(headers) },
          cause: error,
        },
      );
    }
  }

  #headers(extra: Record<string, string>): Record<string, string> {
    const headers: Record<string, string> = { ...this.#options.headers, ...extra };
    if (this.#sessionId !== undefined) headers['mcp-session-id'] = this.#sessionId;
    if (this.#protocolVersion !== undefined) headers['mcp-protocol-version'] = this.#protocolVersion;
    return headers;
  }

  async #statusError(method: string, response: Response): Promise<ExecutionError> {
    const preview = await response.text().then(
      (text) => text.slice(0, ERROR_PREVIEW_CHARS),
      () => '',
    );
    const expired = response.status === 404 && this.#sessionId !== undefined;
    const error = new ExecutionError(
      'HTTP_STATUS',
      expired
        ? `the server no longer knows session ${this.#sessionId} (404): start a new session`
        : `${method} ${redactUrl(this.#options.url)} answered ${response.status}${preview ? `: ${preview}` : ''}`,
      {
        failureClass: classOfStatus(response.status),
        details: {
          method,
          status: response.status,
          url: redactUrl(this.#options.url),
          session_expired: expired,
          request_headers: redactHeaders(this.#headers({})),
          body_preview: preview,
        },
      },
    );
    // The session is gone: nothing sent on this channel can succeed any more.
    if (expired) this.#fail(error);
    return error;
  }

  #fail(error: ExecutionError): void {
    if (this.#ended) return;
    this.#ended = error;
    this.#abort.abort(error);
    this.#report(error);
  }

  #report(error: ExecutionError | undefined): void {
    if (this.#reported || !this.#sink) return;
    this.#reported = true;
    this.#sink.closed(error);
  }
}
