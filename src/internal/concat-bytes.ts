// Buffer is faster where it exists (Node); the fallback keeps callers runtime-neutral.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** Joins chunks whose sizes add up to `total` into one array (the chunk itself when there is one). */
export function concatBytes(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  if (NodeBuffer) return NodeBuffer.concat(chunks, total);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
