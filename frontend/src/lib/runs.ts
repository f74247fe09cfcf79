import type { ParamValue, RunDetail, RunInfo, Series, SimState, SummaryRow } from '../api/types';

/** The changed parameters of a run as one line ("retries=3, rate=12"), or "defaults". */
export function describeChanged(changed: Record<string, ParamValue> | null | undefined): string {
  const entries = Object.entries(changed ?? {});
  if (entries.length === 0) return 'defaults';
  return entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

/** What the page shows of a past run: its final state as a paused, finished-or-stopped SimState. */
export function pastRunState(run: RunDetail): SimState {
  const end = run.state as Partial<SimState> & Record<string, unknown>;
  return {
    time_s: typeof end.time_s === 'number' ? end.time_s : run.time_reached_s,
    events_processed: typeof end.events_processed === 'number' ? end.events_processed : run.events,
    heap_size: 0,
    is_paused: true,
    is_running: false,
    is_complete: end.is_complete === true,
    entities: end.entities ?? {},
    upcoming: [],
    end_time_s: run.end_time_s,
    time_unit: run.time_unit,
    pause_reason: null,
    scenario: run.scenario,
    is_playing: false,
    active_faults: [],
    seed: run.seed,
    params: run.params,
    params_changed: run.params_changed,
    run_id: run.id,
  };
}

/** What "re-run" loads: the same scenario, seed and every parameter value. */
export function rerunOf(run: Pick<RunInfo, 'scenario' | 'seed' | 'params'>): { scenario: string; seed: number; params: Record<string, ParamValue> } {
  return { scenario: run.scenario, seed: run.seed, params: { ...run.params } };
}

/**
 * The runs picked for a comparison after a click on `id`: a second click unpicks it; a third pick replaces the
 * older of the two picked. At most two, in the order picked.
 */
export function togglePick(picked: number[], id: number): number[] {
  if (picked.includes(id)) return picked.filter((x) => x !== id);
  return [...picked, id].slice(-2);
}

/** The pair in time order (older run as "a"), as the comparison reads it. */
export function comparePair(picked: number[]): { a: number; b: number } | null {
  if (picked.length !== 2) return null;
  const [x, y] = picked;
  return { a: Math.min(x, y), b: Math.max(x, y) };
}

/**
 * Two series on one time axis, for an overlaid chart: the union of their times, each run's value where it has a
 * sample and null elsewhere (the line spans the gap). Times are assumed ascending in each.
 */
export function alignPair(a: Series, b: Series): [number[], (number | null)[], (number | null)[]] {
  const xs: number[] = [];
  const ya: (number | null)[] = [];
  const yb: (number | null)[] = [];
  let i = 0;
  let j = 0;
  while (i < a.times.length || j < b.times.length) {
    const ta = i < a.times.length ? a.times[i] : Infinity;
    const tb = j < b.times.length ? b.times[j] : Infinity;
    if (ta === tb) {
      xs.push(ta);
      ya.push(a.values[i++]);
      yb.push(b.values[j++]);
    } else if (ta < tb) {
      xs.push(ta);
      ya.push(a.values[i++]);
      yb.push(null);
    } else {
      xs.push(tb);
      ya.push(null);
      yb.push(b.values[j++]);
    }
  }
  return [xs, ya, yb];
}

/** b relative to a: "+12.5%", "−3%", "=" when equal, "new"/"gone" when one side has none. */
export function difference(a: number | null, b: number | null): string {
  if (a === null && b === null) return '';
  if (a === null) return 'new';
  if (b === null) return 'gone';
  if (a === b) return '=';
  if (a === 0) return b > 0 ? '+∞' : '−∞';
  const pct = ((b - a) / Math.abs(a)) * 100;
  const digits = Math.abs(pct) >= 10 ? 0 : 1;
  const text = `${Math.abs(pct).toFixed(digits)}%`;
  return pct >= 0 ? `+${text}` : `−${text}`;
}

/** The summary rows by group, groups in the server's order. */
export function groupRows(rows: SummaryRow[], onlyDifferent = false): { group: string; rows: SummaryRow[] }[] {
  const out: { group: string; rows: SummaryRow[] }[] = [];
  for (const r of rows) {
    if (onlyDifferent && !r.differs) continue;
    let g = out.find((x) => x.group === r.group);
    if (!g) {
      g = { group: r.group, rows: [] };
      out.push(g);
    }
    g.rows.push(r);
  }
  return out;
}

/** A number of the summary table: whole numbers with separators, others to 4 significant digits. */
export function formatSummaryValue(v: number | null): string {
  if (v === null || v === undefined) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1000) return v.toLocaleString('en-US', { maximumFractionDigits: 1 });
  return Number(v.toPrecision(4)).toString();
}

/** A run's name in legends and banners. */
export function runLabel(run: Pick<RunInfo, 'id' | 'seed' | 'params_changed'>): string {
  const changed = describeChanged(run.params_changed);
  return `run ${run.id} (seed ${run.seed}${changed === 'defaults' ? '' : `, ${changed}`})`;
}
