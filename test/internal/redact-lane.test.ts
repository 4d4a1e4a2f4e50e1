import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defineLane } from '../../src/core/define-lane.js';
import { ExecutionError, isExecutionError } from '../../src/core/errors.js';
import { parseOptions } from '../../src/core/parse-options.js';
import { startExecution } from '../../src/core/start-execution.js';
import { createRedactor } from '../../src/internal/redact.js';
import {
  credentialFlagValues,
  credentialValues,
  redactPlanError,
  secretsOption,
  withholdUserInfo,
  withRedaction,
} from '../../src/internal/redact-lane.js';

describe('the shared redaction edge', () => {
  it('secretsOption refuses a value shorter than 4 characters without quoting it', () => {
    const schema = z.strictObject({ secrets: secretsOption() });
    expect(parseOptions(schema, { secrets: ['abcd'] }, 'x()')).toEqual({ secrets: ['abcd'] });
    try {
      parseOptions(schema, { secrets: ['abcdef', 'ab'] }, 'x()');
      expect.unreachable();
    } catch (error) {
      const redacted = redactPlanError(error, { secrets: ['abcdef', 'ab'] }) as ExecutionError;
      expect(redacted.code).toBe('INVALID_OPTIONS');
      expect(redacted.message).toContain('`secrets.1`');
      expect(JSON.stringify([redacted.message, redacted.details])).not.toContain('abcdef');
    }
  });

  it('finds the values under credential-looking names', () => {
    expect(credentialValues({ Authorization: 'Bearer abcd1234', Accept: '*/*', API_TOKEN: 't0k3n' })).toEqual(
      ['Bearer abcd1234', 'abcd1234', 't0k3n'],
    );
    expect(credentialValues(undefined, new URL('wss://h/p?q=plain&access_token=qq11'))).toEqual(['qq11']);
    expect(credentialFlagValues(['run', '--token', 'tt11', '--api-key=kk22', '-v', '--name', 'n'])).toEqual([
      'tt11',
      'kk22',
    ]);
    expect(credentialFlagValues(['--password'])).toEqual([]);
  });

  it('withholds URL user info in free text', () => {
    expect(withholdUserInfo('got "ws://u:pw@h:1/p" and https://x@y/')).toBe(
      'got "ws://[redacted]@h:1/p" and https://[redacted]@y/',
    );
  });

  it('scrubs events, output, failures and thrown errors of a wrapped lane', async () => {
    const echo = defineLane({
      id: 'echo',
      input: z.strictObject({ text: z.string(), fail: z.optional(z.boolean()) }),
      start: async ({ text, fail }, ctx) => {
        ctx.emit('echo.said', { text });
        if (fail)
          throw new ExecutionError('EXECUTION_FAILED', `could not say ${text}`, { details: { text } });
        return {
          output: { text },
          failure: { failure_class: 'semantic_runtime_failed', reason: `said ${text}` },
        };
      },
    });
    const lane = withRedaction(echo, () => createRedactor({ secrets: ['hunter22'] }));
    for (const fail of [false, true]) {
      const execution = startExecution(lane, { text: 'pw hunter22', fail });
      const events: unknown[] = [];
      for await (const event of execution) events.push(event);
      const error = await execution.output().catch((e: unknown) => e);
      expect(isExecutionError(error)).toBe(true);
      const text = JSON.stringify([
        events,
        await execution.result,
        String(error),
        (error as ExecutionError).details,
      ]);
      expect(text).toContain('pw [redacted]');
      expect(text).not.toContain('hunter22');
    }
  });
});
