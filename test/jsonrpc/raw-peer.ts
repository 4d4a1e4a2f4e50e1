import type { JsonRpcChannel } from '../../src/jsonrpc/index.js';

type Message = Record<string, unknown>;

/** A peer that speaks raw JSON over one end of a channel, for driving the engine precisely. */
export interface RawPeer {
  /** Every message received, parsed, in order. */
  readonly received: Message[];
  send(message: unknown): void;
  sendText(text: string): void;
  /** Resolves with the first not yet taken message matching `predicate`, waiting if needed. */
  next(predicate?: (message: Message) => boolean): Promise<Message>;
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export function rawPeer(channel: JsonRpcChannel): RawPeer {
  const received: Message[] = [];
  const taken = new Set<Message>();
  let waiters: Array<{ predicate: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  const closed = Promise.withResolvers<void>();
  channel.start({
    message: (text) => {
      const message = JSON.parse(text) as Message;
      received.push(message);
      const waiter = waiters.find((w) => w.predicate(message));
      if (waiter) {
        taken.add(message);
        waiters = waiters.filter((w) => w !== waiter);
        waiter.resolve(message);
      }
      return undefined;
    },
    diagnostic: () => undefined,
    closed: () => closed.resolve(),
  });
  return {
    received,
    send: (message) => void channel.send(JSON.stringify(message)),
    sendText: (text) => void channel.send(text),
    next: (predicate = () => true) => {
      const found = received.find((m) => !taken.has(m) && predicate(m));
      if (found) {
        taken.add(found);
        return Promise.resolve(found);
      }
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    closed: closed.promise,
    close: () => channel.close(),
  };
}
