import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api, maxPointsFor } from '../api/client';
import type { ChartConfig, PairedSeriesAnswer, RunComparison, RunInfo, TimeUnit } from '../api/types';
import { closeCompare, openRun } from '../store/actions';
import { useLoader } from '../lib/hooks';
import { alignPair, describeChanged, difference, formatSummaryValue, groupRows, runLabel } from '../lib/runs';
import { formatBytes, formatTime, toDisplay } from '../lib/time';
import { yRange } from '../lib/transforms';

/** The two runs' colours: the same in the legend, the table's headers and the charts. */
export const RUN_COLORS = ['#3b82f6', '#f59e0b'] as const;

const GROUP_TITLES: Record<string, string> = { run: 'Run', sinks: 'Sinks', totals: 'Totals', metrics: 'Every metric at the end' };

/**
 * Two runs side by side: their charts overlaid on one time axis (one colour per run, the legend names the run) and
 * a summary table (events, simulated time, throughput, latency per sink, drops, timeouts …) with differences marked.
 */
export function ComparePanel({ a, b }: { a: number; b: number }) {
  const { data, error } = useLoader<RunComparison>(`compare:${a}:${b}`, (signal) => api.compare(a, b, signal));
  const [onlyDifferent, setOnlyDifferent] = useState(false);
  if (error) {
    return (
      <div className="compare" data-testid="compare">
        <div className="error" data-testid="compare-error">{error}</div>
        <button onClick={closeCompare}>Close</button>
      </div>
    );
  }
  if (!data) return <div className="compare empty" data-testid="compare">Loading the comparison…</div>;
  const unit = data.a.time_unit;
  const groups = groupRows(data.summary, onlyDifferent);
  return (
    <div className="compare" data-testid="compare" data-a={a} data-b={b}>
      <div className="compare-head">
        <b>Compare</b>
        <RunChip run={data.a} color={RUN_COLORS[0]} />
        <span className="muted">vs</span>
        <RunChip run={data.b} color={RUN_COLORS[1]} />
        <span className="spacer" />
        <button className="small-btn" data-testid="compare-close" onClick={closeCompare}>Close</button>
      </div>
      <div className="compare-charts" data-testid="compare-charts">
        {data.charts.length === 0 && <div className="empty">These runs share no chart.</div>}
        {data.charts.map((c) => <PairChart key={c.chart_id} a={a} b={b} chart={c} unit={unit} runA={data.a} runB={data.b} />)}
      </div>
      <div className="compare-summary">
        <div className="log-toolbar">
          <b>Summary</b>
          <label className="check"><input type="checkbox" checked={onlyDifferent} onChange={(e) => setOnlyDifferent(e.target.checked)} data-testid="compare-only-diff" />only differences</label>
          <span className="muted small">{data.summary.filter((r) => r.differs).length} of {data.summary.length} differ</span>
        </div>
        <table className="summary-table" data-testid="compare-summary">
          <thead>
            <tr>
              <th />
              <th style={{ color: RUN_COLORS[0] }}>run {data.a.id}</th>
              <th style={{ color: RUN_COLORS[1] }}>run {data.b.id}</th>
              <th>difference</th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.group}>
              <tr className="group"><td colSpan={4}>{GROUP_TITLES[g.group] ?? g.group}</td></tr>
              {g.rows.map((r) => (
                <tr key={r.key} className={r.differs ? 'differs' : ''} data-testid="summary-row" data-key={r.key} data-differs={r.differs ? '1' : '0'}>
                  <td className="label" title={r.key}>{r.label}</td>
                  <td className="num">{formatSummaryValue(r.a)}</td>
                  <td className="num">{formatSummaryValue(r.b)}</td>
                  <td className="num diff">{r.differs ? difference(r.a, r.b) : '='}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
        <div className="muted small compare-foot">
          Sizes: run {data.a.id} {formatBytes(data.a.bytes)}, run {data.b.id} {formatBytes(data.b.bytes)} · times reached {formatTime(data.a.time_reached_s, unit)} and {formatTime(data.b.time_reached_s, data.b.time_unit)}
        </div>
      </div>
    </div>
  );
}

function RunChip({ run, color }: { run: RunInfo; color: string }) {
  return (
    <span className="run-chip" data-testid="compare-run" style={{ borderColor: color }}>
      <span className="swatch" style={{ background: color }} />
      <button className="link" onClick={() => void openRun(run.id)} title="Open this run read-only">run {run.id}</button>
      <span className="muted">{run.scenario} · seed {run.seed} · {describeChanged(run.params_changed)}</span>
    </span>
  );
}

/** One chart both runs have, the two series overlaid on one time axis. */
function PairChart({ a, b, chart, unit, runA, runB }: { a: number; b: number; chart: ChartConfig; unit: TimeUnit; runA: RunInfo; runB: RunInfo }) {
  const [width, setWidth] = useState(0);
  const mp = maxPointsFor(width || 400);
  const { data, error } = useLoader<PairedSeriesAnswer>(width ? `${a}:${b}:${chart.chart_id}:${mp}` : null,
    (signal) => api.compareChart(a, b, chart.chart_id, { max_points: mp }, signal));
  return (
    <div className="compare-chart" data-testid="compare-chart" data-chart={chart.chart_id}
      data-points-a={data ? data.series[0].times.length : ''} data-points-b={data ? data.series[1].times.length : ''}>
      <div className="panel-title"><span className="title">{chart.title}</span><span className="transform">{chart.transform}</span></div>
      {error && <div className="error small">{error}</div>}
      <OverlayChart data={data} unit={unit} yLabel={chart.y_label} labels={[runLabel(runA), runLabel(runB)]} onWidth={setWidth}
        xMax={Math.max(runA.time_reached_s, runB.time_reached_s)} />
    </div>
  );
}

/** uPlot with two series on the union of their times; the legend names each run. */
function OverlayChart({ data, unit, yLabel, labels, onWidth, xMax }: {
  data: PairedSeriesAnswer | null; unit: TimeUnit; yLabel?: string; labels: [string, string]; onWidth: (px: number) => void;
  /** the axis spans 0 … the later run's end, so every chart of the comparison has the same time axis */
  xMax: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const onWidthRef = useRef(onWidth);
  onWidthRef.current = onWidth;
  const plotData = (): uPlot.AlignedData => {
    if (!data) return [[], [], []];
    const [xs, ya, yb] = alignPair(data.series[0], data.series[1]);
    return [xs.map((t) => toDisplay(t, unit)), ya, yb];
  };
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const line = (label: string, color: string): uPlot.Series => ({ label, stroke: color, width: 1.5, spanGaps: true, points: { show: false } });
    const u = new uPlot({
      width: Math.max(50, el.clientWidth),
      height: Math.max(80, el.clientHeight - 28),
      legend: { show: true, live: false },
      scales: {
        x: { time: false, range: (_u, _lo, hi) => [0, Math.max(toDisplay(xMax, unit), hi ?? 0) || 1] },
        y: { range: (u) => yRange([...(u.data[1] ?? []), ...(u.data[2] ?? [])].filter((v): v is number => v !== null && v !== undefined), null, null) },
      },
      series: [{ label: `time (${unit})` }, line(labels[0], RUN_COLORS[0]), line(labels[1], RUN_COLORS[1])],
      axes: [
        { stroke: '#9ca3af', grid: { stroke: '#1f2937' }, ticks: { stroke: '#1f2937' }, label: `Time (${unit})`, labelSize: 16 },
        { stroke: '#9ca3af', grid: { stroke: '#1f2937' }, ticks: { stroke: '#1f2937' }, label: yLabel || undefined, labelSize: yLabel ? 16 : 0, size: 56 },
      ],
    }, plotData(), el);
    plot.current = u;
    onWidthRef.current(u.over.clientWidth || u.width);
    const ro = new ResizeObserver(() => {
      const w = Math.max(50, el.clientWidth);
      const h = Math.max(80, el.clientHeight - 28);
      if (Math.abs(w - u.width) > 1 || Math.abs(h - u.height) > 1) {
        u.setSize({ width: w, height: h });
        onWidthRef.current(u.over.clientWidth || w);
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [unit, yLabel, labels[0], labels[1], xMax]);
  useEffect(() => {
    plot.current?.setData(plotData(), true);
  }, [data, unit]);
  return <div ref={host} className="overlay-host" data-testid="overlay-chart" />;
}
