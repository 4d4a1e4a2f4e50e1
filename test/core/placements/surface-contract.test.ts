import { describe, expect, it } from 'vitest';
import { decodeContract } from '../../../src/core/contracts/codec.js';
import { createPlacementCapabilities } from '../../../src/core/placements/capabilities.js';
import { createExecutionSurface } from '../../../src/core/placements/execution-surface.js';
import {
  isNonlocalPathSurface,
  isRemoteSurface,
  supportedSurfaceKinds,
  surfaceCapabilities,
  surfacePathSemantics,
  surfacePlacementFamily,
} from '../../../src/core/placements/surface-lookup.js';
import { expectInvalid } from '../contracts/helpers/expect-invalid.js';

describe('execution_surface.v1', () => {
  it('helper lookups keep the narrow placement vocabulary', () => {
    expect(supportedSurfaceKinds()).toEqual(['guest_bridge', 'local_subprocess', 'ssh_exec']);
    expect(surfaceCapabilities('local_subprocess')).toMatchObject({ remote: false, path_semantics: 'local' });
    expect(surfaceCapabilities('guest_bridge')).toMatchObject({
      startup_kind: 'bridge',
      supports_pty: false,
      interrupt_kind: 'rpc',
    });
    expect(surfacePathSemantics('ssh_exec')).toBe('remote');
    expect(surfacePathSemantics({ surface_kind: 'guest_bridge' })).toBe('guest');
    expect(isNonlocalPathSurface('local_subprocess')).toBe(false);
    expect(isNonlocalPathSurface('ssh_exec')).toBe(true);
    expect(isNonlocalPathSurface({ surface_kind: 'guest_bridge' })).toBe(true);
    expect(isRemoteSurface('ssh_exec')).toBe(true);
    expect(isRemoteSurface('microvm')).toBe(false);
    expect(surfacePlacementFamily('microvm')).toBeNull();
    expect(surfaceCapabilities('microvm')).toBeNull();
  });

  it('accepts canonical inputs and strips launch fields', () => {
    const surface = createExecutionSurface({
      contract_version: 'execution_surface.v1',
      surface_kind: 'ssh_exec',
      target_id: 'ssh-target-1',
      boundary_class: 'remote_cli',
      observability: { suite: 'contract' },
      transport_options: {
        destination: 'ssh.example',
        command: 'cat',
        cwd: '/tmp/ignored',
        clear_env: true,
        'clear_env?': true,
      },
    });
    expect(surface).toEqual({
      contract_version: 'execution_surface.v1',
      surface_kind: 'ssh_exec',
      transport_options: { destination: 'ssh.example' },
      target_id: 'ssh-target-1',
      lease_ref: null,
      surface_ref: null,
      boundary_class: 'remote_cli',
      observability: { suite: 'contract' },
    });
    expect(decodeContract(surface)).toEqual(surface);
    expect(createExecutionSurface({})).toMatchObject({
      surface_kind: 'local_subprocess',
      transport_options: {},
    });
  });

  it('rejects an unsupported contract version and other bad fields with the reference reasons', () => {
    expectInvalid(
      () => createExecutionSurface({ contract_version: 'execution_surface.v0' }),
      'invalid execution surface: invalid_contract_version "execution_surface.v0"',
    );
    expectInvalid(
      () => createExecutionSurface({ surface_kind: 'microvm' }),
      'invalid_surface_kind "microvm"',
    );
    expectInvalid(() => createExecutionSurface({ transport_options: [] }), 'invalid_transport_options');
    expectInvalid(() => createExecutionSurface({ target_id: '' }), 'invalid_target_id ""');
    expectInvalid(() => createExecutionSurface({ observability: null }), 'invalid_observability null');
    expectInvalid(() => createExecutionSurface('ssh_exec'), 'invalid_execution_surface "ssh_exec"');
  });

  it('capabilities reject unknown words from a fixed table', () => {
    expectInvalid(
      () => createPlacementCapabilities({ startup_kind: 'provider_spawn' }),
      'invalid placement capabilities: startup_kind "provider_spawn"',
    );
    expectInvalid(
      () => createPlacementCapabilities({ remote: 'yes' }),
      'invalid placement capabilities: remote "yes"',
    );
    expect(createPlacementCapabilities()).toEqual({
      remote: false,
      startup_kind: 'spawn',
      path_semantics: 'local',
      supports_run: true,
      supports_streaming_stdio: true,
      supports_pty: true,
      supports_user: true,
      supports_env: true,
      supports_cwd: true,
      interrupt_kind: 'signal',
    });
  });
});
