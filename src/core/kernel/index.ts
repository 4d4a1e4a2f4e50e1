/**
 * `execution-plane/core/kernel`, the kernel: dispatch planning from a V1 intent and
 * route, lane bindings, and lower simulation.
 *
 * Part of the core family (zod only, no lane); its own entry point so that `execution-plane/core`
 * stays small. `import * as kernel` of `execution-plane/core/kernel` reads as the namespace did.
 *
 * @module
 */

import '../../internal/runtime-guard.js';

export {
  type AnyDispatchPlan,
  buildDispatchPlan,
  type DispatchPlan,
  type IntentByProtocol,
  KERNEL_PROTOCOLS,
  type KernelProtocol,
} from './dispatch-plan.js';
export { type Fingerprint, fingerprint } from './fingerprint.js';
export {
  createKernel,
  type Kernel,
  type KernelExecutionResult,
  type KernelOptions,
} from './kernel.js';
export { defineKernelLane, type KernelLaneBinding } from './kernel-lane.js';
export type { DispatchPlanOptions, KernelExecuteOptions } from './kernel-options.js';
