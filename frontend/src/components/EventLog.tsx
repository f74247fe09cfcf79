import { useEffect, useMemo, useRef, useState } from 'react';
import { api, exportUrl } from '../api/client';
import type { EventFilters, RecordedEvent } from '../api/types';
import { useSim } from '../store/sim';
import type { PageDescriptor } from '../lib/historyWindow';
import { matchesEvent } from '../lib/filters';
import { useDebounced, useRefreshKey, useUnit } from '../lib/hooks';
import { parseTimeInput } from '../lib/time';
import { useHistoryWindow } from '../lib/useHistoryWindow';
import { EventRow } from './EventRow';
import { VirtualRows } from './VirtualRows';

type Mode = 'live' | 'history';

interface FilterForm {
  types: string[];
  entity: string;
  search: string;
  tMin: string;
  tMax: string;
  hideInternal: boolean;
}

const NO_FILTER: FilterForm = { types: [], entity: '', search: '', tMin: '', tMax: '', hideInternal: true };

/** Wire filters from the form (times typed in the display unit → seconds). */
function toFilters(f: FilterForm, unit: 's' | 'min' | 'h'): EventFilters {
  return {
    event_type: f.types.length ? f.types : undefined,
    entity: f.entity.trim() || undefined,
    search: f.search.trim() || undefined,
    time_min: f.tMin.trim() ? parseTimeInput(f.tMin, unit) ?? undefined : undefined,
    time_max: f.tMax.trim() ? parseTimeInput(f.tMax, unit) ?? undefined : undefined,
    exclude_internal: f.hideInternal || undefined,
  };
}

export function EventLog() {
  const unit = useUnit();
  const [mode, setMode] = useState<Mode>(() => (useSim.getState().historyJump ? 'history' : 'live'));
  const [form, setForm] = useState<FilterForm>(NO_FILTER);
  const [showFilters, setShowFilters] = useState(false);
  const debounced = useDebounced(form, 300);
  const filters = useMemo(() => toFilters(debounced, unit), [debounced, unit]);
  const filterKey = JSON.stringify(filters);
  const [expanded, setExpanded] = useState<number | null>(null);
  const epoch = useSim((s) => s.epoch);
  const jump = useSim((s) => s.historyJump);
  // a past run has no live tail: its stored history is all there is
  const viewing = useSim((s) => s.viewing);
  const run = useSim((s) => s.viewing?.id ?? s.state?.run_id ?? null);
  const shownMode: Mode = viewing ? 'history' : mode;
  // a jump (timeline, chart click) opens the history view; the history view consumes it
  useEffect(() => {
    if (jump) setMode('history');
  }, [jump]);
  // "Internal" has its own checkbox: the Filter button's dot is about the other filters
  const active = JSON.stringify({ ...filters, exclude_internal: undefined }) !== JSON.stringify({ ...toFilters(NO_FILTER, unit), exclude_internal: undefined });

  return (
    <div className="log-panel" data-testid="event-log">
      <div className="log-toolbar">
        <div className="seg">
          {!viewing && <button className={mode === 'live' ? 'on' : ''} data-testid="events-live" onClick={() => setMode('live')}>Live</button>}
          <button className={shownMode === 'history' ? 'on' : ''} data-testid="events-history" onClick={() => setMode('history')}>History</button>
        </div>
        <button className={`small-btn${showFilters ? ' on' : ''}`} onClick={() => setShowFilters(!showFilters)} data-testid="events-filter-toggle">Filter{active ? ' ●' : ''}</button>
        <label className="check"><input type="checkbox" checked={!form.hideInternal} onChange={(e) => setForm({ ...form, hideInternal: !e.target.checked })} data-testid="show-internal" />Internal</label>
        {run !== null && <DownloadMenu run={run} filters={filters} />}
      </div>
      {showFilters && <EventFilterForm form={form} setForm={setForm} unit={unit} />}
      {shownMode === 'live'
        ? <LiveEvents filters={filters} unit={unit} expanded={expanded} setExpanded={setExpanded} />
        : <HistoryEvents key={epoch} filters={filters} filterKey={filterKey} unit={unit} expanded={expanded} setExpanded={setExpanded} jump={jump} />}
    </div>
  );
}

/** Every stored event matching the filters, as CSV or JSON Lines (the server streams them all, not a page). */
function DownloadMenu({ run, filters }: { run: number; filters: EventFilters }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="download-menu">
      <button className={`small-btn${open ? ' on' : ''}`} data-testid="events-download" onClick={() => setOpen(!open)} title="Download every matching event">⤓</button>
      {open && (
        <span className="menu" data-testid="events-download-menu" onClick={() => setOpen(false)}>
          <a href={exportUrl.events(run, 'csv', filters)} download>events.csv (matching)</a>
          <a href={exportUrl.events(run, 'jsonl', filters)} download>events.jsonl (matching)</a>
          <a href={exportUrl.sqlite(run)} download>whole run (SQLite)</a>
        </span>
      )}
    </span>
  );
}

function EventFilterForm({ form, setForm, unit }: { form: FilterForm; setForm: (f: FilterForm) => void; unit: string }) {
  const [types, setTypes] = useState<string[]>([]);
  const live = useSim((s) => s.liveEvents);
  const topology = useSim((s) => s.topology);
  useEffect(() => {
    api.eventTypes().then((t) => setTypes([...t].sort()), () => {
      // no /api/events/types: the types of the newest stored and live events
      api.events({}, { direction: 'older', limit: 1000 }).then(
        (p) => setTypes([...new Set([...p.events, ...live].map((e) => e.event_type))].sort()),
        () => setTypes([...new Set(live.map((e) => e.event_type))].sort()),
      );
    });
  }, []); // once, when the form opens: the live rows of that moment are only a fallback
  const entities = topology?.nodes.map((n) => n.id) ?? [];
  const allTypes = [...new Set([...types, ...form.types])].sort();
  return (
    <div className="filters" data-testid="event-filters">
      <select multiple value={form.types} size={Math.min(5, Math.max(2, allTypes.length))} data-testid="filter-types"
        onChange={(e) => setForm({ ...form, types: [...e.target.selectedOptions].map((o) => o.value) })}>
        {allTypes.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <div className="filter-fields">
        <input list="entity-list" placeholder="entity" value={form.entity} onChange={(e) => setForm({ ...form, entity: e.target.value })} data-testid="filter-entity" />
        <datalist id="entity-list">{entities.map((n) => <option key={n} value={n} />)}</datalist>
        <input placeholder="search text" value={form.search} onChange={(e) => setForm({ ...form, search: e.target.value })} data-testid="filter-search" />
        <div className="row2">
          <input placeholder={`t ≥ (${unit})`} value={form.tMin} onChange={(e) => setForm({ ...form, tMin: e.target.value })} size={7} data-testid="filter-tmin" />
          <input placeholder={`t ≤ (${unit})`} value={form.tMax} onChange={(e) => setForm({ ...form, tMax: e.target.value })} size={7} data-testid="filter-tmax" />
          <button className="small-btn" onClick={() => setForm({ ...NO_FILTER, hideInternal: form.hideInternal })} data-testid="filter-clear">Clear</button>
        </div>
      </div>
    </div>
  );
}

function LiveEvents({ filters, unit, expanded, setExpanded }: { filters: EventFilters; unit: 's' | 'min' | 'h'; expanded: number | null; setExpanded: (n: number | null) => void }) {
  const live = useSim((s) => s.liveEvents);
  const [follow, setFollow] = useState(true);
  const rows = useMemo(() => live.filter((e) => matchesEvent(e, filters)), [live, filters]);
  return (
    <>
      <div className="log-caption">
        <span data-testid="live-count">{rows.length.toLocaleString('en-US')} shown (newest {live.length.toLocaleString('en-US')} kept live)</span>
        <label className="check"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="auto-scroll" />Auto-scroll</label>
      </div>
      <VirtualRows rows={rows} idOf={(e) => e.event_id} version={rows.length} scrollTarget={null} follow={follow} onFollowChange={setFollow}
        testId="live-events" empty={<div className="empty">No events yet — Step or Play.</div>}
        render={(ev) => <EventRow ev={ev} unit={unit} expanded={expanded === ev.event_id} onToggle={() => setExpanded(expanded === ev.event_id ? null : ev.event_id)} />} />
    </>
  );
}

/** A page of stored events; an around_time answer has rows on both sides of the time and a cursor each way. */
async function fetchEvents(filters: EventFilters, d: PageDescriptor, limit: number, signal: AbortSignal) {
  const p = await api.events(filters, { direction: d.direction, cursor: d.cursor, around_time: d.around_time, limit }, signal);
  const around = d.around_time !== undefined && !d.cursor;
  return { items: p.events, next_cursor: p.next_cursor, prev_cursor: around ? p.prev_cursor : undefined, total: p.total };
}

const eventId = (e: RecordedEvent) => e.event_id;
const eventTime = (e: RecordedEvent) => e.time_s;

function HistoryEvents({ filters, filterKey, unit, expanded, setExpanded, jump }: {
  filters: EventFilters; filterKey: string; unit: 's' | 'min' | 'h'; expanded: number | null; setExpanded: (n: number | null) => void;
  jump: { time_s: number; nonce: number } | null;
}) {
  const view = useHistoryWindow(filters, fetchEvents, eventId, eventTime, 'around_time');
  const { win, openAt, openNewest } = view;
  const [count, setCount] = useState<{ total: number; latest: number } | null>(null);
  const firstVisible = useRef<RecordedEvent | undefined>(undefined);
  const atBottom = useRef(true);
  const refresh = useRefreshKey(1000);
  const [jumpText, setJumpText] = useState('');

  // Open at a requested time; else at the newest rows; re-open on a filter change keeping the user's place in time.
  // Runs on a filter change or a new jump only (the callbacks it uses are stable for the view's life).
  const openedWith = useRef<string | null>(null);
  useEffect(() => {
    if (jump) {
      openedWith.current = filterKey;
      openAt(jump.time_s);
      useSim.setState({ historyJump: null });
      return;
    }
    if (openedWith.current === filterKey) return; // only the consumed jump went away
    const fv = firstVisible.current;
    if (openedWith.current !== null && fv && !atBottom.current) openAt(fv.time_s);
    else openNewest();
    openedWith.current = filterKey;
  }, [filterKey, jump?.nonce]);

  // The total matching count, kept fresh while the simulation runs.
  useEffect(() => {
    const ac = new AbortController();
    api.eventCount(filters, ac.signal).then((c) => setCount({ total: c.total, latest: c.total }), () => undefined);
    return () => ac.abort();
  }, [filterKey, refresh]);

  const rows = view.rows;
  const newer = count && win.atEnd && count.total > win.total ? count.total - win.total : 0;

  return (
    <>
      <div className="log-caption">
        <span data-testid="history-total">{count ? `${count.total.toLocaleString('en-US')} matching` : win.loading ? 'loading…' : ''}</span>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); const t = parseTimeInput(jumpText, unit); if (t !== null) openAt(t); }}>
          <input placeholder={`jump to (${unit})`} value={jumpText} onChange={(e) => setJumpText(e.target.value)} size={8} data-testid="jump-input" />
          <button type="submit" className="small-btn" data-testid="jump-go">Go</button>
        </form>
        <button className="small-btn" onClick={view.openOldest} data-testid="history-oldest" title="Oldest">⤒</button>
        <button className="small-btn" onClick={openNewest} data-testid="history-newest" title="Newest">⤓</button>
      </div>
      {view.error && <div className="error small" data-testid="history-error">{view.error}</div>}
      {newer > 0 && <button className="small-btn newer" onClick={openNewest}>{newer.toLocaleString('en-US')} newer — go to newest</button>}
      <VirtualRows rows={rows} idOf={eventId} version={view.version} scrollTarget={view.target} onScrolled={view.clearTarget}
        testId="history-events" empty={<div className="empty">{win.loading ? 'Loading…' : 'No stored events match.'}</div>}
        onNearTop={view.loadOlder}
        onNearBottom={view.loadNewer}
        onFirstVisible={(r, bottom) => {
          firstVisible.current = r;
          atBottom.current = win.atEnd && bottom;
        }}
        render={(ev) => <EventRow ev={ev} unit={unit} expanded={expanded === ev.event_id} onToggle={() => setExpanded(expanded === ev.event_id ? null : ev.event_id)} />} />
      <div className="log-caption small muted" data-testid="history-window">
        {rows.length ? `#${rows[0].event_id} … #${rows[rows.length - 1].event_id}` : ''}{win.atStart ? ' · start' : ''}{win.atEnd ? ' · end' : ''}{win.loading ? ' · loading' : ''}
      </div>
    </>
  );
}
