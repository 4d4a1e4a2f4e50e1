import { concatBytes } from '../internal/concat-bytes.js';
import type { BodyProgress, BodyReader } from './engine.js';

/**
 * Reads a body to its end into one buffer of at most `limit` bytes, touching `progress` per
 * chunk; past the limit the reader is cancelled and `progress.tooLarge()` thrown. The engines' path for a body
 * they cannot take in one piece (an encoded one, or fetch's without a small Content-Length).
 */
export async function readWhole(
  reader: BodyReader,
  limit: number,
  progress: BodyProgress,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let chunk = await reader.read(); chunk !== undefined; chunk = await reader.read()) {
    total += chunk.byteLength;
    if (total > limit) {
      reader.cancel();
      throw progress.tooLarge();
    }
    progress.touch();
    chunks.push(chunk);
  }
  return concatBytes(chunks, total);
}
