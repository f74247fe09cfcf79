import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import GridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import { api, exportUrl, maxPointsFor } from '../api/client';
import type { ChartConfig, Series, TimeUnit, Transform } from '../api/types';
import { useSim } from '../store/sim';
import {
  addEntityPanel, addProbePanel, DEFAULT_WINDOW_S, probeQuery, removePanel, setProbeTransform, TRANSFORMS, useLayout, type DashPanel,
} from '../store/layout';
import { jumpToTime } from '../store/actions';
import { clearError, recheck, showError, submitChecked } from '../store/inputs';
import { useLoader, useRefreshKey, useUnit } from '../lib/hooks';
import { formatTime, formatWindow, toDisplay, toSeconds } from '../lib/time';
import { checkTime, checkTimeRange, timeHint } from '../lib/validate';
import { chartCsv, composePng, type ExportContext } from '../lib/exports';
import { metricHelp, metricLabel } from '../lib/metricLabels';
import { sanitizeFileName } from '../lib/transforms';
import { FieldError, useHasError } from './FieldError';
import { UPlotChart } from './UPlotChart';

const EMPTY: Series = { times: [], values: [] };

export function Dashboard() {
  const panels = useLayout((s) => s.panels);
  const grid = useLayout((s) => s.grid);
  const { width, containerRef, mounted } = useContainerWidth();

  const layout: Layout = useMemo(() => panels.map((p) => {
    const g = grid.find((x) => x.i === p.id) ?? { i: p.id, x: 0, y: Infinity, w: 4, h: 4 };
    return { ...g, minW: 2, minH: 2 };
  }), [panels, grid]);

  const onLayoutChange = useCallback((l: Layout) => {
    useLayout.getState().update((s) => ({ ...s, grid: l.map(({ i, x, y, w, h }) => ({ i, x, y, w, h })) }));
  }, []);

  return (
    <div className="dashboard" data-testid="dashboard">
      {panels.length > 0 && <TimeRangeBar />}
      <div className="dashboard-grid" ref={containerRef}>
        {panels.length === 0 && <div className="empty">Add charts from the button below, or pin probes from the Inspector.</div>}
        {mounted && panels.length > 0 && (
          <GridLayout
            width={width}
            layout={layout}
            gridConfig={{ cols: 12, rowHeight: 50, margin: [12, 12] }}
            dragConfig={{ handle: '.drag-handle', cancel: '.no-drag' }}
            onLayoutChange={onLayoutChange}
            autoSize
          >
            {panels.map((p) => (
              <div key={p.id} className="dash-panel" data-testid="dash-panel" data-panel={p.title}>
                <Panel panel={p} />
              </div>
            ))}
          </GridLayout>
        )}
      </div>
      <AddChart />
    </div>
  );
}

function TimeRangeBar() {
  const range = useSim((s) => s.timeRange);
  const now = useSim((s) => s.state?.time_s ?? 0);
  const unit = useUnit();
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const startBad = useHasError('range-start');
  const endBad = useHasError('range-end');
  // a drag-zoom (or a reset) shows up in the inputs
  useEffect(() => {
    const fmt = (v: number | null) => (v === null ? '' : String(Number(toDisplay(v, unit).toFixed(4))));
    setStart(fmt(range.start_s));
    setEnd(fmt(range.end_s));
  }, [range.start_s, range.end_s, unit]);
  const recheckBoth = (a: string, b: string) => {
    const r = checkTimeRange(a, b, unit);
    recheck('range-start', r.start);
    recheck('range-end', r.end);
  };
  const apply = () => {
    const r = checkTimeRange(start, end, unit);
    if (!r.start.ok || !r.end.ok) {
      if (!r.start.ok) showError('range-start', r.start.message);
      else clearError('range-start');
      if (!r.end.ok) showError('range-end', r.end.message);
      else clearError('range-end');
      return;
    }
    submitChecked('range-start', r.start);
    useSim.setState({ timeRange: { start_s: r.start.value, end_s: r.end.value } });
  };
  const all = () => {
    setStart('');
    setEnd('');
    clearError('range-start');
    clearError('range-end');
    useSim.setState({ timeRange: { start_s: null, end_s: null } });
  };
  const shown = range.start_s === null && range.end_s === null
    ? 'all'
    : `${range.start_s === null ? 'start' : formatTime(range.start_s, unit)} – ${range.end_s === null ? 'now' : formatTime(range.end_s, unit)}`;
  return (
    <form className="time-range" noValidate onSubmit={(e) => { e.preventDefault(); apply(); }}>
      <span className="muted">Time range</span>
      <input data-testid="range-start" value={start} className={startBad ? 'invalid' : ''} placeholder={`start (${unit})`} size={9} title={`From: ${timeHint(unit)}; blank: the start`}
        onChange={(e) => { setStart(e.target.value); recheckBoth(e.target.value, end); }} />
      <input data-testid="range-end" value={end} className={endBad ? 'invalid' : ''} placeholder={`end (${unit})`} size={9} title={`To: ${timeHint(unit)}; blank: now`}
        onChange={(e) => { setEnd(e.target.value); recheckBoth(start, e.target.value); }} />
      <button type="submit" data-testid="range-apply">Apply</button>
      <button type="button" data-testid="range-all" onClick={all}>All</button>
      <FieldError id="range-start" />
      <FieldError id="range-end" />
      <span className="muted" data-testid="range-caption">sim: {formatTime(now, unit)} | showing {shown}</span>
      <span className="muted small">drag on a chart to zoom, double-click to reset, click to open the event history there</span>
    </form>
  );
}

function Panel({ panel }: { panel: DashPanel }) {
  const charts = useSim((s) => s.charts);
  const range = useSim((s) => s.timeRange);
  const scenario = useSim((s) => s.state?.scenario ?? null);
  const unit = useUnit();
  const refresh = useRefreshKey(500);
  const [width, setWidth] = useState(0);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const config: ChartConfig | undefined = panel.kind === 'chart' ? charts.find((c) => c.chart_id === panel.chart_id) : undefined;
  const mp = maxPointsFor(width || 300);
  const tq = panel.kind !== 'chart' ? probeQuery(panel) : {};
  const key = width ? `${panel.id}:${tq.transform ?? 'raw'}:${tq.window_s ?? ''}:${range.start_s}:${range.end_s}:${mp}:${refresh}` : null;
  const started = useRef(0);
  const [renderMs, setRenderMs] = useState<number | null>(null);
  // when this panel first drew data, in ms since the page started (the browser test measures the dashboard with it)
  const [drawnAt, setDrawnAt] = useState<number | null>(null);
  const { data, error } = useLoader<Series & { now: number }>(key, async (signal) => {
    started.current = performance.now();
    // the simulated time the data is asked at: the x axis ends there (the answer holds nothing later)
    const now = useSim.getState().state?.time_s ?? 0;
    const opts = { start_s: range.start_s ?? undefined, end_s: range.end_s ?? undefined, max_points: mp };
    const a = panel.kind === 'chart' ? await api.chartData(panel.chart_id, opts, signal)
      : panel.kind === 'probe' ? await api.timeseries(panel.probe, { ...opts, ...tq }, signal)
        : await api.entitySeries(panel.entity, panel.metric, { ...opts, ...tq }, signal);
    const s = { times: a.times ?? [], values: a.values ?? [], now };
    requestAnimationFrame(() => {
      const t = performance.now();
      setRenderMs(t - started.current);
      if (s.times.length > 0) setDrawnAt((d) => d ?? t);
    });
    return s;
  });
  const series = data ?? EMPTY;
  const label = panel.title;
  const transform: Transform = panel.kind !== 'chart' ? tq.transform ?? 'raw' : config?.transform ?? 'raw';
  const windowS = panel.kind !== 'chart' ? tq.window_s ?? null : config?.window_s ?? null;
  // every chart spans the same time: the chosen range, else 0 … now (as of the chart's data)
  const xRange: [number | null, number | null] = [
    toDisplay(range.start_s ?? 0, unit),
    range.end_s !== null ? toDisplay(range.end_s, unit) : data && data.now > (range.start_s ?? 0) ? toDisplay(data.now, unit) : null,
  ];
  const yLabel = config?.y_label || (panel.kind === 'entity' ? metricLabel(panel.metric) : panel.kind === 'probe' ? label : '') || label;
  const context = (): ExportContext => ({
    title: label,
    series: panel.kind === 'chart' ? `chart "${label}"${yLabel && yLabel !== label ? ` in ${yLabel}` : ''}` : panel.kind === 'probe' ? `probe ${panel.probe}` : `${panel.entity}.${panel.metric} (entity history)`,
    yLabel,
    transform,
    window_s: transform === 'raw' ? null : windowS ?? DEFAULT_WINDOW_S,
    range: { ...range },
    now_s: data?.now ?? useSim.getState().state?.time_s ?? 0,
    unit,
    scenario,
  });

  const exportCsv = () => download(new Blob([chartCsv(series, context())], { type: 'text/csv' }), `${sanitizeFileName(label)}.csv`);
  const exportPng = () => {
    const c = canvas.current;
    if (c) composePng(c, context()).toBlob((b) => b && download(b, `${sanitizeFileName(label)}.png`));
  };
  const lastT = series.times.length ? series.times[series.times.length - 1] : null;

  return (
    <>
      <div className="panel-title drag-handle">
        <span className="title" title={panel.kind === 'entity' ? metricHelp(panel.metric) : label}>{label}</span>
        {config && (
          <span className="transform" data-testid="transform" title="the scenario's configured transform">
            {config.transform}{config.transform !== 'raw' && config.window_s ? ` / ${formatWindow(config.window_s, unit)}` : ''}
          </span>
        )}
        {panel.kind !== 'chart' && <TransformPicker panel={panel} unit={unit} />}
        <span className="spacer" />
        <button className="small-btn no-drag" data-testid="export-png" onClick={exportPng} title="The chart as an image, with its title, series, transform and range">PNG</button>
        <CsvMenu onShown={exportCsv} series={panel.kind === 'probe' ? panel.probe : undefined} chartId={panel.kind === 'chart' ? panel.chart_id : undefined} />
        <button className="icon no-drag" title="Remove" onClick={() => useLayout.getState().update((l) => removePanel(l, panel.id))}>×</button>
      </div>
      {panel.kind !== 'chart' && <div className="panel-error"><FieldError id={`window-${panel.id}`} /></div>}
      <div className="panel-body no-drag" data-testid="dash-chart" data-loaded={data ? '1' : '0'} data-points={series.times.length}
        data-transform={transform} data-last-t={lastT === null ? '' : lastT}
        data-max-points={mp} data-render-ms={renderMs === null ? '' : renderMs.toFixed(1)} data-drawn-at={drawnAt === null ? '' : drawnAt.toFixed(1)}>
        {error && <div className="error small">{error}</div>}
        {data && series.times.length === 0 && <div className="empty small">{emptyText(data.now, range)}</div>}
        <UPlotChart
          series={series}
          unit={unit}
          color={config?.color || (panel.kind === 'entity' ? '#22c55e' : '#3b82f6')}
          label={label}
          yLabel={transform === 'raw' ? yLabel : `${yLabel} (${transform})`}
          xLabel={config?.x_label ? config.x_label.replace(/\(s\)/, `(${unit})`) : undefined}
          yMin={config?.y_min ?? null}
          yMax={config?.y_max ?? null}
          xRange={xRange}
          onZoom={(a, b) => useSim.setState({ timeRange: { start_s: toSeconds(a, unit), end_s: toSeconds(b, unit) } })}
          onResetZoom={() => useSim.setState({ timeRange: { start_s: null, end_s: null } })}
          onPointClick={(t) => jumpToTime(Math.max(0, toSeconds(t, unit)))}
          onPlotWidth={setWidth}
          canvasRef={(c) => (canvas.current = c)}
        />
      </div>
    </>
  );
}

/**
 * The chart's CSV: the points shown (downsampled, with the chart's transform), or every stored sample of its series
 * in the dashboard's time range (streamed by the server from the run's history).
 */
function CsvMenu({ onShown, series, chartId }: { onShown: () => void; series?: string; chartId?: string }) {
  const [open, setOpen] = useState(false);
  const range = useSim((s) => s.timeRange);
  const run = useSim((s) => s.viewing?.id ?? s.state?.run_id ?? null);
  const stored = useSim((s) => series ?? s.chartSeries.find((c) => c.chart_id === chartId)?.series);
  // a chart's stored series is in its run's view: read when first asked for, not on every page load
  const toggle = () => {
    if (!open && !stored && run !== null) {
      api.run(run).then((r) => useSim.setState({ chartSeries: r.charts }), () => undefined);
    }
    setOpen(!open);
  };
  return (
    <span className="download-menu no-drag">
      <button className={`small-btn${open ? ' on' : ''}`} data-testid="export-csv" onClick={toggle}>CSV ▾</button>
      {open && (
        <span className="menu" data-testid="export-csv-menu" onClick={() => setOpen(false)}>
          <button data-testid="export-csv-shown" onClick={onShown} title="The chart's points, with header lines saying what they are">points shown</button>
          {run !== null && stored && (
            <a data-testid="export-csv-all" href={exportUrl.series(run, stored, range.start_s, range.end_s)} download
              title={`every stored sample of ${stored} in the time range`}>all samples in range</a>
          )}
        </span>
      )}
    </span>
  );
}

/** What an empty chart says: nothing recorded yet, or nothing in the chosen range. */
function emptyText(now: number, range: { start_s: number | null; end_s: number | null }): string {
  if (range.start_s !== null || range.end_s !== null) return 'No data in this time range';
  return now > 0 ? 'No samples yet' : 'No data yet — Step or Play';
}

/** A probe or entity panel's transform and bucket window (typed in the display unit, or with a unit: 0.5s, 2min, 1h). */
function TransformPicker({ panel, unit }: { panel: Extract<DashPanel, { kind: 'probe' | 'entity' }>; unit: TimeUnit }) {
  const transform = panel.transform ?? 'raw';
  const windowS = panel.window_s ?? DEFAULT_WINDOW_S;
  const shown = formatWindow(windowS, unit);
  const [text, setText] = useState(shown);
  const field = `window-${panel.id}`;
  const bad = useHasError(field);
  useEffect(() => setText(shown), [shown]);
  const commit = () => {
    const w = submitChecked(field, checkTime(text, unit, { positive: true }));
    if (w === undefined || w === null) return;
    useLayout.getState().update((l) => setProbeTransform(l, panel.id, transform, w));
  };
  return (
    <span className="transform-picker no-drag">
      <select data-testid="panel-transform" value={transform} title="transform"
        onChange={(e) => useLayout.getState().update((l) => setProbeTransform(l, panel.id, e.target.value as Transform))}>
        {TRANSFORMS.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      {transform !== 'raw' && (
        <input data-testid="panel-window" className={`window${bad ? ' invalid' : ''}`} value={text} size={5} title={`bucket window: ${timeHint(unit)}`}
          onChange={(e) => { setText(e.target.value); recheck(field, checkTime(e.target.value, unit, { positive: true })); }} onBlur={commit}
          onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); if (e.key === 'Escape') { setText(shown); clearError(field); } }} />
      )}
    </span>
  );
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function AddChart() {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const panels = useLayout((s) => s.panels);
  const refresh = useRefreshKey(2000);
  const { data: probes } = useLoader(open ? 'probes' : null, () => api.probes());
  const { data: metrics } = useLoader(open ? `metrics:${refresh}` : null, (signal) => api.entityMetrics(signal));
  const charts = useSim((s) => s.charts);
  const removedCharts = useLayout((s) => s.removedCharts);
  const closed = charts.filter((c) => removedCharts.includes(c.chart_id) && !panels.some((p) => p.id === `chart:${c.chart_id}`));
  const q = filter.trim().toLowerCase();
  const hit = (text: string) => !q || text.toLowerCase().includes(q);
  const entityRows = Object.entries(metrics ?? {}).flatMap(([entity, ms]) => ms.map((m) => ({ entity, metric: m })))
    .filter((r) => hit(`${r.entity}.${r.metric} ${metricLabel(r.metric)}`));
  const shownProbes = (probes ?? []).filter((p) => hit(`${p.target}.${p.metric} ${p.name}`));
  return (
    <div className="add-chart">
      {open && (
        <div className="add-menu" data-testid="add-chart-menu">
          <input placeholder="filter: entity or metric" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="add-chart-filter" autoFocus />
          {shownProbes.length > 0 && <div className="menu-section">Probes</div>}
          {shownProbes.map((p) => {
            const shown = panels.filter((x) => x.kind === 'probe' && x.probe === p.name).length;
            return (
              <button key={p.name} data-testid="add-probe" data-series={`${p.target}.${p.metric}`}
                onClick={() => { useLayout.getState().update((l) => addProbePanel(l, p.name, `${p.target}.${p.metric}`, true)); setOpen(false); }}>
                {p.target}.{p.metric} {shown > 0 && <span className="muted">({shown} shown, add another)</span>}
              </button>
            );
          })}
          {closed.map((c) => (
            <button key={c.chart_id} onClick={() => {
              useLayout.getState().update((l) => ({ ...l, removedCharts: l.removedCharts.filter((x) => x !== c.chart_id), seeded: true }));
              useLayout.getState().update((l) => {
                const id = `chart:${c.chart_id}`;
                return { ...l, panels: [...l.panels, { id, kind: 'chart', chart_id: c.chart_id, title: c.title }], grid: [...l.grid, { i: id, x: 0, y: 1000, w: 4, h: 4 }] };
              });
              setOpen(false);
            }}>{c.title} (chart)</button>
          ))}
          {entityRows.length > 0 && <div className="menu-section">Entity metrics (recorded every 0.1 s)</div>}
          {entityRows.map((r) => {
            const shown = panels.some((x) => x.kind === 'entity' && x.entity === r.entity && x.metric === r.metric);
            return (
              <button key={`${r.entity}.${r.metric}`} data-testid="add-entity-metric" data-series={`${r.entity}.${r.metric}`} title={metricHelp(r.metric)}
                onClick={() => { useLayout.getState().update((l) => addEntityPanel(l, r.entity, r.metric)); setOpen(false); }}>
                {r.entity}.{r.metric}{metricLabel(r.metric) !== r.metric && <span className="muted"> — {metricLabel(r.metric)}</span>}
                {shown && <span className="muted"> (shown)</span>}
              </button>
            );
          })}
          {probes && metrics && shownProbes.length === 0 && closed.length === 0 && entityRows.length === 0 && (
            <div className="muted small">{q ? 'Nothing matches' : 'Nothing recorded yet — Step or Play'}</div>
          )}
        </div>
      )}
      <button className="btn-add" data-testid="add-chart" onClick={() => setOpen(!open)}>+ Add Chart</button>
    </div>
  );
}
