import type { AdmissionRequestInput } from '../../core/contracts/boundary/boundary-interfaces.js';
import { isExpired } from '../expiry.js';
import type { NodeEntry } from './fleet-protocol.js';

/** Why a node cannot take a request (before asking it). */
export interface NodeRefusal {
  readonly node_id: string;
  readonly reason: string;
}

/** The nodes to try for a request, best first, and why each other node was passed over. */
export interface RoutePlan {
  readonly candidates: readonly string[];
  readonly refusals: readonly NodeRefusal[];
}

/**
 * The selection rule. A node satisfies a request when it is live and holds a verified target for
 * the request's `lane_id` that has not expired and attests at least one class of the request's
 * `acceptable_attestation.classes` (a request without classes — direct provenance — needs only
 * the lane to be registered there). Satisfying nodes are tried in order of fewest calls this
 * client has in flight on them, then fewest the node reports, then least recently chosen; the
 * chosen node's own admission still decides.
 */
export function planRoute(
  live: readonly NodeEntry[],
  request: AdmissionRequestInput,
  inFlight: (nodeId: string) => number,
  lastChosen: (nodeId: string) => number,
  now = Date.now(),
): RoutePlan {
  const laneId = typeof request?.lane_id === 'string' ? request.lane_id : '';
  const classes = Array.isArray(request?.acceptable_attestation?.classes)
    ? request.acceptable_attestation.classes
    : [];
  const candidates: NodeEntry[] = [];
  const refusals: NodeRefusal[] = [];
  for (const entry of live) {
    const reason = refusalOf(entry, laneId, classes, now);
    if (reason) refusals.push({ node_id: entry.node_id, reason });
    else candidates.push(entry);
  }
  candidates.sort(
    (a, b) =>
      inFlight(a.node_id) - inFlight(b.node_id) ||
      a.in_flight - b.in_flight ||
      lastChosen(a.node_id) - lastChosen(b.node_id),
  );
  return { candidates: candidates.map((e) => e.node_id), refusals };
}

function refusalOf(entry: NodeEntry, laneId: string, classes: readonly string[], now: number): string | null {
  if (!entry.registered_lanes.includes(laneId)) return 'lane_not_registered';
  if (classes.length === 0) return null;
  const onLane = entry.targets.filter((t) => t.lane_id === laneId);
  if (onLane.length === 0) return 'no_satisfying_attested_target';
  const fresh = onLane.filter((t) => !isExpired(t.expires_at, now));
  if (fresh.length === 0) return 'target_expired';
  const ok = fresh.some((t) => t.attestation_classes.some((c) => classes.includes(c)));
  return ok ? null : 'no_satisfying_attested_target';
}
