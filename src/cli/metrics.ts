import type { NodeStats } from '../node/index.js';

/** Upper bounds of the execution latency histogram, in seconds (Prometheus' default buckets). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

interface EvidenceLike {
  readonly evidence_type?: string | null | undefined;
  readonly lane_id?: string | null | undefined;
  readonly payload?: Readonly<Record<string, unknown>> | undefined;
}

/** What `/metrics` reports beside the evidence counters. */
export interface MetricsSnapshot {
  readonly stats: NodeStats;
  readonly connections: number;
  readonly ready: boolean;
  readonly draining: boolean;
}

/**
 * Counts what the node's evidence says — executions by lane and status, admissions by reason,
 * latency per lane — as an evidence sink (inline and synchronous, so it never holds the node up),
 * and renders them with the node's own counters in the Prometheus text format (version 0.0.4).
 */
export class MetricsSink {
  readonly sinkId = 'metrics';
  readonly #executions = new Map<string, number>();
  readonly #admissions = new Map<string, number>();
  readonly #latency = new Map<string, Histogram>();

  emit(evidence: EvidenceLike): void {
    const payload = evidence.payload ?? {};
    if (evidence.evidence_type === 'admission.accepted') bump(this.#admissions, 'accepted');
    else if (evidence.evidence_type === 'admission.rejected') {
      bump(this.#admissions, String(payload.reason ?? 'unknown'));
    } else if (evidence.evidence_type === 'execution.completed') {
      const lane = evidence.lane_id ?? 'unknown';
      bump(this.#executions, `${lane}\u0000${String(payload.status ?? 'unknown')}`);
      const metrics = payload.metrics as { duration_ms?: unknown } | null | undefined;
      if (typeof metrics?.duration_ms === 'number') this.#observe(lane, metrics.duration_ms / 1000);
    }
  }

  /** The Prometheus text exposition of everything counted so far plus `snapshot`. */
  render(snapshot: MetricsSnapshot): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    };
    family('execution_plane_executions_total', 'counter', 'Executions finished, by lane and status.');
    for (const [key, value] of this.#executions) {
      const [lane, status] = key.split('\u0000') as [string, string];
      lines.push(`execution_plane_executions_total${labels({ lane, status })} ${value}`);
    }
    family(
      'execution_plane_admissions_total',
      'counter',
      'Admission decisions, by reason (accepted or the rejection reason).',
    );
    for (const [reason, value] of this.#admissions) {
      lines.push(`execution_plane_admissions_total${labels({ reason })} ${value}`);
    }
    family('execution_plane_execution_duration_seconds', 'histogram', 'Execution latency, by lane.');
    for (const [lane, histogram] of this.#latency) {
      LATENCY_BUCKETS.forEach((bound, index) => {
        lines.push(
          `execution_plane_execution_duration_seconds_bucket${labels({ lane, le: String(bound) })} ${histogram.counts[index]}`,
        );
      });
      lines.push(
        `execution_plane_execution_duration_seconds_bucket${labels({ lane, le: '+Inf' })} ${histogram.count}`,
      );
      lines.push(`execution_plane_execution_duration_seconds_sum${labels({ lane })} ${histogram.sum}`);
      lines.push(`execution_plane_execution_duration_seconds_count${labels({ lane })} ${histogram.count}`);
    }
    const { stats } = snapshot;
    family('execution_plane_in_flight', 'gauge', 'Executions running now.');
    lines.push(`execution_plane_in_flight ${stats.in_flight}`);
    family('execution_plane_connections', 'gauge', 'WebSocket connections open now.');
    lines.push(`execution_plane_connections ${snapshot.connections}`);
    family('execution_plane_ready', 'gauge', '1 when /readyz answers 200.');
    lines.push(`execution_plane_ready ${snapshot.ready ? 1 : 0}`);
    family('execution_plane_draining', 'gauge', '1 while the node drains after SIGTERM/SIGINT.');
    lines.push(`execution_plane_draining ${snapshot.draining ? 1 : 0}`);
    const sinks = stats.sinks.filter((sink) => sink.sink_id !== this.sinkId);
    family('execution_plane_sink_backlog', 'gauge', 'Evidence records waiting for a sink.');
    for (const sink of sinks)
      lines.push(`execution_plane_sink_backlog${labels({ sink: sink.sink_id })} ${sink.backlog}`);
    for (const [field, help] of [
      ['delivered', 'Evidence records a sink took.'],
      ['dropped', 'Evidence records dropped for a sink (backlog full).'],
      ['failed', 'Evidence records a sink failed to take.'],
      ['timed_out', 'Evidence records a sink did not take in time.'],
    ] as const) {
      family(`execution_plane_sink_${field}_total`, 'counter', help);
      for (const sink of sinks) {
        lines.push(`execution_plane_sink_${field}_total${labels({ sink: sink.sink_id })} ${sink[field]}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  #observe(lane: string, seconds: number): void {
    let histogram = this.#latency.get(lane);
    if (!histogram) {
      histogram = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#latency.set(lane, histogram);
    }
    LATENCY_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) histogram.counts[index]!++;
    });
    histogram.sum += seconds;
    histogram.count++;
  }
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

// Label values escaped as the text format asks: backslash, double quote, newline.
function labels(values: Record<string, string>): string {
  const pairs = Object.entries(values).map(
    ([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return `{${pairs.join(',')}}`;
}
