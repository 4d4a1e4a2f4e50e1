import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExecutionError } from '../../src/core/index.js';
import { surfaceCapabilities } from '../../src/process/capabilities.js';
import { type AttachOffer, attachPayload, validateAttach } from '../../src/process/guest-attach.js';
import { encodeFrame, FrameDecoder } from '../../src/process/guest-codec.js';
import { capabilitiesFromWire, capabilitiesToWire, readMessage } from '../../src/process/guest-protocol.js';
import { codeOf } from './support/errors.js';

const offer: AttachOffer = {
  bridgeProfile: 'core_cli_transport',
  bridgeRef: 'bridge-1',
  supportedProtocolVersions: [1],
  attachToken: 'secret',
  extensions: {},
  required: ['streaming_stdio', 'cwd'],
  maximum: surfaceCapabilities('guest'),
};
const granted = capabilitiesToWire(surfaceCapabilities('guest'));

describe('bridge frame codec', () => {
  it('prefixes the JSON with its 4-byte big-endian length', () => {
    const frame = encodeFrame({ a: 'é' });
    expect(frame.readUInt32BE(0)).toBe(frame.length - 4);
    expect(frame.subarray(4).toString()).toBe('{"a":"é"}');
  });

  it('decodes any sequence of frames split at any points', () => {
    const message = fc.dictionary(
      fc.string({ maxLength: 5 }),
      fc.oneof(fc.string({ unit: 'binary' }), fc.integer()),
    );
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (messages, cuts) => {
          const bytes = Buffer.concat(messages.map(encodeFrame));
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const decoder = new FrameDecoder(1 << 20);
          const out: unknown[] = [];
          let from = 0;
          for (const p of [...points, bytes.length]) {
            out.push(...decoder.push(bytes.subarray(from, p)));
            from = p;
          }
          expect(out).toEqual(messages.map((m) => JSON.parse(JSON.stringify(m))));
        },
      ),
    );
  });

  it('rejects oversized frames before buffering them, and non-object or invalid JSON', () => {
    const big = Buffer.alloc(4);
    big.writeUInt32BE(1025);
    expect(codeOf(() => new FrameDecoder(1024).push(big))).toBe('BRIDGE_PROTOCOL_ERROR');
    const array = Buffer.from('[1]');
    const arrayFrame = Buffer.concat([Buffer.from([0, 0, 0, array.length]), array]);
    expect(codeOf(() => new FrameDecoder(1024).push(arrayFrame))).toBe('BRIDGE_PROTOCOL_ERROR');
    const bad = Buffer.from('{nope');
    expect(
      codeOf(() => new FrameDecoder(1024).push(Buffer.concat([Buffer.from([0, 0, 0, bad.length]), bad]))),
    ).toBe('BRIDGE_PROTOCOL_ERROR');
  });
});

describe('bridge messages and capabilities', () => {
  it('classifies responses and events and ignores other kinds', () => {
    expect(
      readMessage({ v: 1, kind: 'response', id: '1', ok: true, payload: { a: 1 }, error: null }),
    ).toMatchObject({
      kind: 'response',
      id: '1',
      ok: true,
      payload: { a: 1 },
    });
    expect(readMessage({ v: 1, kind: 'event', event: 'stdout', payload: { data: 'aGk=' } })).toMatchObject({
      kind: 'event',
      event: 'stdout',
    });
    expect(readMessage({ v: 1, kind: 'ping' })).toEqual({ kind: 'other' });
    expect(codeOf(() => readMessage({ kind: 'response', ok: true }))).toBe('BRIDGE_PROTOCOL_ERROR');
  });

  it('round-trips capabilities through the wire form and defaults missing keys', () => {
    const caps = surfaceCapabilities('guest');
    expect(capabilitiesFromWire(capabilitiesToWire(caps))).toEqual(caps);
    expect(granted['supports_pty?']).toBe(false);
    expect(capabilitiesFromWire({})).toMatchObject({
      remote: false,
      startup_kind: 'spawn',
      interrupt_kind: 'none',
    });
    expect(codeOf(() => capabilitiesFromWire({ startup_kind: 'provider_spawn' }))).toBe(
      'BRIDGE_PROTOCOL_ERROR',
    );
  });

  it('sends requirements, the maximum and the token in the attach payload', () => {
    const payload = attachPayload(offer);
    expect(payload.required_capabilities).toEqual({
      'supports_streaming_stdio?': true,
      'supports_cwd?': true,
    });
    expect(payload.optional_capabilities).toEqual(granted);
    expect(payload.attach_token).toBe('secret');
  });

  it('validates the attach response in order: profile, version, subset, requirements', () => {
    const ok = {
      bridge_profile: 'core_cli_transport',
      protocol_version: 1,
      effective_capabilities: granted,
      bridge_session_ref: 's-1',
    };
    expect(validateAttach(ok, offer)).toMatchObject({ bridgeSessionRef: 's-1', protocolVersion: 1 });
    expect(codeOf(() => validateAttach({ ...ok, bridge_profile: 'other' }, offer))).toBe(
      'BRIDGE_PROFILE_MISMATCH',
    );
    expect(codeOf(() => validateAttach({ ...ok, protocol_version: 2 }, offer))).toBe(
      'BRIDGE_VERSION_UNSUPPORTED',
    );
    expect(
      codeOf(() =>
        validateAttach({ ...ok, effective_capabilities: { ...granted, 'supports_pty?': true } }, offer),
      ),
    ).toBe('BRIDGE_CAPABILITY_SUPERSET');
    try {
      validateAttach({ ...ok, effective_capabilities: { ...granted, 'supports_cwd?': false } }, offer);
      expect.unreachable();
    } catch (error) {
      // The missing capability is named, not the first requirement (a reference quirk).
      expect(isExecutionError(error) && error.details.capability).toBe('cwd');
      expect(isExecutionError(error) && error.failureClass).toBe('placement_unavailable');
    }
  });
});
