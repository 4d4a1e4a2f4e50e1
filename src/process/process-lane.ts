import {
  type Lane,
  type LaneCapabilities,
  type LaneContext,
  type LaneResult,
  parseOptions,
} from '../core/index.js';
import type { ChildPort } from './child-port.js';
import type { ProcessEvents, ProcessOutput } from './events.js';
import { openChild, planLaunch } from './launch.js';
import { type ProcessPayload, ProcessPayloadSchema } from './options.js';
import type { SessionPort } from './session-port.js';
import { type ProcessMode, type ProcessSettings, resolveSettings } from './settings.js';
import { supervise } from './supervise.js';

/**
 * Validates a payload for an entry point: schema, defaults, capability gating and launch planning,
 * all before any I/O. Returns the parsed payload and the settings the lane will run with.
 */
export function validateProcess(
  input: unknown,
  mode: ProcessMode,
  entry: string,
): { payload: ProcessPayload; settings: ProcessSettings } {
  const payload = parseOptions(ProcessPayloadSchema, input, entry);
  const settings = resolveSettings(payload, mode, entry);
  planLaunch(settings, entry);
  return { payload, settings };
}

async function startProcess(
  payload: ProcessPayload,
  context: LaneContext<ProcessEvents>,
  mode: ProcessMode,
  entry: string,
  port: SessionPort | undefined,
): Promise<LaneResult<ProcessOutput>> {
  let child: ChildPort;
  let settings: ProcessSettings;
  try {
    settings = resolveSettings(payload, mode, entry);
    child = await openChild(planLaunch(settings, entry), settings, context.signal);
  } catch (error) {
    port?.end();
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
    return await supervise(child, settings, context);
  } finally {
    port?.end();
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
 * A process lane for one entry point (`mode` picks the defaults, `entry` names it in errors);
 * `port` links a session handle to the child it starts.
 */
export function createProcessLane(
  mode: ProcessMode,
  entry: string,
  port?: SessionPort,
): Lane<ProcessPayload, ProcessOutput, ProcessEvents> {
  return {
    id: 'process',
    capabilities: CAPABILITIES,
    payloadSchema: ProcessPayloadSchema,
    validate: (input) => validateProcess(input, mode, entry).payload,
    start: (payload, context) => startProcess(payload, context, mode, entry, port),
    defaultTimeoutMs: mode === 'session' ? null : undefined,
  };
}

/**
 * The process lane for the node and for `startExecution`: runs one payload (`command`, `args`
 * and the process options) to completion with `run()`'s defaults. `run()` and `spawn()` are the
 * friendlier entry points over the same lane.
 *
 * @example
 * const execution = startExecution(processLane, { command: 'git', args: ['status'], cwd: repo });
 * const { stdout } = await execution.output();
 */
export const processLane: Lane<ProcessPayload, ProcessOutput, ProcessEvents> =
  /* @__PURE__ */ createProcessLane('run', 'processLane payload');
