import type { PlacementCapabilities } from '../core/placements/capabilities.js';

/**
 * The one capability table of the execution surfaces: what the process lane implements on each
 * surface kind. Core's placement lookups (`surfaceCapabilities('ssh_exec')`) and the process
 * lane's capability gating both read it, so they cannot disagree. For `guest_bridge` it is the
 * most a bridge may grant; the attach handshake narrows it to the bridge's effective set.
 */
export const SURFACE_CAPABILITIES: Readonly<
  Record<'local_subprocess' | 'ssh_exec' | 'guest_bridge', Readonly<PlacementCapabilities>>
> = /* @__PURE__ */ Object.freeze({
  local_subprocess: {
    remote: false,
    startup_kind: 'spawn',
    path_semantics: 'local',
    supports_run: true,
    supports_streaming_stdio: true,
    supports_pty: true,
    // Switching users locally needs privileges this library does not take.
    supports_user: false,
    supports_env: true,
    supports_cwd: true,
    interrupt_kind: 'signal',
  },
  ssh_exec: {
    remote: true,
    startup_kind: 'spawn',
    path_semantics: 'remote',
    supports_run: true,
    supports_streaming_stdio: true,
    supports_pty: true,
    // The login user (`ssh -l`).
    supports_user: true,
    supports_env: true,
    supports_cwd: true,
    interrupt_kind: 'signal',
  },
  guest_bridge: {
    remote: true,
    startup_kind: 'bridge',
    path_semantics: 'guest',
    supports_run: true,
    supports_streaming_stdio: true,
    supports_pty: false,
    supports_user: true,
    supports_env: true,
    supports_cwd: true,
    interrupt_kind: 'rpc',
  },
} as const);
