import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { openBridgeStream } from './bridge-connect.js';
import { requiredCapabilities, type SurfaceCapabilities, surfaceCapabilities } from './capabilities.js';
import type { ChildExit, ChildPort } from './child-port.js';
import { sessionClosed, unsupportedCapability } from './errors.js';
import { exitFacts } from './exit-facts.js';
import { type AttachOffer, type AttachResult, attachPayload, validateAttach } from './guest-attach.js';
import { BridgeClient } from './guest-client.js';
import type { BridgeEvent } from './guest-protocol.js';
import { processDefaults } from './limits.js';
import type { ProcessSettings } from './settings.js';
import type { GuestSurfaceOptions } from './surface-options.js';

/**
 * Starts a process inside a guest through its bridge: connect, `attach` (profile, version and
 * capability check), then `start_session`. Output and exit arrive as bridge events; one-shot runs
 * use the same streaming session, so stdin, timeouts and events work for them too.
 */
export async function startGuestChild(
  settings: ProcessSettings,
  surface: GuestSurfaceOptions,
  signal: AbortSignal,
): Promise<ChildPort> {
  const stream = await openBridgeStream(surface, signal);
  const child = new GuestChild(stream, surface);
  try {
    await child.open(settings, surface);
  } catch (error) {
    child.kill();
    throw error;
  }
  return child;
}

class GuestChild implements ChildPort {
  readonly pid = undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  readonly exited: Promise<ChildExit>;
  #client: BridgeClient;
  #capabilities: SurfaceCapabilities | undefined;
  #attach: AttachResult | undefined;
  #pending = 0;
  #resolveExit!: (exit: ChildExit) => void;
  #done = false;

  constructor(stream: Duplex, surface: GuestSurfaceOptions) {
    const resume = () => this.#client.resume();
    this.stdout = new Readable({ read: resume });
    this.stderr = new Readable({ read: resume });
    this.exited = new Promise((resolve) => {
      this.#resolveExit = resolve;
    });
    this.#client = new BridgeClient(stream, {
      requestTimeoutMs: surface.requestTimeoutMs ?? processDefaults.bridgeRequestTimeoutMs,
      maxFrameBytes: surface.maxFrameBytes ?? processDefaults.maxBridgeFrameBytes,
      onEvent: (event) => this.#onEvent(event),
      onClose: () => this.#finish({ exit_code: null, signal: null, disconnected: true }),
    });
  }

  /** The bridge's session ref, once attached. */
  get bridgeSessionRef(): string | null {
    return this.#attach?.bridgeSessionRef ?? null;
  }

  get pendingWriteBytes(): number {
    return this.#pending;
  }

  async open(settings: ProcessSettings, surface: GuestSurfaceOptions): Promise<void> {
    const offer: AttachOffer = {
      bridgeProfile: surface.bridgeProfile ?? processDefaults.bridgeProfile,
      bridgeRef: surface.bridgeRef,
      supportedProtocolVersions: surface.supportedProtocolVersions ?? processDefaults.bridgeProtocolVersions,
      attachToken: surface.attachToken,
      extensions: surface.extensions ?? {},
      required: requiredCapabilities({
        session: settings.mode === 'session',
        pty: settings.pty !== null,
        user: settings.user !== undefined,
        env: settings.clearEnv || (settings.env !== undefined && Object.keys(settings.env).length > 0),
        cwd: settings.cwd !== undefined,
      }),
      maximum: surfaceCapabilities('guest'),
    };
    this.#attach = validateAttach(await this.#client.request('attach', attachPayload(offer)), offer);
    this.#capabilities = this.#attach.capabilities;
    const launch: Record<string, unknown> = { command: settings.command, args: settings.args };
    if (settings.cwd !== undefined) launch.cwd = settings.cwd;
    if (settings.env !== undefined && Object.keys(settings.env).length > 0) launch.env = settings.env;
    // The reference's wire key keeps its Elixir question mark.
    if (settings.clearEnv) launch['clear_env?'] = true;
    if (settings.user !== undefined) launch.user = settings.user;
    await this.#client.request('start_session', launch);
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.#done) throw sessionClosed('write');
    this.#pending += data.length;
    try {
      await this.#client.request('stdin', { data: Buffer.from(data).toString('base64') });
    } finally {
      this.#pending -= data.length;
    }
  }

  async end(): Promise<void> {
    if (this.#done) return;
    await this.#client.request('stdin_eof', {});
  }

  async interrupt(): Promise<void> {
    if (this.#done) throw sessionClosed('interrupt');
    if (this.#capabilities?.interrupt_kind !== 'rpc') throw unsupportedCapability('interrupt', 'guest');
    await this.#client.request('interrupt', {});
  }

  signal(signal: string): void {
    if (!this.#done) this.#client.request('close', { signal }).catch(() => {});
  }

  kill(): void {
    this.#client.destroy();
  }

  // The bridge owns the tree inside the guest.
  reap(): void {}

  resize(): void {
    throw unsupportedCapability('pty', 'guest');
  }

  release(): void {
    this.#client.closeWith('close', {});
  }

  #onEvent(event: BridgeEvent): void {
    const { payload } = event;
    if (event.event === 'stdout' || event.event === 'stderr') {
      if (this.#done || typeof payload.data !== 'string') return;
      const target = event.event === 'stdout' ? this.stdout : this.stderr;
      if (!target.push(Buffer.from(payload.data, 'base64'))) this.#client.pause();
      return;
    }
    if (event.event === 'exit') {
      const code = typeof payload.code === 'number' ? payload.code : null;
      const signal =
        typeof payload.signal === 'string' || typeof payload.signal === 'number' ? payload.signal : null;
      this.#finish(exitFacts(code, signal));
    }
  }

  #finish(exit: ChildExit): void {
    if (this.#done) return;
    this.#done = true;
    this.stdout.push(null);
    this.stderr.push(null);
    this.#resolveExit(exit);
  }
}
