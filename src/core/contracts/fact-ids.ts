import { invalidContract } from './primitives/contract-error.js';
import { renderValue } from './primitives/render-value.js';

/** Statuses of a handoff receipt. */
export const HANDOFF_STATUSES = ['accepted', 'rejected', 'unknown'] as const;

/** Local spool modes. */
export const LOCAL_SPOOL_MODES = ['disabled', 'emergency_only'] as const;

function nonEmpty(value: unknown, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw invalidContract('fact id', `${field} must be a non-empty string, got: ${renderValue(value)}`, [
    field,
  ]);
}

/**
 * `receipt:<route_id>:<handoff_ref>`.
 *
 * @example
 * handoffReceiptId('route-1', 'handoff-1'); // 'receipt:route-1:handoff-1'
 */
export function handoffReceiptId(routeId: string, handoffRef: string): string {
  return `receipt:${nonEmpty(routeId, 'handoff_receipt.route_id')}:${nonEmpty(handoffRef, 'handoff_receipt.handoff_ref')}`;
}

function factId(kind: string, routeId: string, laneRef: string, seq: number): string {
  const route = nonEmpty(routeId, 'fact.route_id');
  const lane = nonEmpty(laneRef, 'fact.lane_ref');
  if (!Number.isSafeInteger(seq) || seq < 0) {
    throw invalidContract('fact id', `fact.seq must be a non-negative integer, got: ${renderValue(seq)}`, [
      'fact.seq',
    ]);
  }
  return `${kind}:${route}:${lane}:${seq}`;
}

/** `pressure:<route_id>:<lane_ref>:<seq>`, the id of a backpressure raw fact. */
export function pressureFactId(routeId: string, laneRef: string, seq: number): string {
  return factId('pressure', routeId, laneRef, seq);
}

/** `reconnect:<route_id>:<lane_ref>:<seq>`, the id of a reconnect raw fact. */
export function reconnectFactId(routeId: string, laneRef: string, seq: number): string {
  return factId('reconnect', routeId, laneRef, seq);
}

/** `lane_churn:<route_id>:<lane_ref>:<seq>`, the id of a lane churn raw fact. */
export function laneChurnFactId(routeId: string, laneRef: string, seq: number): string {
  return factId('lane_churn', routeId, laneRef, seq);
}
