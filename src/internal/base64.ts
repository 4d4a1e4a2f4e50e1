/**
 * Base64 for the runtime-neutral lanes (websocket, jsonrpc): Node's Buffer where it exists,
 * because it is faster there; `btoa`/`atob`, which every browser, worker, Deno and Bun has,
 * elsewhere.
 */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

// btoa takes a "binary string"; building it in slices keeps the argument list of
// String.fromCharCode under every engine's limit.
const SLICE = 0x8000;

/** The standard (padded) base64 text of `bytes`. */
export function toBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}

/** The bytes of standard base64 `text` (a Buffer on Node). */
export function fromBase64(text: string): Uint8Array {
  if (NodeBuffer) return NodeBuffer.from(text, 'base64');
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
