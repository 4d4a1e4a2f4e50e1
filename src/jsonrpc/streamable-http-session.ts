import { ExecutionError } from '../core/errors.js';
import type { JsonRpcChannel, JsonRpcChannelSink } from './channel.js';
import type { JsonRpcId } from './message.js';

/** Where the server writes: a POST's answer (SSE or JSON) or the standalone GET stream. */
export interface ServerStream {
  /** Writes one message; returns a promise when the socket needs draining. */
  write(text: string): undefined | Promise<void>;
  /** Ends the HTTP response. */
  end(): void;
  readonly open: boolean;
}

/** A POST's answer: the requests it owes and the stream that carries them. */
interface Owed {
  readonly stream: ServerStream;
  readonly ids: Set<JsonRpcId>;
}

/** Most server-initiated messages held while no stream is open to carry them. */
const MAX_HELD = 1_000;

/**
 * The server side of one Streamable HTTP session, as a {@link JsonRpcChannel}: inbound POST bodies
 * are fed to the connection; each response goes to the POST that carried its request (closing
 * that answer once it owes nothing), progress follows its token to the same POST, and other
 * server messages go to an open POST stream, else the standalone GET stream, else wait (bounded).
 */
export class ServerSessionChannel implements JsonRpcChannel {
  #sink: JsonRpcChannelSink | undefined;
  #backlog: string[] = [];
  readonly #byId = new Map<JsonRpcId, Owed>();
  readonly #byToken = new Map<string | number, JsonRpcId>();
  readonly #posts = new Set<Owed>();
  #standalone: ServerStream | undefined;
  #held: string[] = [];
  #closed = false;

  get closed(): boolean {
    return this.#closed;
  }

  /** True while a standalone GET stream is open. */
  get hasStandalone(): boolean {
    return this.#standalone?.open === true;
  }

  start(sink: JsonRpcChannelSink): void {
    if (this.#sink) throw new ExecutionError('ALREADY_STARTED', 'channel already started');
    this.#sink = sink;
    for (const text of this.#backlog.splice(0)) void sink.message(text);
  }

  /** One POST body: `requests` are the ids it owes answers to, on `stream`. */
  receive(
    text: string,
    requests: ReadonlyArray<{ id: JsonRpcId; token: unknown }>,
    stream?: ServerStream,
  ): void {
    if (stream && requests.length > 0) {
      const owed: Owed = { stream, ids: new Set() };
      for (const { id, token } of requests) {
        owed.ids.add(id);
        this.#byId.set(id, owed);
        if (typeof token === 'string' || typeof token === 'number') this.#byToken.set(token, id);
      }
      this.#posts.add(owed);
    }
    if (this.#sink) void this.#sink.message(text);
    else this.#backlog.push(text);
  }

  /** The client opened the standalone GET stream: held messages go out on it. */
  attachStandalone(stream: ServerStream): void {
    this.#standalone = stream;
    for (const text of this.#held.splice(0)) stream.write(text);
  }

  /** A POST's client went away: its requests' answers have nowhere to go. */
  detach(stream: ServerStream): void {
    for (const owed of this.#posts) if (owed.stream === stream) this.#forget(owed);
    if (this.#standalone === stream) this.#standalone = undefined;
  }

  send(text: string): undefined | Promise<void> {
    if (this.#closed) {
      return Promise.reject(
        new ExecutionError('CHANNEL_CLOSED', 'the HTTP session is closed', {
          failureClass: 'remote_disconnect',
        }),
      );
    }
    const route = routeOf(text);
    if (route.responseIds.length > 0) {
      const owed = this.#byId.get(route.responseIds[0] as JsonRpcId);
      if (!owed) return undefined; // the client left; nothing can carry it
      const wait = owed.stream.write(text);
      for (const id of route.responseIds) {
        owed.ids.delete(id);
        this.#byId.delete(id);
      }
      if (owed.ids.size === 0) {
        this.#forget(owed);
        owed.stream.end();
      }
      return wait;
    }
    const related = route.progressToken === undefined ? undefined : this.#byToken.get(route.progressToken);
    const target = (related === undefined ? undefined : this.#byId.get(related)?.stream) ?? this.#anyStream();
    if (target) return target.write(text);
    if (this.#held.length < MAX_HELD) this.#held.push(text);
    return undefined;
  }

  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    for (const owed of this.#posts) owed.stream.end();
    this.#posts.clear();
    this.#byId.clear();
    this.#standalone?.end();
    this.#sink?.closed();
    return Promise.resolve();
  }

  #anyStream(): ServerStream | undefined {
    let last: ServerStream | undefined;
    for (const owed of this.#posts) if (owed.stream.open) last = owed.stream;
    return last ?? (this.#standalone?.open ? this.#standalone : undefined);
  }

  #forget(owed: Owed): void {
    this.#posts.delete(owed);
    for (const id of owed.ids) this.#byId.delete(id);
    for (const [token, id] of this.#byToken) if (!this.#byId.has(id)) this.#byToken.delete(token);
  }
}

// What the routing needs of an outbound message: the ids it answers, or a progress token.
function routeOf(text: string): { responseIds: JsonRpcId[]; progressToken: string | number | undefined } {
  const route = { responseIds: [] as JsonRpcId[], progressToken: undefined as string | number | undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return route;
  }
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    const m = message as Record<string, unknown> | null;
    if (m === null || typeof m !== 'object') continue;
    if (m.method === undefined && (typeof m.id === 'string' || typeof m.id === 'number'))
      route.responseIds.push(m.id);
    else if (m.method === 'notifications/progress') {
      const token = (m.params as { progressToken?: unknown } | undefined)?.progressToken;
      if (typeof token === 'string' || typeof token === 'number') route.progressToken = token;
    }
  }
  return route;
}
