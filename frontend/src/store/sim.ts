import { create } from 'zustand';
import type {
  Breakpoint, ChartConfig, EdgeStats, ProbeInfo, RecordedEvent, RecordedLog, RunChart, RunInfo, Scenario, ServerMessage, SimState,
  StepResult, Topology, TopologyEdge,
} from '../api/types';
import type { ConnectionStatus } from '../api/socket';

/** Rows kept for the live tail (the history view reads the store for everything else). */
export const LIVE_CAP = 2000;

export type PlayMode = 'play' | 'debug' | null;

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

/** Pause reasons that mean the play/debug loop has ended. */
const LOOP_ENDED = new Set(['pause_requested', 'complete', 'breakpoint']);

/** Folds a StepResult (REST answer or state_update) into the store. Pure: returns the changed fields. */
export function applyStepResult(s0: SimStore, r: Partial<StepResult> & { state: SimState }, trustPlaying = true): Partial<SimStore> {
  // The run went backwards: someone (another tab, a script) reset it or loaded another model. Every view starts over.
  const wentBack = !!s0.state && (r.state.events_processed < s0.state.events_processed || (r.state.scenario ?? null) !== (s0.state.scenario ?? null));
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
  const reason = r.state.pause_reason?.kind;
  if (s.playMode && (r.state.is_complete || (reason && LOOP_ENDED.has(reason)))) next.playMode = null;
  // The server says whether a loop runs (another tab may have started or stopped it). Right after a local
  // Play/Pause, updates already on their way may still show the old situation: the caller says when to trust it.
  if (trustPlaying && r.state.is_playing !== undefined) {
    if (!r.state.is_playing && s.playMode) next.playMode = null;
    if (r.state.is_playing && !s.playMode && !wentBack) next.playMode = 'play';
  }
  return next;
}

/** Applies one server message. Pure. */
export function applyServerMessage(s: SimStore, m: ServerMessage, now = Date.now(), trustPlaying = true): Partial<SimStore> {
  switch (m.type) {
    case 'state_update':
      return applyStepResult(s, m, trustPlaying);
    case 'simulation_complete':
      return { playMode: null, notice: { kind: 'info', text: 'Simulation complete', at: now } };
    case 'breakpoint_hit': {
      const bp = m.breakpoint ?? null;
      return { playMode: null, lastBreakpoint: bp, notice: { kind: 'breakpoint', text: `Breakpoint hit: ${bp ? describeBreakpoint(bp) : '?'}`, at: now } };
    }
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

export function describeBreakpoint(bp: Breakpoint | { kind: string; [k: string]: unknown }): string {
  const b = bp as Record<string, unknown>;
  switch (b.kind) {
    case 'time':
      return `time ≥ ${b.time_s}s`;
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

/** The line under the control bar after a stop. */
export function describePause(state: SimState | null, breakpoints: Breakpoint[], last: Breakpoint | null): string | null {
  if (!state) return null;
  if (state.is_complete) return 'Complete';
  const r = state.pause_reason;
  if (!r) return null;
  switch (r.kind) {
    case 'step_done':
      return 'Paused after step';
    case 'run_to_reached':
      return 'Paused: run-to target reached';
    case 'pause_requested':
      return 'Paused by request';
    case 'complete':
      return 'Complete';
    case 'breakpoint': {
      const bp = breakpoints.find((b) => b.id === r.breakpoint_id) ?? (last && last.id === r.breakpoint_id ? last : null);
      return bp ? `Stopped at breakpoint ${bp.id}: ${describeBreakpoint(bp)}` : `Stopped at breakpoint ${r.breakpoint_id ?? ''}`.trim();
    }
  }
}
