import { formatValue } from './time';

/**
 * Words a user knows for the metric names components report, with a definition to hover, and how a value reads
 * (a utilisation as a percentage). Keyed by the metric's name as the model reports it — never by a component's class —
 * so any component reporting `utilization` gets the same words. A name not listed shows as it is.
 */
interface MetricWords {
  label: string;
  help: string;
  percent?: boolean;
}

const WORDS: Record<string, MetricWords> = {
  utilization: { label: 'utilisation ρ', help: 'ρ: the share of time its workers were busy, time-weighted since the start of the run', percent: true },
  depth: { label: 'queue depth', help: 'requests waiting for a worker now (not counting those in service)' },
  mean_depth: { label: 'mean queue depth', help: 'the queue depth averaged over time since the start of the run' },
  in_flight: { label: 'in flight', help: 'requests it has taken and not yet answered' },
  concurrency: { label: 'workers', help: 'how many requests it can serve at once' },
  accepted: { label: 'accepted', help: 'requests it has taken in' },
  dropped: { label: 'dropped', help: 'requests it refused (a full queue, a shedding policy)' },
  completed: { label: 'completed', help: 'requests it has finished serving' },
  service_time: { label: 'service time', help: 'the mean time one request takes to serve (seconds)' },
  served_late: { label: 'served late', help: 'requests served after their caller had given up on them' },
  events_received: { label: 'received', help: 'requests that reached it' },
  avg_latency: { label: 'mean latency', help: 'time from a request\'s creation to its arrival here, averaged (seconds)' },
  p99_latency: { label: 'p99 latency', help: 'the latency 99% of requests stay under (seconds)' },
  generated: { label: 'generated', help: 'requests it has created' },
  retries_per_s: { label: 'retries/s', help: 'retries started per second, over the last few seconds' },
  timeouts_per_s: { label: 'timeouts/s', help: 'attempts that timed out per second, over the last few seconds' },
  latest: { label: 'latest', help: 'the newest value it sampled' },
  samples: { label: 'samples', help: 'values it has sampled so far' },
};

export function metricLabel(name: string): string {
  return WORDS[name]?.label ?? name;
}

/** The definition to hover, with the name the model reports (for charts and breakpoints). */
export function metricHelp(name: string): string {
  const w = WORDS[name];
  return w ? `${w.help} — reported as “${name}”` : name;
}

/** A metric's value as it reads best: a utilisation as a percentage, other numbers as numbers. */
export function formatMetric(name: string, value: unknown, digits = 3): string {
  if (WORDS[name]?.percent && typeof value === 'number' && Number.isFinite(value)) return `${(value * 100).toFixed(value >= 0.1 ? 0 : 1)}%`;
  return formatValue(value, digits);
}
