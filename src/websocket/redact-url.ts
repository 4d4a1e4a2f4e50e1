import { isCredentialName } from '../internal/redact.js';

// Query parameters that commonly carry credentials in WebSocket URLs (tokens for browser clients).
const SENSITIVE = /token|key|secret|auth|pass|sig|session|credential|code/i;

/**
 * The URL as it may appear in events and outcomes: values of credential-like query parameters
 * are replaced by `[redacted]`; userinfo never reaches here (the options refuse it).
 *
 * @example
 * redactUrl('wss://api.example/rt?model=m&api_key=sk-1'); // 'wss://api.example/rt?model=m&api_key=[redacted]'
 */
export function redactUrl(value: string): string {
  const url = new URL(value);
  if (url.search === '') return url.href;
  const parts = url.search
    .slice(1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      return eq !== -1 && isSensitive(safeDecode(name)) ? `${name}=[redacted]` : pair;
    });
  return `${url.origin}${url.pathname}?${parts.join('&')}${url.hash}`;
}

// The shared policy's credential names, plus what WebSocket URLs also use (`sig`, OAuth `code`).
function isSensitive(name: string): boolean {
  return SENSITIVE.test(name) || isCredentialName(name);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
