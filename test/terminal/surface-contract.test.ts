import { describe, expect, it } from 'vitest';
import * as contracts from '../../src/core/contracts/index.js';
import { isRemoteTerminalSurface } from '../../src/core/contracts/v1/operator-terminal-surface-v1.js';

const { createOperatorTerminalSurface: surface, decodeContract, encodeContract } = contracts;

const reason = (input: unknown) => {
  try {
    surface(input);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('operator_terminal_surface.v1 (the reference validation and wire JSON)', () => {
  it('defaults to the local surface and normalizes every field', () => {
    expect(surface()).toEqual({
      contract_version: 'operator_terminal_surface.v1',
      surface_kind: 'local_terminal',
      transport_options: {},
      surface_ref: null,
      boundary_class: null,
      observability: {},
    });
    const ssh = surface({
      surface_kind: 'ssh_terminal',
      transport_options: { port: 4022, auth_methods: ['publickey'], user_passwords: { ops: 'x' } },
      surface_ref: '',
      boundary_class: 'operator',
      observability: { trace: 't-1' },
    });
    expect(ssh).toMatchObject({
      surface_kind: 'ssh_terminal',
      surface_ref: '',
      transport_options: { port: 4022 },
    });
    expect(isRemoteTerminalSurface(ssh)).toBe(true);
    expect(isRemoteTerminalSurface(surface({ surface_kind: 'local_terminal' }))).toBe(false);
  });

  it('keeps operator kinds distinct from workload surfaces and rejects unknown ones', () => {
    for (const kind of ['local_terminal', 'ssh_terminal', 'distributed_terminal'])
      expect(surface({ surface_kind: kind }).surface_kind).toBe(kind);
    for (const kind of ['local_subprocess', 'ssh_exec', 'Local_Terminal', 7])
      expect(reason({ surface_kind: kind })).toContain('invalid_surface_kind');
  });

  it('rejects unknown transport option keys, bad refs and a foreign contract_version', () => {
    expect(reason({ transport_options: { port: 1, shell: '/bin/sh' } })).toContain(
      'invalid_transport_options',
    );
    expect(reason({ transport_options: ['port'] })).toContain('invalid_transport_options');
    expect(reason({ surface_ref: 5 })).toContain('invalid_surface_ref');
    expect(reason({ boundary_class: '' })).toContain('invalid_boundary_class');
    expect(reason({ observability: 'x' })).toContain('invalid_observability');
    expect(reason({ contract_version: 'execution_surface.v1' })).toContain('invalid_contract_version');
    expect(reason('ssh_terminal')).toContain('invalid_operator_terminal_surface');
  });

  it('decodes and re-encodes through the contract codec', () => {
    const value = surface({
      surface_kind: 'distributed_terminal',
      transport_options: { transport: 'websocket', port: 8080 },
    });
    const wire = encodeContract(value);
    expect(decodeContract(JSON.parse(JSON.stringify(wire)))).toEqual(value);
  });
});
