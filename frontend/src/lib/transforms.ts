import type { Series, TimeUnit } from '../api/types';
import { UNIT_DIVISOR } from './time';

/** The sparkline / pinned-metric display modes (as the original Inspector): click cycles through them. */
export type SparkMode = 'total' | 'rate' | 'avg' | 'p99';
export const SPARK_MODES: SparkMode[] = ['total', 'rate', 'avg', 'p99'];
export const SPARK_MODE_LABEL: Record<SparkMode, string> = { total: 'total', rate: '/s', avg: 'avg', p99: 'p99' };

export function nextSparkMode(m: SparkMode): SparkMode {
  return SPARK_MODES[(SPARK_MODES.indexOf(m) + 1) % SPARK_MODES.length];
}

/** Consecutive differences divided by dt, placed at the midpoints. Zero-length intervals are skipped. */
export function toRate(s: Series): Series {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < s.times.length; i++) {
    const dt = s.times[i] - s.times[i - 1];
    if (dt <= 0) continue;
    times.push((s.times[i] + s.times[i - 1]) / 2);
    values.push((s.values[i] - s.values[i - 1]) / dt);
  }
  return { times, values };
}

/**
 * Buckets of `width` seconds starting at the first time; one point per non-empty bucket at its centre.
 * `avg` = mean; `p99` = sorted[ceil(n × 0.99) − 1] (as the original's sparkline).
 */
export function toBucketed(s: Series, width: number, agg: 'avg' | 'p99'): Series {
  const times: number[] = [];
  const values: number[] = [];
  if (s.times.length === 0 || width <= 0) return { times, values };
  const t0 = s.times[0];
  let current = -1;
  let bucket: number[] = [];
  const flush = () => {
    if (bucket.length === 0) return;
    times.push(t0 + current * width + width / 2);
    if (agg === 'avg') {
      values.push(bucket.reduce((a, b) => a + b, 0) / bucket.length);
    } else {
      const sorted = [...bucket].sort((a, b) => a - b);
      values.push(sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)]);
    }
    bucket = [];
  };
  for (let i = 0; i < s.times.length; i++) {
    const idx = Math.floor((s.times[i] - t0) / width);
    if (idx !== current) {
      flush();
      current = idx;
    }
    bucket.push(s.values[i]);
  }
  flush();
  return { times, values };
}

export function applySparkMode(s: Series, mode: SparkMode, bucketWidth = 1.0): Series {
  switch (mode) {
    case 'total':
      return s;
    case 'rate':
      return toRate(s);
    case 'avg':
      return toBucketed(s, bucketWidth, 'avg');
    case 'p99':
      return toBucketed(s, bucketWidth, 'p99');
  }
}

/**
 * How long (seconds) one flow dot takes along an edge: faster for higher rates, as the original
 * (max(1.5, 6 / (1 + rate/10))), quantised to 0.5 s so the SVG animation is not restarted on every update.
 * Null when nothing flows.
 */
export function flowDuration(rate: number | undefined): number | null {
  if (!rate || rate <= 0 || !Number.isFinite(rate)) return null;
  const d = Math.max(1.5, 6 / (1 + rate / 10));
  return Math.round(d * 2) / 2;
}

/** CSV text of one series in the display unit: header `"Time (<unit>)",<label>`, rows `t,v`. */
export function seriesToCsv(s: Series, label: string, unit: TimeUnit): string {
  const div = UNIT_DIVISOR[unit];
  const esc = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const lines = [`${esc(`Time (${unit})`)},${esc(label)}`];
  for (let i = 0; i < s.times.length; i++) lines.push(`${s.times[i] / div},${s.values[i]}`);
  return lines.join('\n') + '\n';
}

/** A file name from a chart label: letters, digits, '-', '_' and '.' kept, the rest '_'. */
export function sanitizeFileName(label: string): string {
  const s = label.trim().replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '');
  return s || 'chart';
}

/** Converts a series in seconds to uPlot's aligned arrays in the display unit. */
export function toPlotData(s: Series, unit: TimeUnit): [number[], number[]] {
  const div = UNIT_DIVISOR[unit];
  return [div === 1 ? s.times.slice() : s.times.map((t) => t / div), s.values.slice()];
}

/** Numeric metric names of an entity state, in order. */
export function numericKeys(state: Record<string, unknown> | undefined): string[] {
  if (!state) return [];
  return Object.keys(state).filter((k) => typeof state[k] === 'number');
}

/**
 * What a node's card shows: the first two plain values (numbers, words, flags) the component lists, in its
 * own order — a component puts its most telling metrics first (a server its depth and ρ, a breaker its state).
 */
export function keyMetrics(state: Record<string, unknown> | undefined): [string, unknown][] {
  if (!state) return [];
  return Object.entries(state)
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .slice(0, 2);
}

/** A y range for a chart: [y_min ?? auto, y_max ?? auto]; uPlot gets null for "auto". */
export function yRange(values: number[], yMin: number | null, yMax: number | null): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const min = yMin ?? Math.min(0, lo);
  // a flat series (all zero, say) gets a unit range, not one of 1e-9
  let max = yMax ?? (hi > min ? hi : min + 1);
  if (max <= min) max = min + 1;
  if (yMax === null) max = max + (max - min) * 0.05;
  return [min, max];
}

/** The y labels of a compact chart: the bottom of its range and the data's maximum. */
export function compactSplits(values: number[], yMin: number | null): number[] {
  const [lo] = yRange(values, yMin, null);
  let hi = -Infinity;
  for (const v of values) if (v > hi) hi = v;
  return Number.isFinite(hi) && hi > lo ? [lo, hi] : [lo];
}
