import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/websocket/redact-url.js';

describe('redactUrl', () => {
  it('masks credential-like query values and keeps the rest', () => {
    expect(redactUrl('wss://api.example/rt?model=m&api_key=sk-1&Authorization=x&sig=abc#f')).toBe(
      'wss://api.example/rt?model=m&api_key=[redacted]&Authorization=[redacted]&sig=[redacted]#f',
    );
    expect(redactUrl('ws://h:81/p')).toBe('ws://h:81/p');
    expect(redactUrl('ws://h/p?flag&%E0%A4%A=1&access%5Ftoken=t')).toBe(
      'ws://h/p?flag&%E0%A4%A=1&access%5Ftoken=[redacted]',
    );
  });
});
