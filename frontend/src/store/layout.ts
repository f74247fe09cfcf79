import { create } from 'zustand';
import type { ChartConfig } from '../api/types';
import type { SparkMode } from '../lib/transforms';

export type MainView = 'graph' | 'dashboard';
export type RightTab = 'inspector' | 'events' | 'logs' | 'breakpoints';

export type DashPanel =
  | { id: string; kind: 'chart'; chart_id: string; title: string }
  | { id: string; kind: 'probe'; probe: string; title: string };

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
    if (['inspector', 'events', 'logs', 'breakpoints'].includes(parsed.rightTab as string)) out.rightTab = parsed.rightTab as RightTab;
    if (typeof parsed.rightWidth === 'number' && parsed.rightWidth >= 240) out.rightWidth = parsed.rightWidth;
    if (Array.isArray(parsed.panels)) out.panels = parsed.panels.filter((p) => p && typeof p.id === 'string' && (p.kind === 'chart' || p.kind === 'probe'));
    if (Array.isArray(parsed.grid)) out.grid = parsed.grid.filter((g) => g && typeof g.i === 'string');
    if (Array.isArray(parsed.removedCharts)) out.removedCharts = parsed.removedCharts.filter((x) => typeof x === 'string');
    if (Array.isArray(parsed.pinned)) out.pinned = parsed.pinned.filter((p) => p && typeof p.id === 'string');
    out.seeded = parsed.seeded === true;
    return out;
  } catch {
    return { ...defaultLayout };
  }
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

export function addProbePanel(layout: LayoutState, probe: string, title: string): LayoutState {
  const id = `probe:${probe}`;
  if (layout.panels.some((p) => p.id === id)) return layout;
  return {
    ...layout,
    panels: [...layout.panels, { id, kind: 'probe', probe, title }],
    grid: [...layout.grid, { ...slotFor(layout.grid.length), i: id }],
  };
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
  const { mainView, rightTab, rightWidth, panels, grid, removedCharts, pinned, seeded } = s;
  return { mainView, rightTab, rightWidth, panels, grid, removedCharts, pinned, seeded };
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
