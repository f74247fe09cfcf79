import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Series, TimeUnit } from '../api/types';
import { compactSplits, toPlotData, yRange } from '../lib/transforms';

export interface UPlotChartProps {
  series: Series;
  unit: TimeUnit;
  color?: string;
  label?: string;
  yLabel?: string;
  xLabel?: string;
  yMin?: number | null;
  yMax?: number | null;
  /** small charts: no axes labels, smaller fonts */
  compact?: boolean;
  /** fixed x range in the display unit (null ends = auto) */
  xRange?: [number | null, number | null];
  /** drag-to-zoom: the selected range in the display unit */
  onZoom?: (startDisplay: number, endDisplay: number) => void;
  /** double-click */
  onResetZoom?: () => void;
  /** a click (no drag) at a time in the display unit */
  onPointClick?: (timeDisplay: number) => void;
  /** the plot area's width in CSS pixels, for max_points */
  onPlotWidth?: (px: number) => void;
  /** gives the canvas (PNG export) */
  canvasRef?: (c: HTMLCanvasElement | null) => void;
  testId?: string;
}

const AXIS = '#9ca3af';
const GRID = '#1f2937';

/** A time-series line chart on uPlot, sized to its container. */
export function UPlotChart(props: UPlotChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const tip = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  // Build once per visual configuration; data updates go through setData.
  const { color = '#3b82f6', compact = false, unit, yLabel, xLabel, label } = props;
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const width = Math.max(50, el.clientWidth);
    const height = Math.max(40, el.clientHeight);
    const font = compact ? '10px system-ui, sans-serif' : '11px system-ui, sans-serif';
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: false },
      padding: compact ? [4, 6, 0, 0] : [8, 12, 0, 0],
      scales: {
        x: {
          time: false,
          range: (_u, dmin, dmax) => {
            const r = propsRef.current.xRange;
            let lo = r?.[0] ?? dmin;
            let hi = r?.[1] ?? dmax;
            if (lo === null || !Number.isFinite(lo)) lo = 0;
            if (hi === null || !Number.isFinite(hi) || hi <= lo) hi = lo + 1;
            return [lo, hi];
          },
        },
        y: {
          range: (u) => yRange((u.data[1] as number[]) ?? [], propsRef.current.yMin ?? null, propsRef.current.yMax ?? null),
        },
      },
      series: [
        {},
        {
          label: label ?? 'value',
          stroke: color,
          width: 1.5,
          fill: color + '18',
          // a series of one or two points has no line to see: draw its points
          points: { show: (u: uPlot) => ((u.data[0] as number[])?.length ?? 0) <= 2, size: 6, fill: color },
        },
      ],
      axes: [
        {
          stroke: AXIS,
          font,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1, size: compact ? 4 : 10 },
          label: compact ? undefined : xLabel ?? `Time (${unit})`,
          labelFont: font,
          labelSize: compact ? 0 : 16,
          size: compact ? 22 : 36,
          values: (_u, splits) => splits.map((v) => fmtTick(v)),
        },
        {
          stroke: AXIS,
          font,
          grid: { stroke: GRID, width: 1 },
          ticks: { stroke: GRID, width: 1, size: compact ? 4 : 10 },
          label: compact ? undefined : yLabel || undefined,
          labelFont: font,
          labelSize: compact || !yLabel ? 0 : 16,
          // wide enough for the longest label ("0.080", "12.3k"): a fixed width cut them off
          size: (_u: uPlot, values: string[] | null) => {
            const longest = Math.max(1, ...(values ?? []).map((v) => (v ?? '').length));
            return Math.max(compact ? 30 : 40, Math.ceil(longest * (compact ? 6.2 : 6.8)) + (compact ? 12 : 16));
          },
          // a small chart has room for two labels: the data's low and high ends (not just "0")
          ...(compact ? { splits: (u: uPlot) => compactSplits((u.data[1] as number[]) ?? [], propsRef.current.yMin ?? null) } : {}),
          values: (_u, splits) => splits.map((v) => fmtTick(v)),
        },
      ],
      cursor: {
        drag: { x: true, y: false, setScale: false },
        points: { size: 7, fill: color },
      },
      hooks: {
        setSelect: [
          (u) => {
            const sel = u.select;
            if (sel.width >= 5 && propsRef.current.onZoom) {
              const a = u.posToVal(sel.left, 'x');
              const b = u.posToVal(sel.left + sel.width, 'x');
              propsRef.current.onZoom(Math.min(a, b), Math.max(a, b));
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const t = tip.current;
            if (!t) return;
            const idx = u.cursor.idx;
            if (idx === null || idx === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
              t.style.display = 'none';
              return;
            }
            const xs = u.data[0] as number[];
            const ys = u.data[1] as (number | null)[];
            const v = ys[idx];
            if (v === null || v === undefined) {
              t.style.display = 'none';
              return;
            }
            t.style.display = 'block';
            t.textContent = `${fmtNum(xs[idx], 2)}${unit}  ${fmtNum(v, 4)}`;
            const left = u.cursor.left + u.over.offsetLeft;
            const flip = left > u.over.clientWidth * 0.6;
            t.style.left = flip ? '' : `${left + 10}px`;
            t.style.right = flip ? `${u.root.clientWidth - left + 10}px` : '';
            t.style.top = `${(u.cursor.top ?? 0) + u.over.offsetTop - 24}px`;
          },
        ],
        ready: [
          (u) => {
            propsRef.current.canvasRef?.(u.ctx.canvas);
            propsRef.current.onPlotWidth?.(u.over.clientWidth || u.bbox.width / devicePixelRatio);
            let downX = 0;
            let pending: ReturnType<typeof setTimeout> | null = null;
            u.over.addEventListener('mousedown', (e) => (downX = e.clientX));
            u.over.addEventListener('click', (e) => {
              if (Math.abs(e.clientX - downX) > 3 || !propsRef.current.onPointClick) return;
              const rect = u.over.getBoundingClientRect();
              const t = u.posToVal(e.clientX - rect.left, 'x');
              // wait: the click may be half of a double-click (which resets the zoom instead)
              if (pending) clearTimeout(pending);
              pending = setTimeout(() => {
                pending = null;
                propsRef.current.onPointClick?.(t);
              }, 250);
            });
            u.over.addEventListener('dblclick', () => {
              if (pending) clearTimeout(pending);
              pending = null;
              propsRef.current.onResetZoom?.();
            });
          },
        ],
      },
    };
    const u = new uPlot(opts, toPlotData(propsRef.current.series, unit), el);
    plot.current = u;
    const ro = new ResizeObserver(() => {
      const w = Math.max(50, el.clientWidth);
      const h = Math.max(40, el.clientHeight);
      if (Math.abs(w - u.width) > 1 || Math.abs(h - u.height) > 1) {
        u.setSize({ width: w, height: h });
        propsRef.current.onPlotWidth?.(u.over.clientWidth || u.bbox.width / devicePixelRatio);
      }
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
      propsRef.current.canvasRef?.(null);
    };
  }, [color, compact, unit, yLabel, xLabel, label]);

  useEffect(() => {
    plot.current?.setData(toPlotData(props.series, unit), true);
  }, [props.series, unit, props.xRange?.[0], props.xRange?.[1], props.yMin, props.yMax]);

  return (
    <div className="uplot-host" data-testid={props.testId} data-points={props.series.times.length}>
      <div ref={host} className="uplot-canvas-host" />
      <div ref={tip} className="chart-tip" data-testid="chart-tip" />
    </div>
  );
}

function fmtTick(v: number | null): string {
  if (v === null) return '';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (Number.isInteger(v)) return String(v);
  return a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toPrecision(2);
}

function fmtNum(v: number, digits: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(digits);
}
