import type { LaneContext } from '../core/index.js';
import type { ChildPort } from './child-port.js';
import type { ProcessEvents } from './events.js';

/** The kill ladder's settings. */
export interface LadderSettings {
  readonly killSignal: string;
  readonly forceKillAfterMs: number;
}

/**
 * Ends a child's whole tree: `killSignal` to its process group, then SIGKILL if it has not exited
 * after `forceKillAfterMs` (0 goes straight to SIGKILL). Each step is recorded as a
 * `process.kill` event. The timer never outlives the child.
 */
export function terminate(
  child: ChildPort,
  settings: LadderSettings,
  emit: LaneContext<ProcessEvents>['emit'],
): void {
  const force = () => {
    child.kill();
    emit('process.kill', { signal: 'SIGKILL', step: 'force_kill' });
  };
  if (settings.forceKillAfterMs === 0 || settings.killSignal === 'SIGKILL') {
    force();
    return;
  }
  child.signal(settings.killSignal);
  emit('process.kill', { signal: settings.killSignal, step: 'kill_signal' });
  const timer = setTimeout(force, settings.forceKillAfterMs);
  void child.exited.then(() => clearTimeout(timer));
}
