import { describe, expect, it } from 'vitest';
import { httpReferenceWire } from '../../src/http/reference-payload.js';
import { processReferenceWire } from '../../src/process/reference-payload.js';
import { sseReferenceWire } from '../../src/sse/reference-payload.js';
import { websocketReferenceWire } from '../../src/websocket/reference-payload.js';

describe("each lane's own keys come from its schema", () => {
  it.each([
    ['process', processReferenceWire, ['command', 'args', 'clearEnv', 'surface']],
    ['http', httpReferenceWire, ['url', 'responseType', 'timeouts', 'agents']],
    ['sse', sseReferenceWire, ['url', 'idleTimeoutMs', 'reconnect']],
    ['websocket', websocketReferenceWire, ['url', 'handshakeTimeoutMs', 'send', 'binaryEncoding']],
  ] as const)('%s', (_, wire, some) => {
    for (const key of some) expect(wire.ownKeys.has(key)).toBe(true);
    // No key of this package's shape is a marker of the reference's.
    for (const key of wire.ownKeys) expect(key.includes('_') && !wire.referenceKeys.has(key)).toBe(false);
  });
});
