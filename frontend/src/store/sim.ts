import { create } from 'zustand';
import type {
  Breakpoint, ChartConfig, DroppedBreakpoint, EdgeStats, ProbeInfo, RecordedEvent, RecordedLog, RunChart, RunInfo, Scenario, ServerMessage, SimState,
  StepResult, TimeUnit, Topology, TopologyEdge,
} from '../api/types';
import { formatTime, toDisplay } from '../lib/time';
import type { ConnectionStatus } from '../api/socket';

/** Rows kept for the live tail (the history view reads the store for everything else). */
export const LIVE_CAP = 2000;

/** What this page started (or saw start): a play, a debug play, a run-to; null when nothing runs. */
export type PlayMode = 'play' | 'debug' | 'run' | null;

export interface Notice {
  kind: 'info' | 'error' | 'breakpoint';
  text: string;
  at: number;
}

export interface TimeRange {
  start_s: number | null;
  end_s: number | null;
}

export interface SimStore {
  connection: ConnectionStatus;
  topology: Topology | null;
  state: SimState | null;
  edgeStats: EdgeStats;
  /** edges first seen at run time (new_edges), merged into the graph */
  runtimeEdges: TopologyEdge[];
  liveEvents: RecordedEvent[];
  liveLogs: RecordedLog[];
  droppedEvents: number;
  droppedLogs: number;
  playMode: PlayMode;
  speed: number;
  charts: ChartConfig[];
  probes: ProbeInfo[];
  breakpoints: Breakpoint[];
  scenarios: Scenario[];
  lastBreakpoint: Breakpoint | null;
  /** breakpoints the last change of model left behind (with why), until the user dismisses them */
  droppedBreakpoints: { items: DroppedBreakpoint[] } | null;
  notice: Notice | null;
  selected: string | null;
  /** bumped on Restart and scenario change: every view drops what it holds */
  epoch: number;
  /** shared dashboard time range, seconds; null ends = open */
  timeRange: TimeRange;
  /** a request to open the history view at a time (timeline / chart click) */
  historyJump: { time_s: number; nonce: number } | null;
  /** a past run opened read-only: every view shows it instead of the live run (null: live) */
  viewing: RunInfo | null;
  /** two runs compared side by side in the main area (a = the older) */
  compare: { a: number; b: number } | null;
  /** the charts of the run shown, with the stored series each reads (for "all samples in range") */
  chartSeries: RunChart[];
}

export const initialSimStore: SimStore = {
  connection: 'connecting',
  topology: null,
  state: null,
  edgeStats: {},
  runtimeEdges: [],
  liveEvents: [],
  liveLogs: [],
  droppedEvents: 0,
  droppedLogs: 0,
  playMode: null,
  speed: 1,
  charts: [],
  probes: [],
  breakpoints: [],
  scenarios: [],
  lastBreakpoint: null,
  droppedBreakpoints: null,
  notice: null,
  selected: null,
  epoch: 0,
  timeRange: { start_s: null, end_s: null },
  historyJump: null,
  viewing: null,
  compare: null,
  chartSeries: [],
};

export const useSim = create<SimStore>(() => ({ ...initialSimStore }));

function appendCapped<T>(list: T[], add: T[] | undefined, cap: number): T[] {
  if (!add || add.length === 0) return list;
  const merged = list.length + add.length <= cap ? list.concat(add) : list.concat(add).slice(-cap);
  return merged;
}

function edgeKey(e: TopologyEdge) {
  return `${e.source}->${e.target}:${e.kind}`;
}

/** Pause reasons that mean the play, debug or run-to loop has ended (for a state that does not say is_playing). */
const LOOP_ENDED = new Set(['pause_requested', 'complete', 'breakpoint', 'run_to_reached']);

/** The play mode a playing server shows (a run-to is a play with a target). */
function modeOf(state: SimState): PlayMode {
  if (!state.is_playing) return null;
  const kind = state.progress?.kind ?? 'play';
  return kind.startsWith('run_to') ? 'run' : kind === 'debug' ? 'debug' : 'play';
}

/**
 * Folds a StepResult (REST answer or state_update) into the store. Pure: returns the changed fields. The caller puts
 * updates in the server's order (StateOrder) and says whether this state's play mode is to be believed: right after the
 * page's own Play or Pause, updates already on their way still show the situation before it.
 */
export function applyStepResult(s0: SimStore, r: Partial<StepResult> & { state: SimState }, believePlayState = true): Partial<SimStore> {
  // A new run: someone (another tab, a script) reset it or loaded another model. Every view starts over.
  const before = s0.state;
  const wentBack = !!before && ((r.state.run_id ?? null) !== (before.run_id ?? null) || r.state.events_processed < before.events_processed
    || (r.state.scenario ?? null) !== (before.scenario ?? null));
  const s: SimStore = wentBack ? { ...s0, ...clearedForRestart(s0, r.state) } : s0;
  const next: Partial<SimStore> = wentBack ? { ...clearedForRestart(s0, r.state), playMode: null } : { state: r.state };
  next.state = r.state;
  next.liveEvents = appendCapped(s.liveEvents, r.new_events, LIVE_CAP);
  next.liveLogs = appendCapped(s.liveLogs, r.new_logs, LIVE_CAP);
  if (r.dropped_events) next.droppedEvents = s.droppedEvents + r.dropped_events;
  if (r.dropped_logs) next.droppedLogs = s.droppedLogs + r.dropped_logs;
  if (r.edge_stats) next.edgeStats = r.edge_stats;
  if (r.new_edges && r.new_edges.length) {
    const known = new Set([...(s.topology?.edges ?? []), ...s.runtimeEdges].map(edgeKey));
    const fresh = r.new_edges.filter((e) => !known.has(edgeKey(e)));
    if (fresh.length) next.runtimeEdges = s.runtimeEdges.concat(fresh);
  }
  if (believePlayState) {
    if (r.state.is_playing !== undefined) next.playMode = modeOf(r.state);
    else if (r.state.is_complete || (r.state.pause_reason && LOOP_ENDED.has(r.state.pause_reason.kind))) next.playMode = null;
  }
  return next;
}

/** The live events, log lines and edges of an update whose state is older than the one shown (the state is not). */
export function applyOlderUpdate(s: SimStore, r: Partial<StepResult>): Partial<SimStore> {
  if (!s.state) return {};
  const { edge_stats: _stale, ...rest } = r;
  return applyStepResult(s, { ...rest, state: s.state }, false);
}

/** Applies one server message. Pure. */
export function applyServerMessage(s: SimStore, m: ServerMessage, now = Date.now(), believePlayState = true): Partial<SimStore> {
  switch (m.type) {
    case 'state_update':
      return applyStepResult(s, m, believePlayState);
    case 'simulation_complete':
      return { playMode: null, notice: { kind: 'info', text: 'Simulation complete', at: now } };
    case 'breakpoint_hit': {
      const bp = m.breakpoint ?? null;
      return { playMode: null, lastBreakpoint: bp, notice: { kind: 'breakpoint', text: `Breakpoint hit: ${bp ? describeBreakpoint(bp) : '?'}`, at: now } };
    }
    case 'breakpoints':
      return {
        breakpoints: m.breakpoints ?? [],
        ...(m.dropped && m.dropped.length ? { droppedBreakpoints: { items: m.dropped } } : {}),
      };
    case 'error':
      return { notice: { kind: 'error', text: m.message, at: now } };
    default:
      return {};
  }
}

/** What a view shows after Restart or a scenario change: empty logs, t = 0, nothing selected. */
export function clearedForRestart(s: SimStore, state: SimState | null): Partial<SimStore> {
  return {
    state,
    playMode: null,
    edgeStats: {},
    runtimeEdges: [],
    liveEvents: [],
    liveLogs: [],
    droppedEvents: 0,
    droppedLogs: 0,
    lastBreakpoint: null,
    notice: null,
    selected: null,
    timeRange: { start_s: null, end_s: null },
    historyJump: null,
    chartSeries: [],
    epoch: s.epoch + 1,
  };
}

const OP_TEXT: Record<string, string> = { gt: '>', ge: '≥', lt: '<', le: '≤', eq: '=', ne: '≠' };

export function describeBreakpoint(bp: Breakpoint | { kind: string; [k: string]: unknown }, unit: TimeUnit = 's'): string {
  const b = bp as Record<string, unknown>;
  switch (b.kind) {
    case 'time':
      return `time ≥ ${Number(toDisplay(Number(b.time_s), unit).toFixed(4))}${unit}`;
    case 'event_count':
      return `event # ≥ ${b.count}`;
    case 'event_type':
      return `event type = ${b.event_type}`;
    case 'metric':
      return `${b.entity}.${b.metric} ${OP_TEXT[String(b.operator)] ?? b.operator} ${b.threshold}`;
    default:
      return String(b.kind);
  }
}

/**
 * The line under the control bar after a stop: why it stopped, and where (event number and time) — so two stops at
 * the same breakpoint never read the same.
 */
export function describePause(state: SimState | null, breakpoints: Breakpoint[], last: Breakpoint | null, unit: TimeUnit = 's'): string | null {
  if (!state) return null;
  const at = `event #${state.events_processed.toLocaleString('en-US')} at ${formatTime(state.time_s, unit, 4)}`;
  if (state.is_complete) return `Complete: ${state.events_processed.toLocaleString('en-US')} events, ${formatTime(state.time_s, unit, 2)}`;
  const r = state.pause_reason;
  if (!r) return null;
  switch (r.kind) {
    case 'step_done':
      return `Paused after a step — ${at}`;
    case 'run_to_reached':
      return `Paused: run-to target reached — ${at}`;
    case 'pause_requested':
      return `Paused by request — ${at}`;
    case 'complete':
      return 'Complete';
    case 'breakpoint': {
      const bp = breakpoints.find((b) => b.id === r.breakpoint_id) ?? (last && last.id === r.breakpoint_id ? last : null);
      const what = bp ? `breakpoint ${bp.id} (${describeBreakpoint(bp, unit)})` : `breakpoint ${r.breakpoint_id ?? ''}`.trim();
      return `Stopped at ${what} — ${at}`;
    }
  }
}

/** How big a rate is, in words: 1.2M, 850k, 12. */
export function compactRate(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v >= 1e6) return `${(v / 1e6).toFixed(v >= 1e7 ? 0 : 1)}M`;
  if (v >= 1e4) return `${Math.round(v / 1e3)}k`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(1)}k`;
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}

/**
 * The line while a play or run-to runs: its target, how far it is (and the share of the way), how fast it goes.
 * Null when nothing runs.
 */
export function describeRun(state: SimState | null, unit: TimeUnit = 's'): string | null {
  const p = state?.progress;
  if (!state || !p || !state.is_playing) return null;
  const rate = `${compactRate(p.events_per_s)} events/s · ${compactRate(p.sim_seconds_per_s)} sim s/s`;
  const t = p.target;
  if (t && t.event_number !== null) {
    const total = t.event_number - p.from_events;
    const done = state.events_processed - p.from_events;
    const pct = total > 0 ? Math.min(100, (100 * done) / total) : 100;
    return `Running to event #${t.event_number.toLocaleString('en-US')}: #${state.events_processed.toLocaleString('en-US')} (${pct.toFixed(0)}%) · ${rate}`;
  }
  if (t && t.time_s !== null) {
    const total = t.time_s - p.from_time_s;
    const done = state.time_s - p.from_time_s;
    const pct = total > 0 ? Math.min(100, (100 * done) / total) : 100;
    return `Running to ${formatTime(t.time_s, unit, 2)}: ${formatTime(state.time_s, unit, 2)} (${pct.toFixed(0)}%) · ${rate}`;
  }
  const what = p.kind === 'debug' ? 'Debugging (stops at breakpoints)' : 'Playing';
  const speed = p.speed === 0 ? 'at max speed' : `at ${p.speed}x`;
  return `${what} ${speed} · ${formatTime(state.time_s, unit, 2)} · ${rate}`;
}
