import type { LogLevel } from '../api/types';
import { initialFilters, type FiltersState } from '../store/filters';
import type { TimeRange } from '../store/sim';
import { LEVELS } from './filters';

/**
 * The view in the page's URL, so that a reload keeps it and a link shares it: the charts' time range (a drag-zoom is
 * one), the Event Log's filters, search and mode, the Sim Log's, the Internal toggle and an open lifeline. Only what
 * differs from the defaults is written. Pure: the app reads it at start and writes it back with `history.replaceState`.
 */
export interface UrlView {
  range: TimeRange;
  filters: Omit<FiltersState, 'focusSearch'>;
}

const num = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
};

export function readUrl(search: string): UrlView {
  const q = new URLSearchParams(search);
  const f = initialFilters;
  const [r0, r1] = (q.get('range') ?? '').split('_');
  let range: TimeRange = { start_s: num(r0 ?? null), end_s: num(r1 ?? null) };
  if (range.start_s !== null && range.end_s !== null && range.end_s <= range.start_s) range = { start_s: null, end_s: null };
  const level = q.get('level') as LogLevel | null;
  return {
    range,
    filters: {
      events: {
        types: q.getAll('type'),
        entity: q.get('entity') ?? '',
        search: q.get('q') ?? '',
        tMin: q.get('tmin') ?? '',
        tMax: q.get('tmax') ?? '',
      },
      eventsMode: q.get('events') === 'history' ? 'history' : f.eventsMode,
      showInternal: q.get('internal') === '1',
      logs: {
        level: level && LEVELS.includes(level) ? level : f.logs.level,
        logger: q.get('logger') ?? '',
        search: q.get('logq') ?? '',
      },
      logsMode: q.get('logs') === 'history' ? 'history' : f.logsMode,
      follow: q.get('follow'),
    },
  };
}

/** The query keys a view owns (others, like a what-if run's scenario, seed and values, belong to someone else). */
const VIEW_KEYS = ['range', 'type', 'entity', 'q', 'tmin', 'tmax', 'events', 'internal', 'level', 'logger', 'logq', 'logs', 'follow'];

/**
 * The query string (with its `?`, or '' when it is empty) for a view: `search`'s keys that are not the view's are kept
 * (the run link's), the view's replaced by what differs from the defaults.
 */
export function writeUrl(v: UrlView, search = ''): string {
  const q = new URLSearchParams(search);
  for (const k of VIEW_KEYS) q.delete(k);
  const s = (x: number | null) => (x === null ? '' : String(Number(x.toPrecision(12))));
  if (v.range.start_s !== null || v.range.end_s !== null) q.set('range', `${s(v.range.start_s)}_${s(v.range.end_s)}`);
  const e = v.filters.events;
  for (const t of e.types) q.append('type', t);
  if (e.entity) q.set('entity', e.entity);
  if (e.search) q.set('q', e.search);
  if (e.tMin) q.set('tmin', e.tMin);
  if (e.tMax) q.set('tmax', e.tMax);
  if (v.filters.eventsMode === 'history') q.set('events', 'history');
  if (v.filters.showInternal) q.set('internal', '1');
  const l = v.filters.logs;
  if (l.level !== initialFilters.logs.level) q.set('level', l.level);
  if (l.logger) q.set('logger', l.logger);
  if (l.search) q.set('logq', l.search);
  if (v.filters.logsMode === 'history') q.set('logs', 'history');
  if (v.filters.follow) q.set('follow', v.filters.follow);
  const text = q.toString();
  return text ? `?${text}` : '';
}
