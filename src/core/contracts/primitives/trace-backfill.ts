/** What the contracts report when they fill a missing lineage `trace_id` from `request_id`. */
export interface TraceIdBackfill {
  readonly consumer: 'execution_plane_contracts';
  readonly source: 'request_id';
  readonly trace_id: string;
  readonly tenant_id: string | null;
  readonly request_id: string;
  readonly decision_id: string | null;
  readonly boundary_session_id: string | null;
  readonly route_id: string | null;
}

type Listener = (event: TraceIdBackfill) => void;

// Created on first subscription, so importing the contracts allocates nothing.
let listeners: Set<Listener> | undefined;

/**
 * Subscribes to trace_id backfills (the reference's `[:lower_gateway, :trace_id, :backfill]`
 * telemetry). The backfill is a migration shim: watching it shows which producers still omit a
 * trace id. Returns the unsubscribe function. A throwing listener is isolated from decoding.
 *
 * @example
 * const stop = onTraceIdBackfill((e) => metrics.count('trace_backfill', { route: e.route_id }));
 */
export function onTraceIdBackfill(listener: Listener): () => void {
  listeners ??= new Set();
  listeners.add(listener);
  return () => {
    listeners?.delete(listener);
  };
}

/** Reports one backfill to every listener. */
export function reportTraceIdBackfill(event: TraceIdBackfill): void {
  if (!listeners) return;
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A diagnostics listener must never turn a valid contract into a decoding failure.
    }
  }
}
