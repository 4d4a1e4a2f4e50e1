import { describe, expect, it } from 'vitest';
import { createExecutionSurface } from '../../../src/core/placements/execution-surface.js';
import {
  guestPlacement,
  localPlacement,
  sshPlacement,
} from '../../../src/core/placements/placement-families.js';

describe('placement families', () => {
  it('map the supported surface kinds without overstating isolation', () => {
    expect(localPlacement.supported_surface_kinds).toEqual(['local_subprocess']);
    expect(sshPlacement.supported_surface_kinds).toEqual(['ssh_exec']);
    expect(guestPlacement.supported_surface_kinds).toEqual(['guest_bridge']);
    expect(localPlacement.supportsSurface(createExecutionSurface({ surface_kind: 'local_subprocess' }))).toBe(
      true,
    );
    expect(sshPlacement.supportsSurface(createExecutionSurface({ surface_kind: 'ssh_exec' }))).toBe(true);
    expect(guestPlacement.supportsSurface(createExecutionSurface({ surface_kind: 'guest_bridge' }))).toBe(
      true,
    );
    expect(sshPlacement.supportsSurface(createExecutionSurface({ surface_kind: 'local_subprocess' }))).toBe(
      false,
    );
    expect(guestPlacement.supportsSurface(createExecutionSurface({ surface_kind: 'ssh_exec' }))).toBe(false);
    // Nothing (the default kind) is local.
    expect(localPlacement.supportsSurface(undefined)).toBe(true);
  });
});
