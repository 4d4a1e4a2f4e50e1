import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Kvm } from '@nats-io/kv';
import type { connect, createInbox, credsAuthenticator, headers } from '@nats-io/transport-node';
import { ExecutionError } from '../../core/errors.js';

/** The parts of the optional NATS peers the fleet uses, loaded on first use. */
export interface NatsModules {
  readonly connect: typeof connect;
  readonly credsAuthenticator: typeof credsAuthenticator;
  readonly headers: typeof headers;
  readonly createInbox: typeof createInbox;
  readonly jetstream: (nc: NatsConnection) => JetStreamClient;
  readonly jetstreamManager: (nc: NatsConnection) => Promise<JetStreamManager>;
  readonly Kvm: typeof Kvm;
}

/** A NATS connection (the transport's own type). */
export type NatsConnection = Awaited<ReturnType<typeof connect>>;

const PEERS = '@nats-io/transport-node @nats-io/jetstream @nats-io/kv';

let loading: Promise<NatsModules> | undefined;

/**
 * Loads the optional peers `@nats-io/transport-node`, `@nats-io/jetstream` and `@nats-io/kv` on
 * first use. Without them, rejects with `PEER_DEPENDENCY_MISSING` naming the install command.
 */
export function loadNats(): Promise<NatsModules> {
  loading ??= Promise.all([
    import('@nats-io/transport-node' as string),
    import('@nats-io/jetstream' as string),
    import('@nats-io/kv' as string),
  ]).then(
    ([transport, js, kv]) => ({
      connect: transport.connect,
      credsAuthenticator: transport.credsAuthenticator,
      headers: transport.headers,
      createInbox: transport.createInbox,
      jetstream: js.jetstream,
      jetstreamManager: js.jetstreamManager,
      Kvm: kv.Kvm,
    }),
    (cause: unknown) => {
      loading = undefined;
      throw new ExecutionError(
        'PEER_DEPENDENCY_MISSING',
        `A fleet on NATS needs the optional peer dependencies ${PEERS}: run \`npm install ${PEERS}\``,
        { failureClass: 'launch_failed', details: { peer: PEERS, install: `npm install ${PEERS}` }, cause },
      );
    },
  );
  return loading;
}
