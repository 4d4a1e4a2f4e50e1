import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { isExecutionError, parseOptions } from '../../src/core/index.js';

const Schema = z.strictObject({
  timeoutMs: z.optional(z.number().check(z.int(), z.positive())),
  retry: z.optional(z.strictObject({ maxRetries: z.number().check(z.int(), z.minimum(0)) })),
  headers: z.optional(z.record(z.string(), z.string())),
});

function thrown(input: unknown): { code?: string; message: string } {
  try {
    parseOptions(Schema, input, 'request()');
  } catch (error) {
    if (isExecutionError(error)) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('parseOptions', () => {
  it('returns the parsed value', () => {
    expect(parseOptions(Schema, { timeoutMs: 5 }, 'request()')).toEqual({ timeoutMs: 5 });
  });

  it('names the option path and the value received', () => {
    const error = thrown({ retry: { maxRetries: -1 } });
    expect(error.code).toBe('INVALID_OPTIONS');
    expect(error.message).toMatch(
      /^Invalid option `retry\.maxRetries` for request\(\): expected .+, got -1 \(number\)$/,
    );
    expect(thrown({ timeoutMs: 1.5 }).message).toMatch(/`timeoutMs`.*got 1\.5 \(number\)/);
    expect(thrown({ timeoutMs: '5' }).message).toMatch(/`timeoutMs`.*expected number, got "5" \(string\)/);
  });

  it('rejects unknown keys by name and suggests the nearest known key', () => {
    expect(thrown({ timeout: 5 }).message).toBe(
      'Invalid option `timeout` for request(): expected a known key, got an unknown key (did you mean `timeoutMs`?)',
    );
    expect(thrown({ header: {} }).message).toMatch(/`header`.*did you mean `headers`\?/);
    expect(thrown({ retry: { maxRetry: 1 } }).message).toMatch(
      /`retry\.maxRetry`.*did you mean `maxRetries`\?/,
    );
    // At the root the execution options are known keys too.
    expect(thrown({ signall: 1 }).message).toMatch(/did you mean `signal`\?/);
    expect(thrown({ zzzzzz: 1 }).message).not.toMatch(/did you mean/);
  });

  it('lists the accepted shapes of a union', () => {
    const Surface = z.strictObject({
      surface: z.union([
        z.strictObject({ kind: z.literal('local') }),
        z.strictObject({ kind: z.literal('ssh'), destination: z.string() }),
      ]),
      mode: z.optional(z.union([z.string(), z.number()])),
    });
    const message = (input: unknown) => {
      try {
        parseOptions(Surface, input, 'run()');
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(message({ surface: { kind: 'vm' } })).toBe(
      'Invalid option `surface` for run(): expected one of: { kind: "local", … } | { kind: "ssh", … }, got an object',
    );
    expect(message({ surface: { kind: 'local' }, mode: true })).toMatch(
      /expected one of: string \| number, got true/,
    );
  });

  it('never echoes credential values', () => {
    const error = thrown({ headers: { authorization: 42 } });
    expect(error.message).toContain('`headers.authorization`');
    expect(error.message).not.toContain('42');
    expect(error.message).toContain('[redacted]');
  });

  it('bounds long values in messages', () => {
    const error = thrown({ timeoutMs: 'x'.repeat(10_000) });
    expect(error.message.length).toBeLessThan(300);
  });
});
