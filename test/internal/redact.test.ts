import { describe, expect, it } from 'vitest';
import {
  createRedactor,
  DEFAULT_MAX_STRING_CHARS,
  isCredentialName,
  REDACTED,
  redactArgv,
  redactEnv,
  redactHeaders,
  withholdReceived,
} from '../../src/internal/redact.js';

describe('the redaction policy', () => {
  it('recognises credential-looking names in every spelling', () => {
    for (const name of [
      'authorization',
      'x-auth-token',
      'api-key',
      'x-goog-api-key',
      'private-token',
      'x-amz-security-token',
      'Cookie',
      'SESSION_ID',
      'client_secret',
      'DB_PASSWORD',
      'x-signature',
      'aws_credentials',
    ]) {
      expect(isCredentialName(name), name).toBe(true);
    }
    for (const name of ['content-type', 'HOME', 'lane_id', 'execution_ref', 'q']) {
      expect(isCredentialName(name), name).toBe(false);
    }
  });

  it('scrubs listed secrets wherever they are: plain, percent-encoded, JSON-escaped', () => {
    const redact = createRedactor({ secrets: ['hunter2!', 'a"b\\c'] });
    expect(redact.scrub('pw=hunter2! or hunter2%21 done')).toBe(`pw=${REDACTED} or ${REDACTED} done`);
    expect(redact.scrub(JSON.stringify({ v: 'a"b\\c' }))).toBe(`{"v":"${REDACTED}"}`);
    expect(createRedactor({ secrets: ['abc'] }).scrub('abc')).toBe('abc'); // too short to scrub
  });

  it('withholds by name in records, headers, env, argv and URLs', () => {
    const redact = createRedactor({ secrets: ['plain-secret'] });
    expect(
      redact.record({ api_key: 'k', tokens_used: 3, nested: [{ Password: { x: 1 } }], note: 'plain-secret' }),
    ).toEqual({
      api_key: REDACTED,
      tokens_used: 3,
      nested: [{ Password: REDACTED }],
      note: REDACTED,
    });
    expect(
      redactHeaders(redact, { 'x-auth-token': 't', accept: 'plain-secret', 'set-cookie': ['a', 'b'] }),
    ).toEqual({
      'x-auth-token': REDACTED,
      accept: REDACTED,
      'set-cookie': REDACTED,
    });
    expect(redactEnv(redact, { GITHUB_TOKEN: 'g', HOME: '/root', GREETING: 'plain-secret' })).toEqual({
      GITHUB_TOKEN: REDACTED,
      HOME: '/root',
      GREETING: REDACTED,
    });
    expect(redactArgv(redact, ['--password', 'p', '--api-key=k', 'run', 'plain-secret', '-v'])).toEqual([
      '--password',
      REDACTED,
      `--api-key=${REDACTED}`,
      'run',
      REDACTED,
      '-v',
    ]);
    const url = redact.url('https://user:pw@api.example.com/plain-secret?access_token=t&page=2');
    expect(url).not.toMatch(/user|pw@|=t&|plain-secret/);
    expect(url).toContain('page=2');
  });

  it('withholds credential pairs and schemes in free text, and caps it', () => {
    const redact = createRedactor();
    expect(redact.text('Authorization: Bearer abc.def-123 and api_key=zzz, "password":"p1"')).toBe(
      `Authorization: Bearer ${REDACTED} and api_key=${REDACTED}, "password":"${REDACTED}"`,
    );
    const long = redact.text('x'.repeat(DEFAULT_MAX_STRING_CHARS + 10));
    expect(long).toBe(`${'x'.repeat(DEFAULT_MAX_STRING_CHARS)}…[+10 chars]`);
  });

  it('survives hostile records: cycles, depth, throwing getters', () => {
    const redact = createRedactor();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redact.record(cyclic)).toEqual({ a: 1, self: '[circular]' });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100; i++) deep = { d: deep };
    expect(JSON.stringify(redact.record(deep))).toContain('[truncated]');
    const hostile = Object.defineProperty({}, 'x', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(redact.record(hostile)).toBe('[unreadable]');
  });

  it('gives the same answer for a string seen before, short or long, and shares nothing between records', () => {
    const redact = createRedactor({ secrets: ['s3cr3t-value'] });
    const long = `x-api-token=abc ${'y'.repeat(200)} Bearer abcdef`;
    for (let i = 0; i < 3; i++) {
      expect(redact.text('api_key: abc')).toBe('api_key: [redacted]');
      expect(redact.text('sha256:0123abcdef')).toBe('sha256:0123abcdef');
      expect(redact.text('id=s3cr3t-value')).toBe('id=[redacted]');
      expect(redact.text(long)).toBe(`x-api-token=[redacted] ${'y'.repeat(200)} Bearer [redacted]`);
    }
    // More distinct strings than the remembered ones: answers stay right after the memo resets.
    for (let i = 0; i < 2_100; i++)
      expect(redact.text(`ref-${i}:token=${i}`)).toBe(`ref-${i}:token=[redacted]`);
    const shared = { a: 1 };
    expect(redact.record({ x: shared, y: shared, z: [shared, shared] })).toEqual({
      x: { a: 1 },
      y: { a: 1 },
      z: [{ a: 1 }, { a: 1 }],
    });
  });

  it('withholds the received value of validation messages, keeping the field', () => {
    expect(withholdReceived('lane_id must be a non-empty string, got: "s3cr3t" (at request.lane_id)')).toBe(
      'lane_id must be a non-empty string, got: [withheld] (at request.lane_id)',
    );
    expect(withholdReceived('Invalid option `cwd`: expected a string, got "s3\\"cr3t" (string)')).toBe(
      'Invalid option `cwd`: expected a string, got [withheld] (string)',
    );
  });
});
