import {
  type Capability,
  isCapabilitySubset,
  missingCapability,
  type SurfaceCapabilities,
} from './capabilities.js';
import { processError, unsupportedCapability } from './errors.js';
import { capabilitiesFromWire, capabilitiesToWire, protocolError } from './guest-protocol.js';

/** What our side offers and needs in the attach handshake. */
export interface AttachOffer {
  readonly bridgeProfile: string;
  readonly bridgeRef: string;
  readonly supportedProtocolVersions: readonly number[];
  readonly attachToken: string | undefined;
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Capabilities this request needs. */
  readonly required: readonly Capability[];
  /** The most the bridge may grant. */
  readonly maximum: SurfaceCapabilities;
}

/** The session the bridge granted. */
export interface AttachResult {
  readonly bridgeSessionRef: string | null;
  readonly protocolVersion: number;
  readonly capabilities: SurfaceCapabilities;
  readonly extensions: Readonly<Record<string, unknown>>;
}

/** The `attach` request payload. */
export function attachPayload(offer: AttachOffer): Record<string, unknown> {
  return {
    bridge_profile: offer.bridgeProfile,
    supported_protocol_versions: offer.supportedProtocolVersions,
    required_capabilities: Object.fromEntries(offer.required.map((c) => [`supports_${c}?`, true])),
    optional_capabilities: capabilitiesToWire(offer.maximum),
    bridge_ref: offer.bridgeRef,
    attach_token: offer.attachToken ?? null,
    target_id: null,
    lease_ref: null,
    surface_ref: null,
    boundary_class: null,
    extensions: offer.extensions,
  };
}

/**
 * Checks an attach response in the reference's order: profile, protocol version, capabilities
 * parse, capabilities within the maximum, requirements met. Unlike the reference, a missing
 * capability is reported by its own name, not the first key of the requirements.
 */
export function validateAttach(payload: Record<string, unknown>, offer: AttachOffer): AttachResult {
  if (payload.bridge_profile !== offer.bridgeProfile) {
    throw processError(
      'BRIDGE_PROFILE_MISMATCH',
      'the bridge answered with another profile',
      'launch_failed',
      {
        expected: offer.bridgeProfile,
        received: String(payload.bridge_profile),
      },
    );
  }
  const version = payload.protocol_version;
  if (typeof version !== 'number' || !offer.supportedProtocolVersions.includes(version)) {
    throw processError(
      'BRIDGE_VERSION_UNSUPPORTED',
      'the bridge chose an unsupported protocol version',
      'launch_failed',
      {
        supported: offer.supportedProtocolVersions,
        received: String(version),
      },
    );
  }
  const capabilities = capabilitiesFromWire(payload.effective_capabilities);
  if (!isCapabilitySubset(capabilities, offer.maximum)) {
    throw processError(
      'BRIDGE_CAPABILITY_SUPERSET',
      'the bridge granted capabilities beyond the guest surface',
      'launch_failed',
      {
        effective_capabilities: capabilitiesToWire(capabilities),
      },
    );
  }
  const missing = missingCapability(capabilities, offer.required);
  if (missing) throw unsupportedCapability(missing, 'guest');
  const ref = payload.bridge_session_ref;
  if (ref !== undefined && ref !== null && typeof ref !== 'string') {
    throw protocolError('bridge_session_ref is not a string');
  }
  const extensions = payload.extensions;
  return {
    bridgeSessionRef: ref ?? null,
    protocolVersion: version,
    capabilities,
    extensions:
      typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>) : {},
  };
}
