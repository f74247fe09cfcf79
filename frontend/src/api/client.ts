import type {
  Breakpoint, BreakpointSpec, ChartConfig, ChartDataAnswer, EntityHistory, EntitySeriesAnswer, EntityState, EventCount, EventFilters,
  EventPage, GroupMembers, LogFilters, LogPage, PairedSeriesAnswer, ParamValue as ScenarioValue, ProbeInfo, RescanResult, RunComparison, RunDetail,
  RunInfo, Scenario, ScenarioProblem, SimState, StepResult, StoreStatus,
  TimeseriesAnswer, Topology, Transform,
} from './types';

/** An HTTP answer that was not 2xx, carrying the server's `{"error": ...}` text when there is one. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** Builds `path?a=1&b=x&b=y`: skips null/undefined/''/false-for-flags is left to the caller; arrays repeat the key. */
export function buildUrl(path: string, params: Record<string, ParamValue> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      for (const item of v) q.append(k, String(item));
    } else {
      q.append(k, String(v));
    }
  }
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

let fetchImpl: typeof fetch = (...args) => fetch(...args);
/** For unit tests. */
export function setFetch(f: typeof fetch) {
  fetchImpl = f;
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const init: RequestInit = { method, signal, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const res = await fetchImpl(url, init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const msg = json && typeof json === 'object' && 'error' in json ? String((json as { error: unknown }).error) : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status, msg);
  }
  return json as T;
}

const get = <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, undefined, signal);
const post = <T>(url: string, body?: unknown) => request<T>('POST', url, body);

/**
 * The run the history, chart, series, count and log reads go to: null for the current run, else a past run opened
 * read-only. Set by the store when a run is opened or left; every such read below adds it as `run`.
 */
let historyRun: number | null = null;
export function setHistoryRun(run: number | null) {
  historyRun = run;
}
export function viewedRun(): number | null {
  return historyRun;
}
const withRun = (params: Record<string, ParamValue> = {}) => ({ ...params, run: historyRun ?? undefined });

function eventFilterParams(f: EventFilters): Record<string, ParamValue> {
  return {
    event_type: f.event_type && f.event_type.length ? f.event_type : undefined,
    entity: f.entity || undefined,
    search: f.search || undefined,
    field: f.field && f.field.length ? f.field : undefined,
    time_min: f.time_min,
    time_max: f.time_max,
    exclude_internal: f.exclude_internal ? true : undefined,
  };
}

function logFilterParams(f: LogFilters): Record<string, ParamValue> {
  return {
    min_level: f.min_level && f.min_level !== 'DEBUG' ? f.min_level : undefined,
    logger: f.logger || undefined,
    search: f.search || undefined,
    time_min: f.time_min,
    time_max: f.time_max,
  };
}

export type Direction = 'older' | 'newer';

export interface PageRequest {
  cursor?: string | null;
  direction: Direction;
  limit?: number;
  around_time?: number;
  /** false: the page comes without its exact total (total: null), which a first-time search of a long history reads much faster */
  total?: boolean;
}

export const api = {
  topology: (signal?: AbortSignal) => get<Topology>('api/topology', signal),
  state: (signal?: AbortSignal) => get<SimState>('api/state', signal),
  reset: () => post<SimState>('api/reset'),
  step: (count = 1) => post<StepResult>(buildUrl('api/step', { count })),
  runTo: (time_s: number) => post<StepResult>(buildUrl('api/run_to', { time_s })),
  probes: () => get<ProbeInfo[]>(buildUrl('api/probes', withRun())),
  charts: () => get<ChartConfig[]>(buildUrl('api/charts', withRun())),
  timeseries: (probe: string, opts: { start_s?: number; end_s?: number; max_points?: number; transform?: Transform; window_s?: number }, signal?: AbortSignal) =>
    get<TimeseriesAnswer>(buildUrl('api/timeseries', withRun({ probe, ...opts })), signal),
  chartData: (chart_id: string, opts: { start_s?: number; end_s?: number; max_points?: number }, signal?: AbortSignal) =>
    get<ChartDataAnswer>(buildUrl('api/chart_data', withRun({ chart_id, ...opts })), signal),
  entityHistory: (entity: string, max_points?: number, signal?: AbortSignal) =>
    get<EntityHistory>(buildUrl('api/entity_history', withRun({ entity, max_points })), signal),
  entityState: (entity: string, signal?: AbortSignal) =>
    get<{ entity: string; state: EntityState }>(buildUrl('api/entity_state', withRun({ entity })), signal),
  groupMembers: (group_id: string, offset: number, limit: number, search?: string, signal?: AbortSignal, sort?: { metric: string; order: 'asc' | 'desc' }) =>
    get<GroupMembers>(buildUrl('api/group_members', withRun({ group_id, offset, limit, search, sort: sort?.metric, order: sort?.order })), signal),
  entitySeries: (entity: string, metric: string, opts: { start_s?: number; end_s?: number; max_points?: number; transform?: Transform; window_s?: number }, signal?: AbortSignal) =>
    get<EntitySeriesAnswer>(buildUrl('api/entity_series', withRun({ entity, metric, ...opts })), signal),
  entityMetrics: (signal?: AbortSignal) => get<Record<string, string[]>>('api/entity_metrics', signal),
  events: (filters: EventFilters, page: PageRequest, signal?: AbortSignal) =>
    get<EventPage>(buildUrl('api/events', withRun({
      ...eventFilterParams(filters),
      cursor: page.cursor ?? undefined,
      direction: page.direction,
      limit: page.limit ?? 100,
      around_time: page.cursor ? undefined : page.around_time,
      total: page.total === false ? 'false' : undefined,
    })), signal),
  eventCount: (filters: EventFilters, signal?: AbortSignal) =>
    get<EventCount>(buildUrl('api/events/count', withRun(eventFilterParams(filters))), signal),
  eventTypes: (signal?: AbortSignal) => get<string[]>(buildUrl('api/events/types', withRun()), signal),
  entities: (signal?: AbortSignal) => get<unknown>(buildUrl('api/entities', withRun()), signal),
  logs: (filters: LogFilters, page: PageRequest, signal?: AbortSignal) =>
    get<LogPage>(buildUrl('api/logs', withRun({
      ...logFilterParams(filters),
      cursor: page.cursor ?? undefined,
      direction: page.direction,
      limit: page.limit ?? 100,
    })), signal),
  store: (signal?: AbortSignal) => get<StoreStatus>('api/store', signal),
  breakpoints: () => get<Breakpoint[]>('api/breakpoints'),
  addBreakpoint: (spec: BreakpointSpec) => post<Breakpoint>('api/breakpoints', spec),
  removeBreakpoint: (id: string) => request<void>('DELETE', `api/breakpoints/${encodeURIComponent(id)}`),
  scenarios: () => get<Scenario[]>('api/scenarios'),
  loadScenario: (id: string, run?: { seed?: number; params?: Record<string, ScenarioValue> }) =>
    post<SimState>(`api/scenarios/${encodeURIComponent(id)}`, run),
  rescanScenarios: () => post<RescanResult>('api/scenarios/rescan'),
  scenarioProblems: () => get<ScenarioProblem[]>('api/scenarios/problems'),
  runs: (signal?: AbortSignal) => get<RunInfo[]>('api/runs', signal),
  run: (id: number, signal?: AbortSignal) => get<RunDetail>(`api/runs/${id}`, signal),
  deleteRun: (id: number) => request<void>('DELETE', `api/runs/${id}`),
  compare: (a: number, b: number, signal?: AbortSignal) => get<RunComparison>(buildUrl('api/runs/compare', { a, b }), signal),
  compareChart: (a: number, b: number, chart_id: string, opts: { start_s?: number; end_s?: number; max_points?: number }, signal?: AbortSignal) =>
    get<PairedSeriesAnswer>(buildUrl('api/runs/compare/chart_data', { a, b, chart_id, ...opts }), signal),
  compareProbe: (a: number, b: number, probe: string, opts: { start_s?: number; end_s?: number; max_points?: number }, signal?: AbortSignal) =>
    get<PairedSeriesAnswer>(buildUrl('api/runs/compare/timeseries', { a, b, probe, ...opts }), signal),
};

/** The files a run's history downloads as (streamed by the server: every matching row, not a page). */
export const exportUrl = {
  events: (run: number, format: 'csv' | 'jsonl', filters: EventFilters = {}) =>
    buildUrl(`api/runs/${run}/export/events.${format}`, eventFilterParams(filters)),
  logs: (run: number, filters: LogFilters = {}) => buildUrl(`api/runs/${run}/export/logs.csv`, logFilterParams(filters)),
  series: (run: number, name: string, start_s?: number | null, end_s?: number | null) =>
    buildUrl(`api/runs/${run}/export/series.csv`, { name, start: start_s ?? undefined, end: end_s ?? undefined }),
  sqlite: (run: number) => `api/runs/${run}/export/history.sqlite`,
};

/** `max_points` for a chart whose plot area is `pixelWidth` CSS pixels wide: 2 per pixel, within the server's limits. */
export function maxPointsFor(pixelWidth: number): number {
  const n = Math.round(2 * pixelWidth);
  if (!Number.isFinite(n)) return 2;
  return Math.min(20000, Math.max(2, n));
}

/** The WebSocket URL of `api/ws` relative to the page (works under any context root, http or https). */
export function socketUrl(location: { href: string }): string {
  const u = new URL('api/ws', location.href);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  u.hash = '';
  u.search = '';
  return u.toString();
}
