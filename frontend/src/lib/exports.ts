import type { Series, TimeUnit, Transform } from '../api/types';
import { formatWindow, UNIT_DIVISOR } from './time';

/**
 * What an exported chart says about itself, so a PNG or CSV read a week later (or by someone else) still means
 * something: the chart's title, the series it shows, its transform and bucket window, the time range, and where the
 * run was when it was exported.
 */
export interface ExportContext {
  title: string;
  /** the stored series (probe name, `Server.depth`, a chart's series) */
  series: string;
  /** the value's label (the y axis) */
  yLabel: string;
  transform: Transform;
  /** the bucket width in seconds (transforms other than raw) */
  window_s: number | null;
  /** the range shown, seconds; null ends: from the start / up to now */
  range: { start_s: number | null; end_s: number | null };
  /** the simulated time the data was read at */
  now_s: number;
  unit: TimeUnit;
  scenario?: string | null;
}

function t(seconds: number, unit: TimeUnit): string {
  return `${Number((seconds / UNIT_DIVISOR[unit]).toFixed(6))}${unit}`;
}

/** "p99 over 1s buckets", "raw samples". */
export function transformText(c: ExportContext): string {
  if (c.transform === 'raw') return 'raw samples';
  return `${c.transform} over ${formatWindow(c.window_s ?? 1, c.unit)} buckets (a point per bucket, at its start)`;
}

/** "10s – 20s", "start – now (60s)". */
export function rangeText(c: ExportContext): string {
  const a = c.range.start_s === null ? `start (${t(0, c.unit)})` : t(c.range.start_s, c.unit);
  const b = c.range.end_s === null ? `now (${t(c.now_s, c.unit)})` : t(c.range.end_s, c.unit);
  return `${a} – ${b}`;
}

/**
 * Which points of a bucketed series stand for a bucket the range (or the run so far) cuts short: the first when the
 * range starts inside it, the last when the range (or now) ends inside it. Raw series: none.
 */
export function partialBuckets(s: Series, c: ExportContext): boolean[] {
  const out = s.times.map(() => false);
  if (c.transform === 'raw' || !c.window_s || s.times.length === 0) return out;
  const w = c.window_s;
  const start = c.range.start_s ?? 0;
  const end = c.range.end_s ?? c.now_s;
  const eps = 1e-9 * Math.max(1, w);
  if (s.times[0] < start - eps) out[0] = true;
  const last = s.times.length - 1;
  if (s.times[last] + w > end + eps) out[last] = true;
  return out;
}

const esc = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);

/**
 * The CSV of a chart: `#` header lines (title, series, transform and window, range, the run's time, what "partial"
 * means), then the column names and one row per point in the display unit; a bucketed series has a third column
 * marking the partial edge buckets.
 */
export function chartCsv(s: Series, c: ExportContext): string {
  const div = UNIT_DIVISOR[c.unit];
  const bucketed = c.transform !== 'raw';
  const partial = partialBuckets(s, c);
  const lines = [
    `# ${c.title}`,
    `# series: ${c.series}${c.scenario ? ` (model ${c.scenario})` : ''}`,
    `# transform: ${transformText(c)}`,
    `# window: ${bucketed ? formatWindow(c.window_s ?? 1, c.unit) : 'none'}`,
    `# range: ${rangeText(c)}`,
    `# exported at simulated time ${t(c.now_s, c.unit)}; ${s.times.length} points`,
  ];
  if (bucketed) lines.push('# partial: "partial" marks a bucket the range or the end of the run so far cuts short (its value covers part of the window)');
  const label = bucketed ? `${c.yLabel} (${c.transform})` : c.yLabel;
  lines.push(`${esc(`Time (${c.unit})`)},${esc(label)}${bucketed ? ',partial' : ''}`);
  for (let i = 0; i < s.times.length; i++) {
    lines.push(`${s.times[i] / div},${s.values[i]}${bucketed ? `,${partial[i] ? 'partial' : ''}` : ''}`);
  }
  return lines.join('\n') + '\n';
}

/** The lines printed above and below a chart in its PNG. */
export function pngCaptions(c: ExportContext): { title: string; subtitle: string; footer: string } {
  return {
    title: c.title,
    subtitle: `${c.series} · ${transformText(c)}`,
    footer: `x: Time (${c.unit}) · y: ${c.yLabel}${c.transform === 'raw' ? '' : ` (${c.transform})`} · range ${rangeText(c)}${c.scenario ? ` · model ${c.scenario}` : ''}`,
  };
}

/** A PNG canvas: the chart's canvas (axes and their labels drawn by the chart) with its title above and its context below. */
export function composePng(chart: HTMLCanvasElement, c: ExportContext): HTMLCanvasElement {
  const dpr = chart.width / Math.max(1, chart.clientWidth || chart.width);
  const { title, subtitle, footer } = pngCaptions(c);
  const head = Math.round(46 * dpr);
  const foot = Math.round(24 * dpr);
  const out = document.createElement('canvas');
  const measure = out.getContext('2d');
  if (!measure) return chart;
  measure.font = `600 ${Math.round(15 * dpr)}px system-ui, sans-serif`;
  let textWidth = measure.measureText(title).width;
  measure.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
  textWidth = Math.max(textWidth, measure.measureText(subtitle).width, measure.measureText(footer).width);
  // as wide as the chart, or as its captions when they are longer: a caption is never cut
  out.width = Math.max(chart.width, Math.ceil(textWidth + 20 * dpr));
  out.height = chart.height + head + foot;
  const g = out.getContext('2d');
  if (!g) return chart;
  g.fillStyle = '#0b1220';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#f3f4f6';
  g.font = `600 ${Math.round(15 * dpr)}px system-ui, sans-serif`;
  g.textBaseline = 'top';
  g.fillText(title, 10 * dpr, 6 * dpr);
  g.fillStyle = '#9ca3af';
  g.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
  g.fillText(subtitle, 10 * dpr, 27 * dpr);
  g.drawImage(chart, 0, head);
  g.fillText(footer, 10 * dpr, head + chart.height + 6 * dpr);
  return out;
}
