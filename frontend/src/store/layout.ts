import { create } from 'zustand';
import type { ChartConfig, Transform } from '../api/types';
import type { SparkMode } from '../lib/transforms';

export type MainView = 'graph' | 'dashboard';
export type RightTab = 'inspector' | 'events' | 'logs' | 'breakpoints' | 'runs';

/** A probe panel's transform: raw samples, or buckets of `window_s` seconds (as a predefined chart's). */
export interface ProbeTransform {
  transform?: Transform;
  window_s?: number;
}

export type DashPanel =
  | { id: string; kind: 'chart'; chart_id: string; title: string }
  | ({ id: string; kind: 'probe'; probe: string; title: string } & ProbeTransform)
  | ({ id: string; kind: 'entity'; entity: string; metric: string; title: string } & ProbeTransform);

export const TRANSFORMS: Transform[] = ['raw', 'mean', 'p50', 'p99', 'p999', 'max', 'rate'];
/** The server's default bucket width. */
export const DEFAULT_WINDOW_S = 1;

/** A group member taken out of its group node and shown on the graph beside it. */
export interface ExtractedEntity {
  name: string;
  group: string;
  /** where the user dragged it; absent: beside the group */
  x?: number;
  y?: number;
}

export interface GridItem {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export type PinnedChart =
  | { id: string; kind: 'entity_metric'; entity: string; metric: string; mode: SparkMode; x: number; y: number }
  | { id: string; kind: 'probe'; probe: string; x: number; y: number };

export interface LayoutState {
  mainView: MainView;
  rightTab: RightTab;
  rightWidth: number;
  panels: DashPanel[];
  grid: GridItem[];
  /** predefined charts the user closed: they stay closed after a reload */
  removedCharts: string[];
  pinned: PinnedChart[];
  extracted: ExtractedEntity[];
  /** set once the scenario's predefined charts have been offered (switches to the dashboard the first time) */
  seeded: boolean;
}

export const defaultLayout: LayoutState = {
  mainView: 'graph',
  rightTab: 'inspector',
  rightWidth: 400,
  panels: [],
  grid: [],
  removedCharts: [],
  pinned: [],
  extracted: [],
  seeded: false,
};

export const LAYOUT_VERSION = 1;

export function storageKey(scenario: string | null | undefined): string {
  return `happysim.layout.v${LAYOUT_VERSION}.${scenario || 'default'}`;
}

export interface KV {
  getItem(k: string): string | null;
  setItem(k: string, v: string): void;
}

/** Reads a saved layout; anything unreadable falls back to the defaults field by field. */
export function loadLayout(kv: KV | null, scenario: string | null | undefined): LayoutState {
  if (!kv) return { ...defaultLayout };
  try {
    const raw = kv.getItem(storageKey(scenario));
    if (!raw) return { ...defaultLayout };
    const parsed = JSON.parse(raw) as Partial<LayoutState>;
    const out = { ...defaultLayout };
    if (parsed.mainView === 'graph' || parsed.mainView === 'dashboard') out.mainView = parsed.mainView;
    if (['inspector', 'events', 'logs', 'breakpoints', 'runs'].includes(parsed.rightTab as string)) out.rightTab = parsed.rightTab as RightTab;
    if (typeof parsed.rightWidth === 'number' && parsed.rightWidth >= 240) out.rightWidth = parsed.rightWidth;
    if (Array.isArray(parsed.panels)) {
      out.panels = parsed.panels.filter((p) => p && typeof p.id === 'string'
        && (p.kind === 'chart' || p.kind === 'probe' || (p.kind === 'entity' && typeof p.entity === 'string' && typeof p.metric === 'string'))).map(cleanPanel);
    }
    if (Array.isArray(parsed.grid)) out.grid = parsed.grid.filter((g) => g && typeof g.i === 'string');
    if (Array.isArray(parsed.removedCharts)) out.removedCharts = parsed.removedCharts.filter((x) => typeof x === 'string');
    if (Array.isArray(parsed.pinned)) out.pinned = parsed.pinned.filter((p) => p && typeof p.id === 'string');
    if (Array.isArray(parsed.extracted)) {
      out.extracted = parsed.extracted
        .filter((e) => e && typeof e.name === 'string' && typeof e.group === 'string')
        .map((e) => (Number.isFinite(e.x) && Number.isFinite(e.y) ? { name: e.name, group: e.group, x: e.x, y: e.y } : { name: e.name, group: e.group }));
    }
    out.seeded = parsed.seeded === true;
    return out;
  } catch {
    return { ...defaultLayout };
  }
}

/** A probe or entity panel with an unknown transform or a bad window falls back to raw / the default window. */
function cleanPanel(p: DashPanel): DashPanel {
  if (p.kind === 'chart') return p;
  const { transform, window_s, ...rest } = p;
  const out: DashPanel = { ...rest };
  if (transform && transform !== 'raw' && TRANSFORMS.includes(transform)) {
    out.transform = transform;
    out.window_s = typeof window_s === 'number' && window_s > 0 && Number.isFinite(window_s) ? window_s : DEFAULT_WINDOW_S;
  }
  return out;
}

export function saveLayout(kv: KV | null, scenario: string | null | undefined, layout: LayoutState): void {
  if (!kv) return;
  try {
    kv.setItem(storageKey(scenario), JSON.stringify(layout));
  } catch {
    /* quota or private mode: layout just won't survive */
  }
}

/** Where the n-th new panel goes: 3 per row, 4×4 each (as the original). */
export function slotFor(n: number): GridItem {
  return { i: '', x: (n % 3) * 4, y: Math.floor(n / 3) * 4, w: 4, h: 4 };
}

/**
 * Adds the scenario's predefined charts that are neither on the dashboard nor closed by the user.
 * The first time a scenario with charts is seen, the dashboard becomes the main view (as the original).
 */
export function seedCharts(layout: LayoutState, charts: ChartConfig[]): LayoutState {
  const have = new Set(layout.panels.filter((p) => p.kind === 'chart').map((p) => (p as { chart_id: string }).chart_id));
  const removed = new Set(layout.removedCharts);
  const missing = charts.filter((c) => !have.has(c.chart_id) && !removed.has(c.chart_id));
  if (missing.length === 0 && layout.seeded) return layout;
  const panels = [...layout.panels];
  const grid = [...layout.grid];
  for (const c of missing) {
    const id = `chart:${c.chart_id}`;
    panels.push({ id, kind: 'chart', chart_id: c.chart_id, title: c.title || `Chart ${c.chart_id}` });
    grid.push({ ...slotFor(grid.length), i: id });
  }
  const mainView = !layout.seeded && charts.length > 0 ? 'dashboard' : layout.mainView;
  return { ...layout, panels, grid, mainView, seeded: true };
}

/**
 * Puts a probe's chart on the dashboard. Once by default (the inspector's "+ Dashboard" shows the probe, it
 * does not stack copies); with `another`, a further panel of the same probe, so that one probe can be seen raw
 * and as p99 side by side.
 */
export function addProbePanel(layout: LayoutState, probe: string, title: string, another = false): LayoutState {
  const taken = new Set(layout.panels.map((p) => p.id));
  let id = `probe:${probe}`;
  if (taken.has(id)) {
    if (!another) return layout;
    let n = 2;
    while (taken.has(`${id}#${n}`)) n++;
    id = `${id}#${n}`;
  }
  return {
    ...layout,
    panels: [...layout.panels, { id, kind: 'probe', probe, title }],
    grid: [...layout.grid, { ...slotFor(layout.grid.length), i: id }],
  };
}

/**
 * Charts an entity's recorded metric on the dashboard (Add Chart, a group member's "chart this"); once — asking again
 * shows the one there.
 */
export function addEntityPanel(layout: LayoutState, entity: string, metric: string): LayoutState {
  const id = `entity:${entity}:${metric}`;
  if (layout.panels.some((p) => p.id === id)) return layout;
  return {
    ...layout,
    panels: [...layout.panels, { id, kind: 'entity', entity, metric, title: `${entity}.${metric}` }],
    grid: [...layout.grid, { ...slotFor(layout.grid.length), i: id }],
  };
}

/** Sets a probe or entity panel's transform and window (seconds); raw drops the window. Chart panels keep their configured transform. */
export function setProbeTransform(layout: LayoutState, id: string, transform: Transform, window_s?: number): LayoutState {
  return {
    ...layout,
    panels: layout.panels.map((p) => {
      if (p.id !== id || p.kind === 'chart') return p;
      const { transform: _t, window_s: _w, ...rest } = p;
      if (transform === 'raw') return rest;
      const w = window_s !== undefined && window_s > 0 && Number.isFinite(window_s) ? window_s : p.window_s ?? DEFAULT_WINDOW_S;
      return { ...rest, transform, window_s: w };
    }),
  };
}

/** The transform and window a probe panel asks `/api/timeseries` for (nothing for raw: the server's default). */
export function probeQuery(p: ProbeTransform): { transform?: Transform; window_s?: number } {
  if (!p.transform || p.transform === 'raw') return {};
  return { transform: p.transform, window_s: p.window_s ?? DEFAULT_WINDOW_S };
}

/** Takes a group member out onto the graph (once). */
export function extractEntity(layout: LayoutState, name: string, group: string): LayoutState {
  if (layout.extracted.some((e) => e.name === name)) return layout;
  return { ...layout, extracted: [...layout.extracted, { name, group }] };
}

/** Puts an extracted member back into its group. */
export function returnToGroup(layout: LayoutState, name: string): LayoutState {
  if (!layout.extracted.some((e) => e.name === name)) return layout;
  return { ...layout, extracted: layout.extracted.filter((e) => e.name !== name) };
}

export function moveExtracted(layout: LayoutState, name: string, x: number, y: number): LayoutState {
  return { ...layout, extracted: layout.extracted.map((e) => (e.name === name ? { ...e, x, y } : e)) };
}

export function removePanel(layout: LayoutState, id: string): LayoutState {
  const p = layout.panels.find((x) => x.id === id);
  return {
    ...layout,
    panels: layout.panels.filter((x) => x.id !== id),
    grid: layout.grid.filter((g) => g.i !== id),
    removedCharts: p && p.kind === 'chart' ? [...layout.removedCharts, p.chart_id] : layout.removedCharts,
  };
}

const kv: KV | null = typeof localStorage !== 'undefined' ? localStorage : null;

interface LayoutStore extends LayoutState {
  scenario: string | null;
  /** switches to another scenario's saved layout */
  useScenario(scenario: string | null): void;
  update(fn: (l: LayoutState) => LayoutState): void;
}

function pick(s: LayoutStore): LayoutState {
  const { mainView, rightTab, rightWidth, panels, grid, removedCharts, pinned, extracted, seeded } = s;
  return { mainView, rightTab, rightWidth, panels, grid, removedCharts, pinned, extracted, seeded };
}

export const useLayout = create<LayoutStore>((set, get) => ({
  ...defaultLayout,
  scenario: null,
  useScenario(scenario) {
    if (get().scenario === scenario) return;
    set({ ...loadLayout(kv, scenario), scenario });
  },
  update(fn) {
    const next = fn(pick(get()));
    set(next);
    saveLayout(kv, get().scenario, next);
  },
}));
