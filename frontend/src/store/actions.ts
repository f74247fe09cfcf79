import { api, ApiError, setHistoryRun, socketUrl, viewedRun } from '../api/client';
import { checkParam, readRunLink, writeRunLink } from '../lib/runSpec';
import { pastRunState, rerunOf } from '../lib/runs';
import { SimSocket } from '../api/socket';
import type {
  BreakpointSpec, ChartConfig, EdgeStats, ParamValue, ProbeInfo, RecordedEvent, RecordedLog, RescanResult, RunInfo, ServerMessage, SimState,
  TopologyEdge,
} from '../api/types';
import { clearAllErrors } from './inputs';
import { seedCharts, useLayout } from './layout';
import { StateOrder } from './order';
import { applyOlderUpdate, applyServerMessage, applyStepResult, clearedForRestart, LIVE_CAP, type SimStore, useSim } from './sim';
import { startUrlSync } from './urlSync';

let socket: SimSocket | null = null;

function notice(kind: 'info' | 'error' | 'breakpoint', text: string) {
  useSim.setState({ notice: { kind, text, at: Date.now() } });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The server's order of states and this page's actions (see StateOrder). */
const order = new StateOrder();
/** Stops heard while an action of this page was unanswered: they count once the answer says they came after it. */
let heldStops: ServerMessage[] = [];

/** Coalesces bursts of server messages into one store update per animation frame. */
let queue: ServerMessage[] = [];
let flushScheduled = false;
function flush() {
  flushScheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length === 0) return;
  // a past run is on screen: the live run's updates wait (Back to live reads everything again); errors still show
  if (useSim.getState().viewing) {
    for (const m of batch) if (m.type === 'ack' || m.type === 'error') order.answered(m.id, m.seq);
    const err = batch.filter((m) => m.type === 'error').pop();
    if (err && err.type === 'error') notice('error', err.message);
    return;
  }
  const s0 = useSim.getState();
  let s = s0;
  const now = Date.now();
  for (const m of batch) s = { ...s, ...applyInOrder(s, m, now) };
  const modelChanged = (s.state?.scenario ?? null) !== (s0.state?.scenario ?? null) && s0.state !== null;
  useSim.setState(s);
  const runChanged = s.state && s0.state && (s.state.seed !== s0.state.seed
    || JSON.stringify(s.state.params_changed ?? {}) !== JSON.stringify(s0.state.params_changed ?? {}));
  if (s.state && (modelChanged || runChanged)) showRunInUrl(s.state);
  if (batch.some((m) => m.type === 'breakpoint_hit' || m.type === 'simulation_complete')) void refreshBreakpoints();
  if (modelChanged) {
    useLayout.getState().useScenario(s.state?.scenario ?? null); // as loadScenario does: before the reads
    void loadAll().catch((e) => notice('error', `reload failed: ${errorText(e)}`));
  }
}

/** One message, put in the server's order: what it changes in the store. */
function applyInOrder(s: SimStore, m: ServerMessage, now: number): Partial<SimStore> {
  switch (m.type) {
    case 'state_update': {
      const place = order.classify(m.state.seq);
      if (place === 'left') return {};
      if (place === 'older') return applyOlderUpdate(s, m);
      order.shown(m.state.seq);
      return applyStepResult(s, m, order.believes(m.state.seq, now));
    }
    case 'breakpoint_hit':
    case 'simulation_complete':
      if (order.believes(m.seq, now)) return applyServerMessage(s, m, now);
      heldStops.push(m);
      return {};
    case 'ack':
    case 'error': {
      const settled = order.answered(m.id, m.seq);
      let next: Partial<SimStore> = m.type === 'error' ? applyServerMessage(s, m, now) : {};
      if (settled) next = { ...next, ...settle(s, now) };
      return next;
    }
    default:
      return applyServerMessage(s, m, now);
  }
}

/** This page's action is answered: the play mode is the newest state's, and stops held meanwhile count if they came after. */
function settle(s: SimStore, now: number): Partial<SimStore> {
  let next: Partial<SimStore> = {};
  if (s.state && order.believes(s.state.seq, now)) next = applyStepResult(s, { state: s.state }, true);
  const held = heldStops;
  heldStops = [];
  for (const m of held) {
    if (m.type !== 'breakpoint_hit' && m.type !== 'simulation_complete') continue;
    if (order.believes(m.seq, now)) next = { ...next, ...applyServerMessage({ ...s, ...next }, m, now) };
  }
  return next;
}

function onMessage(m: ServerMessage) {
  queue.push(m);
  if (!flushScheduled) {
    flushScheduled = true;
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(flush);
    else setTimeout(flush, 16);
  }
}

/** Reads everything the page shows from the server (first load, reconnect, after Restart or a scenario change). */
export async function loadAll(): Promise<void> {
  if (viewedRun() !== null) return; // a past run is shown; Back to live reads the live run
  // all at once: the dashboard should not wait for the topology before asking for its charts
  const chartsP = api.charts().catch(() => [] as ChartConfig[]);
  const probesP = api.probes().catch(() => [] as ProbeInfo[]);
  const [topology, read] = await Promise.all([api.topology(), api.state()]);
  // an update newer than what this read saw may have been shown meanwhile: it stays
  const newer = order.classify(read.seq) !== 'new' && useSim.getState().state !== null;
  const state = newer ? useSim.getState().state as SimState : read;
  order.shown(state.seq);
  const before = useSim.getState().state;
  // After a reconnect the server may have restarted or been reset meanwhile: then every view starts over.
  if (before && ((state.run_id ?? null) !== (before.run_id ?? null) || state.events_processed < before.events_processed
    || (state.scenario ?? null) !== (before.scenario ?? null))) {
    useSim.setState((s) => clearedForRestart(s, state));
  }
  useSim.setState({ topology, state, runtimeEdges: [] });
  if (order.believes(state.seq, Date.now())) useSim.setState((s) => applyStepResult(s, { state }, true));
  useLayout.getState().useScenario(state.scenario ?? null);
  await Promise.all([
    seedLiveTails(state.events_processed),
    chartsP.then((charts) => {
      useSim.setState({ charts });
      useLayout.getState().update((l) => seedCharts(l, charts));
    }),
    probesP.then((probes) => useSim.setState({ probes })),
    refreshBreakpoints(),
    api.scenarios().then((scenarios) => useSim.setState({ scenarios })).catch(() => undefined),
  ]);
}

/** Rows the live views show after a reload, at the most (they follow the run from there). */
const SEEDED_ROWS = 500;

function mergeById<T>(held: T[], stored: T[], idOf: (x: T) => number): T[] {
  const seen = new Set(held.map(idOf));
  const merged = stored.filter((x) => !seen.has(idOf(x))).concat(held);
  merged.sort((a, b) => idOf(a) - idOf(b));
  return merged.slice(-LIVE_CAP);
}

/**
 * A page opened on a run already under way (a reload, a second tab) shows the newest stored events and log lines in
 * its live views instead of "No events yet"; what arrives over the socket meanwhile is merged in by id.
 */
async function seedLiveTails(eventsProcessed: number): Promise<void> {
  if (eventsProcessed === 0) return;
  const s = useSim.getState();
  if (s.liveEvents.length >= SEEDED_ROWS) return;
  try {
    const [events, logs] = await Promise.all([
      api.events({}, { direction: 'older', limit: SEEDED_ROWS }),
      api.logs({}, { direction: 'older', limit: SEEDED_ROWS }),
    ]);
    useSim.setState((now) => ({
      liveEvents: mergeById<RecordedEvent>(now.liveEvents, events.events, (e) => e.event_id),
      liveLogs: mergeById<RecordedLog>(now.liveLogs, logs.logs, (l) => l.log_id),
    }));
  } catch {
    /* the live views fill as the run goes on */
  }
}

export async function refreshBreakpoints(): Promise<void> {
  try {
    useSim.setState({ breakpoints: await api.breakpoints() });
  } catch {
    /* endpoint not there yet */
  }
}

export function startConnection(): void {
  if (socket) return;
  startUrlSync();
  socket = new SimSocket(socketUrl(window.location), {
    onMessage,
    onStatus: (connection) => useSim.setState({ connection }),
    onReconnect: () => {
      // The server may have restarted (numbering its states from 1 again): the loop we thought was running is gone,
      // and what the lost connection still had queued is from before; read everything again.
      order.reconnected();
      queue = [];
      heldStops = [];
      useSim.setState({ playMode: null });
      void loadAll().catch((e) => notice('error', `reload failed: ${errorText(e)}`));
    },
  });
  socket.connect();
  void loadAll()
    .then(() => {
      const state = useSim.getState().state;
      return state ? followRunLink(state) : undefined;
    })
    .catch((e) => notice('error', `could not load the simulation: ${errorText(e)}`));
}

/** Sends an action over the socket with an id its answer will carry (see StateOrder). */
function send(msg: { action: string; [k: string]: unknown }): boolean {
  const id = order.sent(Date.now());
  if (!socket || !socket.send({ ...msg, id })) {
    order.answered(id, undefined);
    notice('error', 'not connected to the server');
    return false;
  }
  clearAllErrors();
  return true;
}

export function step(count: number) {
  send({ action: 'step', count });
}

export function play(mode: 'play' | 'debug', speed = useSim.getState().speed) {
  if (send({ action: mode, speed })) useSim.setState({ playMode: mode, notice: null, lastBreakpoint: null });
}

export function pause() {
  useSim.setState({ playMode: null });
  send({ action: 'pause' });
}

/** Changing speed while playing re-sends the running mode with the new speed: it takes effect at once. */
export function setSpeed(speed: number) {
  const { playMode } = useSim.getState();
  useSim.setState({ speed });
  if (playMode === 'play' || playMode === 'debug') send({ action: playMode, speed });
}

/**
 * Runs to a time (seconds; the caller checked it is ahead). It runs as a play with a target: the status line shows its
 * progress and Pause stops it.
 */
export function runTo(time_s: number) {
  if (send({ action: 'run_to', time_s })) useSim.setState({ playMode: 'run', notice: null, lastBreakpoint: null });
}

export function runToEvent(event_number: number) {
  if (send({ action: 'run_to_event', event_number })) useSim.setState({ playMode: 'run', notice: null, lastBreakpoint: null });
}

/** Restart: stop a running play, reset on the server, empty every view, read everything again. */
export async function restart(): Promise<void> {
  if (useSim.getState().playMode) pause();
  else socket?.send({ action: 'pause' });
  try {
    const state = await api.reset();
    if (order.startedOver(state.seq)) useSim.setState((s) => clearedForRestart(s, state));
    await loadAll();
  } catch (e) {
    notice('error', `restart failed: ${errorText(e)}`);
  }
}

/**
 * Loads a scenario with a seed and parameter values (none: its defaults). Resolves to null, or to the
 * server's refusal (a 400 naming the parameter) so a form can show it beside the field; the page URL
 * then carries the run, so a link reproduces it.
 */
export async function loadScenario(id: string, run?: { seed?: number; params?: Record<string, ParamValue> }): Promise<string | null> {
  if (useSim.getState().playMode) pause();
  try {
    const state = await api.loadScenario(id, run);
    setHistoryRun(null);
    useSim.setState({ viewing: null, compare: null });
    const newest = order.startedOver(state.seq);
    useSim.setState((s) => ({ ...clearedForRestart(s, newest ? state : s.state), topology: null, charts: [], probes: [] }));
    // the model's saved layout now, not after the reads below: a tab the user opens meanwhile stays open
    useLayout.getState().useScenario(state.scenario ?? null);
    showRunInUrl(state);
    await loadAll();
    return null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) return e.message;
    notice('error', `could not load scenario ${id}: ${errorText(e)}`);
    return errorText(e);
  }
}

/** The page URL carries the run's scenario, seed and changed values (other keys stay). */
function showRunInUrl(state: SimState) {
  if (!state.scenario || typeof window === 'undefined') return;
  const defaultSeed = useSim.getState().scenarios.find((x) => x.id === state.scenario)?.default_seed ?? 42;
  const query = writeRunLink(window.location.search, state.scenario, state.seed ?? defaultSeed, defaultSeed, state.params_changed ?? {});
  window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}${window.location.hash}`);
}

/**
 * On first load, a link that names a run the server is not on loads it (with the values typed as the
 * scenario declares them); a link to the run already loaded changes nothing.
 */
async function followRunLink(state: SimState): Promise<void> {
  const link = readRunLink(window.location.search);
  if (!link) {
    showRunInUrl(state);
    return;
  }
  const scenario = useSim.getState().scenarios.find((x) => x.id === link.scenario);
  if (!scenario) {
    notice('error', `the link names a scenario this server does not have: ${link.scenario}`);
    return;
  }
  const params: Record<string, ParamValue> = {};
  for (const p of scenario.parameters ?? []) {
    const text = link.params[p.name];
    if (text === undefined) continue;
    const checked = checkParam(p, text);
    if (checked.error !== undefined) {
      notice('error', `the link's ${p.name} ${checked.error}`);
      return;
    }
    params[p.name] = checked.value;
  }
  const seed = link.seed ?? scenario.default_seed ?? 42;
  const same = state.scenario === link.scenario && state.seed === seed
    && JSON.stringify(state.params_changed ?? {}) === JSON.stringify(sameOrder(params, state.params_changed ?? {}));
  if (!same) await loadScenario(link.scenario, { seed, params });
}

/** {@code values} without the ones equal to the defaults, in the server's order, for comparing with params_changed. */
function sameOrder(values: Record<string, ParamValue>, changed: Record<string, ParamValue>): Record<string, ParamValue> {
  const ordered: Record<string, ParamValue> = {};
  for (const k of Object.keys(changed)) if (k in values) ordered[k] = values[k];
  for (const k of Object.keys(values)) if (!(k in ordered)) ordered[k] = values[k];
  return ordered;
}

export async function rescanScenarios(): Promise<RescanResult | null> {
  try {
    const result = await api.rescanScenarios();
    useSim.setState({ scenarios: await api.scenarios() });
    return result;
  } catch (e) {
    notice('error', `rescan failed: ${errorText(e)}`);
    return null;
  }
}

/** Adds a breakpoint; the server's refusal (its reason) is the answer, for the form to show beside itself. */
export async function addBreakpoint(spec: BreakpointSpec): Promise<string | null> {
  try {
    await api.addBreakpoint(spec);
    clearAllErrors();
    await refreshBreakpoints();
    return null;
  } catch (e) {
    return errorText(e);
  }
}

export async function removeBreakpoint(id: string): Promise<void> {
  try {
    await api.removeBreakpoint(id);
  } catch (e) {
    notice('error', `breakpoint not removed: ${errorText(e)}`);
  }
  await refreshBreakpoints();
}

export function select(entity: string | null) {
  useSim.setState({ selected: entity });
  if (entity) useLayout.getState().update((l) => ({ ...l, rightTab: 'inspector' }));
}

/** Opens the event history at a time (timeline / chart click). */
export function jumpToTime(time_s: number) {
  useSim.setState({ historyJump: { time_s, nonce: Date.now() } });
  useLayout.getState().update((l) => ({ ...l, rightTab: 'events' }));
}

/**
 * Opens a past run read-only: graph as recorded with its final state, its charts, its event and log history. The
 * live run goes on on the server; its updates are not shown until Back to live. The current run opens as live.
 */
export async function openRun(id: number): Promise<void> {
  const live = useSim.getState();
  if (!live.viewing && live.state?.run_id === id) return;
  try {
    const run = await api.run(id);
    if (run.current) {
      await backToLive();
      return;
    }
    if (useSim.getState().playMode) pause();
    setHistoryRun(id);
    const state = pastRunState(run);
    const end = run.state as SimState & { new_edges?: TopologyEdge[]; edge_stats?: EdgeStats };
    const { topology, charts, probes, state: _end, ...info } = run;
    useSim.setState((s) => ({
      ...clearedForRestart(s, state), topology, charts, probes, chartSeries: charts, compare: null,
      runtimeEdges: end.new_edges ?? [], edgeStats: end.edge_stats ?? {}, viewing: info,
    }));
    useLayout.getState().useScenario(run.scenario);
    useLayout.getState().update((l) => seedCharts(l, charts));
  } catch (e) {
    notice('error', `could not open run ${id}: ${errorText(e)}`);
  }
}

/** Leaves a past run (or a comparison) for the live run: every view reads it again. */
export async function backToLive(): Promise<void> {
  setHistoryRun(null);
  useSim.setState((s) => ({ ...clearedForRestart(s, s.state), viewing: null, compare: null }));
  try {
    await loadAll();
  } catch (e) {
    notice('error', `reload failed: ${errorText(e)}`);
  }
}

/** Starts a new live run with a run's scenario, seed and parameter values. */
export async function rerun(run: Pick<RunInfo, 'scenario' | 'seed' | 'params'>): Promise<string | null> {
  const r = rerunOf(run);
  setHistoryRun(null);
  useSim.setState({ viewing: null, compare: null });
  return loadScenario(r.scenario, { seed: r.seed, params: r.params });
}

/** Deletes a past run (never the current one: the server answers 409). Resolves to an error text, or null. */
export async function deleteRun(id: number): Promise<string | null> {
  try {
    await api.deleteRun(id);
    const s = useSim.getState();
    if (s.viewing?.id === id) await backToLive();
    if (s.compare && (s.compare.a === id || s.compare.b === id)) useSim.setState({ compare: null });
    return null;
  } catch (e) {
    return errorText(e);
  }
}

/** Shows two runs side by side in the main area (the older as "a"). */
export function openCompare(a: number, b: number) {
  useSim.setState({ compare: { a: Math.min(a, b), b: Math.max(a, b) } });
}

export function closeCompare() {
  useSim.setState({ compare: null });
}
