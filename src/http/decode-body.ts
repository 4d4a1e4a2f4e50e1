import { ExecutionError } from '../core/errors.js';
import { httpDefaults } from './limits.js';
import type { ResponseType } from './options.js';

const utf8 = new TextDecoder();

/** The first `httpDefaults.bodyPreviewBytes` of a body as text, for failure details. */
export function bodyPreview(bytes: Uint8Array): string {
  return utf8.decode(bytes.subarray(0, httpDefaults.bodyPreviewBytes));
}

/**
 * Converts body bytes per `responseType`. Invalid JSON throws `protocol_framing_failed` with a
 * bounded preview; an empty body is `null` as JSON.
 */
export function decodeBody(bytes: Uint8Array, type: Exclude<ResponseType, 'stream'>): unknown {
  if (type === 'bytes') return bytes;
  const text = utf8.decode(bytes);
  if (type === 'text') return text;
  return parseJson(text, () => bodyPreview(bytes));
}

/** Parses a JSON body's text: `null` when empty, `HTTP_INVALID_JSON` with a preview when invalid. */
export function parseJson(text: string, preview: () => string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ExecutionError('HTTP_INVALID_JSON', 'response body is not valid JSON', {
      failureClass: 'protocol_framing_failed',
      details: { body_preview: preview() },
      cause,
    });
  }
}
