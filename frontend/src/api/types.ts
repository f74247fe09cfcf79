/** Wire types of the happysim API (../../../shared/spec/API.md). Times are simulation seconds. */

export type TimeUnit = 's' | 'min' | 'h';

export interface UpcomingEvent {
  time_s: number;
  event_type: string;
  target: string;
  id: string;
  daemon: boolean;
}

export type PauseKind = 'step_done' | 'run_to_reached' | 'breakpoint' | 'pause_requested' | 'complete';

export interface PauseReason {
  kind: PauseKind;
  breakpoint_id: string | null;
}

export type EntityState = Record<string, unknown>;

/** A fault in effect now (a crash, a pause, a lossy link …): the graph marks its targets. */
export interface ActiveFault {
  id: string;
  kind: string;
  targets: string[];
  start_s: number;
  /** null when it never ends */
  end_s: number | null;
  description: string;
}

export interface SimState {
  time_s: number;
  events_processed: number;
  heap_size: number;
  is_paused: boolean;
  is_running: boolean;
  is_complete: boolean;
  entities: Record<string, EntityState>;
  upcoming: UpcomingEvent[];
  end_time_s: number | null;
  time_unit: TimeUnit;
  pause_reason?: PauseReason | null;
  scenario?: string | null;
  /** a play/debug loop is running on the server (whoever started it) */
  is_playing?: boolean;
  /** the faults in effect now, in the order they began */
  active_faults?: ActiveFault[];
  /** the seed and parameter values of the current run */
  seed?: number;
  params?: Record<string, ParamValue>;
  params_changed?: Record<string, ParamValue>;
  /** the run being recorded (GET /api/runs lists it with the earlier ones) */
  run_id?: number;
  /** the play or run-to going on: its target, where it started and how fast it goes (null while paused) */
  progress?: RunProgress | null;
  /** the state's place in the order the server published states (higher is newer; from 1 at server start) */
  seq?: number;
}

/** A play or a run-to under way (a run-to is a play with a target). */
export interface RunProgress {
  kind: 'play' | 'debug' | 'run_to_time' | 'run_to_event';
  /** 0 = as fast as possible */
  speed: number;
  target: { time_s: number | null; event_number: number | null } | null;
  from_time_s: number;
  from_events: number;
  events_per_s: number;
  sim_seconds_per_s: number;
}

export interface TraceSpan {
  time?: number;
  action?: string;
  event_id?: string;
  event_type?: string;
  data?: unknown;
}

export interface RecordedEvent {
  event_id: number;
  time_s: number;
  event_type: string;
  target_name: string;
  source_name: string | null;
  is_internal: boolean;
  context?: Record<string, unknown> & { trace?: { spans?: TraceSpan[] }; stack?: string[] };
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

export interface RecordedLog {
  log_id: number;
  time_s: number | null;
  wall_time: string;
  level: LogLevel;
  logger_name: string;
  message: string;
}

export interface TopologyEdge {
  source: string;
  target: string;
  kind: string; // "data" | "probe"
}

export interface TopologyNode {
  id: string;
  type: string;
  category: string;
  profile?: { times: number[]; values: number[] };
  is_group?: boolean;
  member_count?: number;
  member_ids?: string[];
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

export interface EdgeStat {
  source: string;
  target: string;
  count: number;
  rate: number;
}

export type EdgeStats = Record<string, EdgeStat>;

export interface StepResult {
  state: SimState;
  new_events: RecordedEvent[];
  new_edges: TopologyEdge[];
  new_logs: RecordedLog[];
  edge_stats?: EdgeStats;
  dropped_events?: number;
  dropped_logs?: number;
}

export type Transform = 'raw' | 'mean' | 'p50' | 'p99' | 'p999' | 'max' | 'rate';

export interface ChartConfig {
  chart_id: string;
  title: string;
  y_label: string;
  x_label: string;
  color: string;
  transform: Transform;
  window_s: number;
  y_min: number | null;
  y_max: number | null;
}

export interface Series {
  times: number[];
  values: number[];
}

export interface ProbeInfo {
  name: string;
  metric: string;
  target: string;
}

export interface TimeseriesAnswer extends Series {
  name: string;
  metric: string;
  target: string;
}

export interface ChartDataAnswer extends Series {
  chart_id: string;
  config: ChartConfig | Record<string, never>;
}

export interface EntityHistory {
  entity: string;
  metrics: Record<string, Series>;
}

export interface GroupMembers {
  group_id: string;
  members: { name: string; state: EntityState }[];
  total: number;
  offset: number;
  type?: string;
  category?: string;
  sort?: string;
  order?: 'asc' | 'desc';
}

export interface EntitySeriesAnswer extends Series {
  entity: string;
  metric: string;
}

export interface EventPage {
  events: RecordedEvent[];
  next_cursor: string | null;
  /** null when the page was asked for without it (total=false) */
  total: number | null;
  /** around_time answers: rows on both sides, prev_cursor continues older */
  prev_cursor?: string | null;
  anchor_event_id?: number | null;
}

export interface LogPage {
  logs: RecordedLog[];
  next_cursor: string | null;
  total: number;
}

export interface EventCount {
  total: number;
  time_min: number | null;
  time_max: number | null;
  stored: number;
  pending: number;
  /** the last matching event (null: none): a count whose last_id is the newest row shown counts exactly up to it */
  last_id: number | null;
}

export interface StoreStatus {
  db_path: string;
  db_bytes: number;
  events: number;
  logs: number;
  samples: number;
  series: number;
  pending: number;
  last_drain_ms: number | null;
  drains: number;
  in_memory_samples: number;
  failed_drains?: number;
  last_error?: string | null;
  /** the run being recorded */
  run?: number;
}

export type BreakpointSpec =
  | { kind: 'time'; time_s: number; one_shot?: boolean }
  | { kind: 'event_count'; count: number; one_shot?: boolean }
  | { kind: 'event_type'; event_type: string; one_shot?: boolean }
  | { kind: 'metric'; entity: string; metric: string; operator: MetricOperator; threshold: number; one_shot?: boolean };

export type MetricOperator = 'gt' | 'ge' | 'lt' | 'le' | 'eq' | 'ne';

export type Breakpoint = BreakpointSpec & { id: string; one_shot: boolean };

/** A breakpoint a change of model left behind, and why. */
export type DroppedBreakpoint = Breakpoint & { reason: string };

export type ParamValue = number | boolean | string;

/** A knob a scenario declares. */
export interface ScenarioParameter {
  name: string;
  label: string;
  type: 'number' | 'integer' | 'boolean' | 'choice';
  default_value: ParamValue;
  min: number | null;
  max: number | null;
  unit: string;
  help: string;
  choices: string[];
}

export interface Scenario {
  id: string;
  title: string;
  description: string;
  active: boolean;
  /** built-in, class path, or the model JAR's file name */
  source?: string;
  parameters?: ScenarioParameter[];
  default_seed?: number;
}

export interface ScenarioProblem {
  source: string;
  message: string;
}

export interface RescanResult {
  scenarios: number;
  models_dir: string | null;
  problems: ScenarioProblem[];
}

/** Filters shared by /api/events and /api/events/count. */
export interface EventFilters {
  event_type?: string[];
  entity?: string;
  search?: string;
  /** structured filters `name=value` on context fields (all must hold) */
  field?: string[];
  time_min?: number;
  time_max?: number;
  exclude_internal?: boolean;
}

export interface LogFilters {
  min_level?: LogLevel;
  logger?: string;
  search?: string;
  time_min?: number;
  time_max?: number;
}

export type ServerMessage =
  | ({ type: 'state_update' } & StepResult)
  | { type: 'simulation_complete'; seq?: number }
  | { type: 'breakpoint_hit'; breakpoint?: Breakpoint; seq?: number }
  | { type: 'breakpoints'; breakpoints: Breakpoint[]; dropped: DroppedBreakpoint[] }
  | { type: 'ack'; id: number; seq: number }
  | { type: 'error'; message: string; id?: number; seq?: number };

/** A run the history file keeps (GET /api/runs, newest first). */
export interface RunInfo {
  id: number;
  scenario: string;
  title: string;
  seed: number;
  params: Record<string, ParamValue>;
  params_changed: Record<string, ParamValue>;
  /** ISO instant */
  started_at: string;
  /** null while it records (or for a run whose server stopped) */
  ended_at: string | null;
  time_reached_s: number;
  events: number;
  logs: number;
  samples: number;
  bytes: number;
  current: boolean;
  time_unit: TimeUnit;
  end_time_s: number | null;
}

/** A chart of a run as recorded: its config plus the stored series its points come from. */
export type RunChart = ChartConfig & { series?: string };

/** GET /api/runs/{id}: what is needed to show the run as recorded. */
export interface RunDetail extends RunInfo {
  topology: Topology;
  charts: RunChart[];
  probes: ProbeInfo[];
  /** its final state (the live state for the current run) */
  state: SimState;
}

/** One number of two runs side by side. */
export interface SummaryRow {
  key: string;
  label: string;
  group: string;
  a: number | null;
  b: number | null;
  differs: boolean;
}

/** GET /api/runs/compare. */
export interface RunComparison {
  a: RunInfo;
  b: RunInfo;
  summary: SummaryRow[];
  charts: ChartConfig[];
  probes: ProbeInfo[];
}

/** GET /api/runs/compare/chart_data (or /timeseries): one series per run. */
export interface PairedSeriesAnswer {
  chart_id?: string;
  probe?: string;
  config: ChartConfig | Record<string, never>;
  series: [Series & { run: number }, Series & { run: number }];
}
