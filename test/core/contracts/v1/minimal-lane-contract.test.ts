import { describe, expect, it } from 'vitest';
import { decodeContract } from '../../../../src/core/contracts/codec.js';
import { contractFixtures } from '../../../../src/core/contracts/fixtures/contract-fixtures.js';
import { expectInvalid } from '../helpers/expect-invalid.js';

const processEnvelope = () => ({
  ...contractFixtures.executionIntentEnvelope,
  family: 'process',
  protocol: 'process',
});

describe('minimal lane intents', () => {
  it('HttpExecutionIntent.v1 accepts a string unary body', () => {
    const intent = decodeContract(
      {
        envelope: contractFixtures.executionIntentEnvelope,
        request_shape: 'request_response',
        stream_mode: 'unary',
        headers: { 'content-type': 'application/json' },
        body: '{"ping":"pong"}',
        egress_surface: { surface_kind: 'https' },
        timeouts: { request_timeout_ms: 750 },
        retry_class: 'safe_idempotent',
      },
      'http_execution_intent.v1',
    );
    expect(intent.body).toBe('{"ping":"pong"}');
    expect(intent.envelope.contract_version).toBe('execution_intent_envelope.v1');
  });

  it('ProcessExecutionIntent.v1 carries one-shot stdin and subprocess controls', () => {
    const intent = decodeContract(
      {
        envelope: processEnvelope(),
        command: 'sh',
        argv: ['-c', 'printf ready'],
        env_projection: { ONLY_ME: 'set' },
        cwd: '/tmp',
        stdin: 'payload',
        clear_env: true,
        user: 'runner',
        stdio_mode: 'pipe',
        stderr_mode: 'stdout',
        close_stdin: false,
        execution_surface: { surface_kind: 'local_subprocess' },
        shutdown_policy: { graceful_timeout_ms: 50 },
      },
      'process_execution_intent.v1',
    );
    expect(intent).toMatchObject({
      stdin: 'payload',
      clear_env: true,
      user: 'runner',
      stderr_mode: 'stdout',
      close_stdin: false,
    });
  });

  it('ProcessExecutionIntent.v1 permits empty argv values and fills defaults', () => {
    const intent = decodeContract(
      { envelope: processEnvelope(), command: 'claude', argv: ['--system-prompt', ''], stdio_mode: 'pipe' },
      'process_execution_intent.v1',
    );
    expect(intent.argv).toEqual(['--system-prompt', '']);
    expect(intent).toMatchObject({
      stderr_mode: 'separate',
      close_stdin: true,
      clear_env: false,
      stdin: null,
      cwd: null,
    });
  });

  it('ProcessExecutionIntent.v1 rejects a bad stderr_mode, a string boolean and a non-string argv item', () => {
    const base = { envelope: processEnvelope(), command: 'c', stdio_mode: 'pipe' };
    expectInvalid(
      () => decodeContract({ ...base, stderr_mode: 'both' }, 'process_execution_intent.v1'),
      'stderr_mode must be "separate" or "stdout", got: "both"',
    );
    expectInvalid(
      () => decodeContract({ ...base, clear_env: 'true' }, 'process_execution_intent.v1'),
      'clear_env must be a boolean, got: "true"',
    );
    expectInvalid(
      () => decodeContract({ ...base, argv: ['a', 1] }, 'process_execution_intent.v1'),
      'argv must be a string, got: 1',
    );
  });

  it('an intent without an envelope fails on the envelope first', () => {
    expectInvalid(
      () => decodeContract({ request_shape: 'x', stream_mode: 'unary' }, 'http_execution_intent.v1'),
      'expected a map of attrs, got: null',
      '(at envelope)',
    );
  });

  it('JsonRpcExecutionIntent.v1 carries its maps', () => {
    const intent = decodeContract(contractFixtures.jsonrpcExecutionIntent);
    expect(intent).toMatchObject({
      request: { method: 'session.start' },
      session_policy: { attachable: true },
    });
  });
});
