import type {
  Breakpoint, BreakpointSpec, ChartConfig, ChartDataAnswer, EntityHistory, EntitySeriesAnswer, EntityState, EventCount, EventFilters,
  EventPage, GroupMembers, LogFilters, LogPage, ParamValue as ScenarioValue, ProbeInfo, RescanResult, Scenario, ScenarioProblem, SimState,
  StepResult, StoreStatus,
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
}

export const api = {
  topology: (signal?: AbortSignal) => get<Topology>('api/topology', signal),
  state: (signal?: AbortSignal) => get<SimState>('api/state', signal),
  reset: () => post<SimState>('api/reset'),
  step: (count = 1) => post<StepResult>(buildUrl('api/step', { count })),
  runTo: (time_s: number) => post<StepResult>(buildUrl('api/run_to', { time_s })),
  probes: () => get<ProbeInfo[]>('api/probes'),
  charts: () => get<ChartConfig[]>('api/charts'),
  timeseries: (probe: string, opts: { start_s?: number; end_s?: number; max_points?: number; transform?: Transform; window_s?: number }, signal?: AbortSignal) =>
    get<TimeseriesAnswer>(buildUrl('api/timeseries', { probe, ...opts }), signal),
  chartData: (chart_id: string, opts: { start_s?: number; end_s?: number; max_points?: number }, signal?: AbortSignal) =>
    get<ChartDataAnswer>(buildUrl('api/chart_data', { chart_id, ...opts }), signal),
  entityHistory: (entity: string, max_points?: number, signal?: AbortSignal) =>
    get<EntityHistory>(buildUrl('api/entity_history', { entity, max_points }), signal),
  entityState: (entity: string, signal?: AbortSignal) =>
    get<{ entity: string; state: EntityState }>(buildUrl('api/entity_state', { entity }), signal),
  groupMembers: (group_id: string, offset: number, limit: number, search?: string, signal?: AbortSignal, sort?: { metric: string; order: 'asc' | 'desc' }) =>
    get<GroupMembers>(buildUrl('api/group_members', { group_id, offset, limit, search, sort: sort?.metric, order: sort?.order }), signal),
  entitySeries: (entity: string, metric: string, opts: { start_s?: number; end_s?: number; max_points?: number; transform?: Transform; window_s?: number }, signal?: AbortSignal) =>
    get<EntitySeriesAnswer>(buildUrl('api/entity_series', { entity, metric, ...opts }), signal),
  entityMetrics: (signal?: AbortSignal) => get<Record<string, string[]>>('api/entity_metrics', signal),
  events: (filters: EventFilters, page: PageRequest, signal?: AbortSignal) =>
    get<EventPage>(buildUrl('api/events', {
      ...eventFilterParams(filters),
      cursor: page.cursor ?? undefined,
      direction: page.direction,
      limit: page.limit ?? 100,
      around_time: page.cursor ? undefined : page.around_time,
    }), signal),
  eventCount: (filters: EventFilters, signal?: AbortSignal) =>
    get<EventCount>(buildUrl('api/events/count', eventFilterParams(filters)), signal),
  eventTypes: (signal?: AbortSignal) => get<string[]>('api/events/types', signal),
  entities: (signal?: AbortSignal) => get<unknown>('api/entities', signal),
  logs: (filters: LogFilters, page: PageRequest, signal?: AbortSignal) =>
    get<LogPage>(buildUrl('api/logs', {
      ...logFilterParams(filters),
      cursor: page.cursor ?? undefined,
      direction: page.direction,
      limit: page.limit ?? 100,
    }), signal),
  store: (signal?: AbortSignal) => get<StoreStatus>('api/store', signal),
  breakpoints: () => get<Breakpoint[]>('api/breakpoints'),
  addBreakpoint: (spec: BreakpointSpec) => post<Breakpoint>('api/breakpoints', spec),
  removeBreakpoint: (id: string) => request<void>('DELETE', `api/breakpoints/${encodeURIComponent(id)}`),
  scenarios: () => get<Scenario[]>('api/scenarios'),
  loadScenario: (id: string, run?: { seed?: number; params?: Record<string, ScenarioValue> }) =>
    post<SimState>(`api/scenarios/${encodeURIComponent(id)}`, run),
  rescanScenarios: () => post<RescanResult>('api/scenarios/rescan'),
  scenarioProblems: () => get<ScenarioProblem[]>('api/scenarios/problems'),
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
