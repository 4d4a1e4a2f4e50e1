import type { Duplex } from 'node:stream';

/** Runs the command on this machine (`node:child_process` underneath). */
export interface LocalSurfaceOptions {
  readonly kind: 'local';
}

/** Runs the command on another host through the system OpenSSH client (`BatchMode`, strict host keys). */
export interface SshSurfaceOptions {
  readonly kind: 'ssh';
  /** Host name or `user@host`; never starts with `-` and has no spaces, so it cannot pass as an ssh option. */
  readonly destination: string;
  /**
   * Remote sshd port.
   * @defaultValue the client's (22 unless ssh_config says otherwise)
   */
  readonly port?: number | undefined;
  /**
   * Private key file (`-i`); `IdentitiesOnly=yes` is set with it.
   * @defaultValue the client's keys and agent
   */
  readonly identityFile?: string | undefined;
  /**
   * known_hosts file checked with `StrictHostKeyChecking=yes` (`UserKnownHostsFile`).
   * @defaultValue the client's known_hosts
   */
  readonly knownHostsFile?: string | undefined;
  /**
   * Extra `-o Key=Value` options; they come first, so they override the defaults.
   * @defaultValue none
   */
  readonly sshOptions?: Readonly<Record<string, string>> | undefined;
  /**
   * Extra raw ssh arguments placed before the destination.
   * @defaultValue none
   */
  readonly sshArgs?: readonly string[] | undefined;
  /**
   * The ssh client binary.
   * @defaultValue `ssh` from PATH
   */
  readonly sshPath?: string | undefined;
  /**
   * `ConnectTimeout`, in seconds (1–3600).
   * @defaultValue 10 ({@link processDefaults}.sshConnectTimeoutSeconds)
   */
  readonly connectTimeoutSeconds?: number | undefined;
}

/** Opens a duplex byte stream to a guest bridge (a socket, a child's stdio, a vsock …). */
export type BridgeConnector = () => Duplex | Promise<Duplex>;

/** Where a guest bridge listens. */
export type BridgeEndpoint =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

/** Runs the command inside a guest through a length-prefixed JSON bridge. Give `endpoint` or `connect`. */
export interface GuestSurfaceOptions {
  readonly kind: 'guest';
  /** Which bridge this is (echoed in the attach handshake). */
  readonly bridgeRef: string;
  /**
   * Where the bridge listens: a unix socket path or a tcp host and port. Exactly one of
   * `endpoint` and `connect`.
   * @defaultValue none
   */
  readonly endpoint?: BridgeEndpoint | undefined;
  /**
   * Or any duplex stream to the bridge.
   * @defaultValue none
   */
  readonly connect?: BridgeConnector | undefined;
  /**
   * Profile both sides must agree on.
   * @defaultValue `'core_cli_transport'`
   */
  readonly bridgeProfile?: string | undefined;
  /**
   * Attach credential sent in the handshake; never logged or echoed.
   * @defaultValue none
   */
  readonly attachToken?: string | undefined;
  /**
   * Protocol versions offered.
   * @defaultValue `[1]`
   */
  readonly supportedProtocolVersions?: readonly number[] | undefined;
  /**
   * Opaque data for the bridge.
   * @defaultValue `{}`
   */
  readonly extensions?: Readonly<Record<string, unknown>> | undefined;
  /**
   * Milliseconds to open the bridge connection.
   * @defaultValue 5000 ({@link processDefaults}.bridgeConnectTimeoutMs)
   */
  readonly connectTimeoutMs?: number | undefined;
  /**
   * Milliseconds the bridge has to answer one request.
   * @defaultValue 5000 ({@link processDefaults}.bridgeRequestTimeoutMs)
   */
  readonly requestTimeoutMs?: number | undefined;
  /**
   * Largest frame accepted from the bridge, in bytes.
   * @defaultValue 8 MiB ({@link processDefaults}.maxBridgeFrameBytes)
   */
  readonly maxFrameBytes?: number | undefined;
}

/** Where a command runs (the `surface` option). */
export type SurfaceOptions = LocalSurfaceOptions | SshSurfaceOptions | GuestSurfaceOptions;

/** Names of the surfaces. */
export type SurfaceKind = SurfaceOptions['kind'];
