import type { Lane, LaneCapabilities, LaneContext, LaneResult } from '../core/lane.js';
import { withRedaction } from '../internal/redact-lane.js';
import { withReferenceWire } from '../internal/reference-wire.js';
import type { ChildPort } from './child-port.js';
import type { ProcessEvents, ProcessOutput } from './events.js';
import { openChild } from './launch.js';
import { type ProcessPlan, planProcess, processExecutionDefaults } from './plan.js';
import { processRedactor } from './redaction.js';
import { processReferenceWire } from './reference-payload.js';
import type { SessionPort } from './session-port.js';
import type { ProcessMode } from './settings.js';
import { supervise } from './supervise.js';

async function startProcess(
  plan: ProcessPlan,
  context: LaneContext<ProcessEvents>,
  port: SessionPort | undefined,
): Promise<LaneResult<ProcessOutput>> {
  const { settings } = plan;
  let child: ChildPort;
  try {
    child = await openChild(plan.launch, settings, context.signal);
  } catch (error) {
    port?.detach();
    throw error;
  }
  port?.attach(child);
  context.emit('process.spawned', {
    pid: child.pid ?? null,
    surface: settings.surface.kind,
    pty: settings.pty !== null,
    ...(child.bridgeSessionRef ? { bridge_session_ref: child.bridgeSessionRef } : {}),
  });
  try {
    return await supervise(child, settings, context, port?.claimTaker());
  } finally {
    port?.detach();
  }
}

const CAPABILITIES: LaneCapabilities = {
  lane_id: 'process',
  protocols: ['process'],
  surfaces: ['local_subprocess', 'ssh_exec', 'guest_bridge'],
  supports_execute: true,
  supports_stream: true,
  metadata: {},
};

/**
 * A process lane for one entry point: `mode` picks the defaults (`run` collects and closes stdin,
 * `session` streams and has no timeout); `port` links a session handle to the child it starts.
 */
export function createProcessLane(
  mode: ProcessMode,
  port?: SessionPort,
): Lane<ProcessPlan, ProcessOutput, ProcessEvents> {
  const lane: Lane<ProcessPlan, ProcessOutput, ProcessEvents> = {
    id: 'process',
    capabilities: CAPABILITIES,
    plan: (input, entry) => {
      const plan = planProcess(input, mode, entry ?? 'processLane payload');
      // Stdout alone, from a pipe: not a terminal's, not inherited, not merged with stderr.
      const { pty, inherit, stderr } = plan.settings;
      if (port && pty === null && !inherit.stdout && stderr !== 'merge') port.allowTake();
      return plan;
    },
    executionDefaults: processExecutionDefaults,
    start: (plan, context) => startProcess(plan, context, port),
    defaultTimeoutMs: mode === 'session' ? null : undefined,
  };
  return withRedaction(lane, processRedactor);
}

/**
 * The process lane for the node, the kernel and `startExecution`: its `plan` takes a
 * {@link ProcessPayload} (`command`, `args` and the process options) and runs it to completion
 * with `run()`'s defaults. `run()` and `spawn()` are the friendlier entry points over it.
 *
 * @example
 * const execution = startExecution(processLane, { command: 'git', args: ['status'], cwd: repo });
 * const { stdout } = await execution.output();
 */
export const processLane: Lane<ProcessPlan, ProcessOutput, ProcessEvents> = /* @__PURE__ */ withReferenceWire(
  createProcessLane('run'),
  processReferenceWire,
);
