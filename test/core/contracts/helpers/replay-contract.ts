import { decodeContract, encodeContract } from '../../../../src/core/contracts/codec.js';
import type { DecodableTag } from '../../../../src/core/contracts/registry.js';
import { isExecutionError } from '../../../../src/core/errors.js';

/** What this codec answers for one recorded input. */
export type CodecAnswer = { ok: true; json: string } | { ok: false; reason: string };

/** Decodes `input` as `tag` and re-encodes it, as the recorder did with the reference. */
export function replayContract(tag: string, input: string): CodecAnswer {
  try {
    return { ok: true, json: encodeContract(decodeContract(input, tag as DecodableTag)) };
  } catch (error) {
    if (!isExecutionError(error)) throw error;
    const details = error.details as { reason?: string } | undefined;
    return { ok: false, reason: details?.reason ?? error.message };
  }
}
