import { stat } from 'node:fs/promises';
import type { ChildPort } from './child-port.js';
import { processError, unsupportedCapability } from './errors.js';
import { startGuestChild } from './guest-child.js';
import { type LocalSpawn, startLocalChild } from './local-child.js';
import { startPtyChild } from './pty-child.js';
import { childEnv, type ProcessSettings } from './settings.js';
import { sshArgv } from './ssh-command.js';
import type { GuestSurfaceOptions } from './surface-options.js';

/** What to spawn locally for a settings object (`ssh` becomes the OpenSSH client). */
export type LaunchPlan =
  | { readonly kind: 'spawn'; readonly spawn: LocalSpawn; readonly checkCwd: boolean }
  | { readonly kind: 'guest'; readonly surface: GuestSurfaceOptions };

/**
 * Turns settings into a launch plan, synchronously, so everything that can be rejected (ssh
 * quoting limits included) is rejected before any I/O.
 */
export function planLaunch(settings: ProcessSettings, entry: string): LaunchPlan {
  const surface = settings.surface;
  const maxPendingWriteBytes = settings.maxPendingWriteBytes;
  if (surface.kind === 'guest') {
    // The bridge protocol carries variables, not an allow-list of the guest's own environment.
    if (settings.inheritEnv) throw unsupportedCapability('inheritEnv', 'guest');
    return { kind: 'guest', surface };
  }
  if (surface.kind === 'ssh') {
    const args = sshArgv(surface, { ...settings, pty: settings.pty !== null }, entry);
    return {
      kind: 'spawn',
      spawn: {
        command: surface.sshPath ?? 'ssh',
        args,
        cwd: undefined,
        env: undefined,
        maxPendingWriteBytes,
        containment: settings.containment,
        preferLocal: false,
        inherit: settings.inherit,
      },
      checkCwd: false,
    };
  }
  const spawn = {
    command: settings.command,
    args: settings.args,
    cwd: settings.cwd,
    env: childEnv(settings),
    maxPendingWriteBytes,
    containment: settings.containment,
    preferLocal: settings.preferLocal,
    inherit: settings.inherit,
  };
  return { kind: 'spawn', spawn, checkCwd: settings.cwd !== undefined };
}

/** Starts the child a plan describes; launch problems reject with typed `launch_failed` errors. */
export async function openChild(
  plan: LaunchPlan,
  settings: ProcessSettings,
  signal: AbortSignal,
): Promise<ChildPort> {
  if (plan.kind === 'guest') return startGuestChild(settings, plan.surface, signal);
  const { spawn } = plan;
  if (plan.checkCwd && spawn.cwd !== undefined) await assertDirectory(spawn.cwd);
  return settings.pty ? startPtyChild(spawn, settings.pty) : startLocalChild(spawn);
}

async function assertDirectory(cwd: string): Promise<void> {
  const isDirectory = await stat(cwd).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    throw processError('CWD_NOT_FOUND', `Working directory not found: ${cwd}`, 'launch_failed', { cwd });
  }
}
