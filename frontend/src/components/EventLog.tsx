import { useEffect, useMemo, useRef, useState } from 'react';
import { api, exportUrl } from '../api/client';
import type { EventFilters, RecordedEvent, TimeUnit } from '../api/types';
import { useSim } from '../store/sim';
import { NO_EVENT_FILTER, setEventForm, useFilters, type EventForm } from '../store/filters';
import type { PageDescriptor } from '../lib/historyWindow';
import { isInternalType, matchesEvent, splitSearch } from '../lib/filters';
import { useDebounced, useRefreshKey, useUnit } from '../lib/hooks';
import { useDisplayName } from '../lib/names';
import { checkKnown, checkSearch, checkTime, checkTimeRange, type Checked } from '../lib/validate';
import { clearError, recheck, showError, submitChecked } from '../store/inputs';
import { useHistoryWindow } from '../lib/useHistoryWindow';
import { newerRows, nextBaseline, type Baseline, type CountSeen } from '../lib/newer';
import { EventRow } from './EventRow';
import { FieldError, useHasError } from './FieldError';
import { Lifeline } from './Lifeline';
import { VirtualRows } from './VirtualRows';

/**
 * Wire filters from the form (times typed in the display unit → seconds; the search split into free text and
 * `name=value` field filters). A field the user typed wrong adds no filter: its message says so beside it.
 */
function toFilters(f: EventForm, showInternal: boolean, unit: TimeUnit): EventFilters {
  const range = checkTimeRange(f.tMin, f.tMax, unit);
  const { text, fields } = splitSearch(f.search);
  return {
    event_type: f.types.length ? f.types : undefined,
    entity: f.entity.trim() || undefined,
    search: text.trim() || undefined,
    field: fields.length ? fields : undefined,
    time_min: range.start.ok && range.start.value !== null ? range.start.value : undefined,
    time_max: range.end.ok && range.end.value !== null ? range.end.value : undefined,
    exclude_internal: !showInternal || undefined,
  };
}

/** Shows (or clears) an input's message as its text is checked: the form's fields are applied as they are typed. */
function live(id: string, checked: Checked<unknown>) {
  if (checked.ok) clearError(id);
  else showError(id, checked.message);
}

export function EventLog() {
  const unit = useUnit();
  // a past run has no live tail: its stored history is all there is
  const viewing = useSim((s) => s.viewing);
  const run = useSim((s) => s.viewing?.id ?? s.state?.run_id ?? null);
  const chosenMode = useFilters((s) => s.eventsMode);
  const mode = viewing ? 'history' : chosenMode;
  const form = useFilters((s) => s.events);
  const showInternal = useFilters((s) => s.showInternal);
  const follow = useFilters((s) => s.follow);
  const [showFilters, setShowFilters] = useState(() => !!(form.types.length || form.entity || form.tMin || form.tMax));
  const debounced = useDebounced(form, 300);
  const filters = useMemo(() => toFilters(debounced, showInternal, unit), [debounced, showInternal, unit]);
  const filterKey = JSON.stringify(filters);
  const [expanded, setExpanded] = useState<number | null>(null);
  const epoch = useSim((s) => s.epoch);
  const jump = useSim((s) => s.historyJump);
  const setMode = (m: 'live' | 'history') => useFilters.setState({ eventsMode: m });
  // a jump (timeline, chart click) opens the history view; the history view consumes it
  useEffect(() => {
    if (jump) useFilters.setState({ eventsMode: 'history', follow: null });
  }, [jump]);
  // "Internal" has its own checkbox, the search its own box: the Filter button's dot is about the other filters
  const active = !!(form.types.length || form.entity.trim() || form.tMin.trim() || form.tMax.trim());

  return (
    <div className="log-panel" data-testid="event-log">
      <div className="log-toolbar">
        <div className="seg">
          {!viewing && <button className={mode === 'live' && !follow ? 'on' : ''} data-testid="events-live" onClick={() => { setMode('live'); useFilters.setState({ follow: null }); }}>Live</button>}
          <button className={mode === 'history' && !follow ? 'on' : ''} data-testid="events-history" onClick={() => { setMode('history'); useFilters.setState({ follow: null }); }}>History</button>
        </div>
        <SearchBox form={form} />
        <button className={`small-btn${showFilters ? ' on' : ''}`} onClick={() => setShowFilters(!showFilters)} data-testid="events-filter-toggle">Filter{active ? ' ●' : ''}</button>
        <label className="check" title="Show the simulator's plumbing: queue hand-overs, source and probe ticks, and the parts of an entity (Server.worker)">
          <input type="checkbox" checked={showInternal} onChange={(e) => useFilters.setState({ showInternal: e.target.checked })} data-testid="show-internal" />Internal
        </label>
        {run !== null && <DownloadMenu run={run} filters={filters} />}
      </div>
      <FieldError id="event-search" keep />
      {showFilters && <EventFilterForm form={form} unit={unit} />}
      {follow !== null
        ? <Lifeline key={`${epoch}:${follow}`} requestId={follow} unit={unit} />
        : mode === 'live'
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

/** The search box: free text and field=value filters (request_id=42), applied as typed; "/" puts the cursor here. */
function SearchBox({ form }: { form: EventForm }) {
  const input = useRef<HTMLInputElement>(null);
  const focus = useFilters((s) => s.focusSearch);
  const bad = useHasError('event-search');
  useEffect(() => {
    if (focus > 0) input.current?.focus();
  }, [focus]);
  return (
    <input ref={input} className={`log-search${bad ? ' invalid' : ''}`} placeholder="search: text or request_id=42" value={form.search} size={16}
      data-testid="filter-search" aria-invalid={bad}
      title={'Text anywhere in an event (type, entities, id, context), and/or field=value: the exact value of a context field\n'
        + '(request_id=42, id=7, attempt=2, metadata.tenant=a); several are combined'}
      onChange={(e) => { setEventForm({ ...form, search: e.target.value }); live('event-search', checkSearch(e.target.value)); }} />
  );
}

function EventFilterForm({ form, unit }: { form: EventForm; unit: TimeUnit }) {
  const [types, setTypes] = useState<string[]>([]);
  const live0 = useSim((s) => s.liveEvents);
  const topology = useSim((s) => s.topology);
  const [stored, setStored] = useState<string[]>([]);
  useEffect(() => {
    api.eventTypes().then((t) => setTypes([...t].sort()), () => {
      // no /api/events/types: the types of the newest stored and live events
      api.events({}, { direction: 'older', limit: 1000 }).then(
        (p) => setTypes([...new Set([...p.events, ...live0].map((e) => e.event_type))].sort()),
        () => setTypes([...new Set(live0.map((e) => e.event_type))].sort()),
      );
    });
    api.entities().then((e) => setStored(Array.isArray(e) ? (e as string[]) : []), () => undefined);
  }, []); // once, when the form opens: the live rows of that moment are only a fallback
  const entities = [...new Set([...(topology?.nodes.map((n) => n.id) ?? []), ...stored])].sort();
  const showInternal = useFilters((s) => s.showInternal);
  // the plumbing's types are offered with Internal on (or when a link selected them)
  const allTypes = [...new Set([...types.filter((t) => showInternal || !isInternalType(t)), ...form.types])].sort();
  const set = (f: EventForm) => setEventForm(f);
  const tMinBad = useHasError('event-tmin');
  const tMaxBad = useHasError('event-tmax');
  const entityBad = useHasError('event-entity');
  return (
    <div className="filters" data-testid="event-filters">
      <select multiple value={form.types} size={Math.min(5, Math.max(2, allTypes.length))} data-testid="filter-types"
        onChange={(e) => set({ ...form, types: [...e.target.selectedOptions].map((o) => o.value) })}>
        {allTypes.map((t) => <option key={t} value={t}>{t}</option>)}
      </select>
      <div className="filter-fields">
        <input list="entity-list" placeholder="entity" value={form.entity} className={entityBad ? 'invalid' : ''} data-testid="filter-entity"
          onChange={(e) => { set({ ...form, entity: e.target.value }); live('event-entity', checkKnown(e.target.value, entities, 'entity')); }} />
        <datalist id="entity-list">{entities.map((n) => <option key={n} value={n} />)}</datalist>
        <FieldError id="event-entity" keep />
        <div className="row2">
          <input placeholder={`t ≥ (${unit})`} value={form.tMin} size={7} data-testid="filter-tmin" className={tMinBad ? 'invalid' : ''}
            onChange={(e) => {
              set({ ...form, tMin: e.target.value });
              const r = checkTimeRange(e.target.value, form.tMax, unit);
              live('event-tmin', r.start);
              live('event-tmax', r.end);
            }} />
          <input placeholder={`t ≤ (${unit})`} value={form.tMax} size={7} data-testid="filter-tmax" className={tMaxBad ? 'invalid' : ''}
            onChange={(e) => {
              set({ ...form, tMax: e.target.value });
              const r = checkTimeRange(form.tMin, e.target.value, unit);
              live('event-tmin', r.start);
              live('event-tmax', r.end);
            }} />
          <button className="small-btn" onClick={() => {
            set({ ...NO_EVENT_FILTER, search: form.search });
            ['event-tmin', 'event-tmax', 'event-entity'].forEach(clearError);
          }} data-testid="filter-clear">Clear</button>
        </div>
        <FieldError id="event-tmin" keep />
        <FieldError id="event-tmax" keep />
      </div>
    </div>
  );
}

function LiveEvents({ filters, unit, expanded, setExpanded }: { filters: EventFilters; unit: TimeUnit; expanded: number | null; setExpanded: (n: number | null) => void }) {
  const live0 = useSim((s) => s.liveEvents);
  const processed = useSim((s) => s.state?.events_processed ?? 0);
  const name = useDisplayName();
  const [follow, setFollow] = useState(true);
  const rows = useMemo(() => live0.filter((e) => matchesEvent(e, filters)), [live0, filters]);
  const total = Math.max(processed, live0.length);
  return (
    <>
      <div className="log-caption">
        <span data-testid="live-count" title="The live view keeps the newest events; History reads every stored one">
          {rows.length === live0.length ? '' : `${rows.length.toLocaleString('en-US')} match · `}showing the newest {live0.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
        </span>
        <label className="check"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="auto-scroll" />Auto-scroll</label>
      </div>
      <VirtualRows rows={rows} idOf={(e) => e.event_id} version={rows.length} scrollTarget={null} follow={follow} onFollowChange={setFollow}
        testId="live-events" empty={<div className="empty">{processed === 0 ? 'No events yet — Step or Play.' : 'No live event matches these filters (History searches them all).'}</div>}
        render={(ev) => <EventRow ev={ev} unit={unit} name={name} expanded={expanded === ev.event_id} onToggle={() => setExpanded(expanded === ev.event_id ? null : ev.event_id)} />} />
    </>
  );
}

/**
 * A page of stored events; an around_time answer has rows on both sides of the time and a cursor each way. A search's
 * page comes without its total (its exact count reads every block that may match; the caption's count follows).
 */
async function fetchEvents(filters: EventFilters, d: PageDescriptor, limit: number, signal: AbortSignal) {
  const counted = !filters.search && !filters.field?.length;
  const p = await api.events(filters, { direction: d.direction, cursor: d.cursor, around_time: d.around_time, limit, total: counted }, signal);
  const around = d.around_time !== undefined && !d.cursor;
  return { items: p.events, next_cursor: p.next_cursor, prev_cursor: around ? p.prev_cursor : undefined, total: p.total };
}

const eventId = (e: RecordedEvent) => e.event_id;
const eventTime = (e: RecordedEvent) => e.time_s;

function HistoryEvents({ filters, filterKey, unit, expanded, setExpanded, jump }: {
  filters: EventFilters; filterKey: string; unit: TimeUnit; expanded: number | null; setExpanded: (n: number | null) => void;
  jump: { time_s: number; nonce: number } | null;
}) {
  const view = useHistoryWindow(filters, fetchEvents, eventId, eventTime, 'around_time');
  const { win, openAt, openNewest } = view;
  const [count, setCount] = useState<CountSeen | null>(null);
  const baseline = useRef<Baseline | null>(null);
  const firstVisible = useRef<RecordedEvent | undefined>(undefined);
  const atBottom = useRef(true);
  const refresh = useRefreshKey(1000);
  const [jumpText, setJumpText] = useState('');
  const name = useDisplayName();
  const jumpBad = useHasError('event-jump');

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
    baseline.current = null;
    setCount(null); // not the last filter's count while this one's is counted
  }, [filterKey]);
  useEffect(() => {
    const ac = new AbortController();
    api.eventCount(filters, ac.signal).then((c) => setCount({ total: c.total, last_id: c.last_id }), () => undefined);
    return () => ac.abort();
  }, [filterKey, refresh]);

  const rows = view.rows;
  const newestShown = win.atEnd && rows.length ? rows[rows.length - 1].event_id : null;
  // whichever came last, the count or the page: a count that saw the newest row shown is the baseline for "N newer"
  if (count) baseline.current = nextBaseline(baseline.current, count, newestShown);
  const newer = newerRows(win.total, newestShown, count, baseline.current);

  return (
    <>
      <div className="log-caption">
        <span data-testid="history-total">{count ? `${count.total.toLocaleString('en-US')} matching` : win.loading ? 'loading…' : 'counting…'}</span>
        <form className="inline-form" noValidate onSubmit={(e) => {
          e.preventDefault();
          const t = submitChecked('event-jump', checkTime(jumpText, unit));
          if (t !== undefined && t !== null) openAt(t);
        }}>
          <input placeholder={`jump to (${unit})`} value={jumpText} size={8} data-testid="jump-input" className={jumpBad ? 'invalid' : ''}
            onChange={(e) => { setJumpText(e.target.value); recheck('event-jump', checkTime(e.target.value, unit)); }} />
          <button type="submit" className="small-btn" data-testid="jump-go">Go</button>
        </form>
        <button className="small-btn" onClick={view.openOldest} data-testid="history-oldest" title="Oldest">⤒</button>
        <button className="small-btn" onClick={openNewest} data-testid="history-newest" title="Newest">⤓</button>
      </div>
      <FieldError id="event-jump" />
      {view.error && <div className="error small" data-testid="history-error">{view.error}</div>}
      {/* over the rows, not above them: the list keeps its height, so the rows at the end stay in view when it shows */}
      <div className="vrows-overlaid">
        {newer !== 0 && <button className="small-btn newer" onClick={openNewest} data-testid="history-newer">
          {newer === 'some' ? 'Newer rows' : `${newer.toLocaleString('en-US')} newer`} — go to newest</button>}
        <VirtualRows rows={rows} idOf={eventId} version={view.version} scrollTarget={view.target} onScrolled={view.clearTarget}
          testId="history-events" empty={<div className="empty">{win.loading ? 'Loading…' : 'No stored events match.'}</div>}
          onNearTop={view.loadOlder}
          onNearBottom={view.loadNewer}
          onFirstVisible={(r, bottom) => {
            firstVisible.current = r;
            atBottom.current = win.atEnd && bottom;
          }}
          render={(ev) => <EventRow ev={ev} unit={unit} name={name} expanded={expanded === ev.event_id} onToggle={() => setExpanded(expanded === ev.event_id ? null : ev.event_id)} />} />
      </div>
      <div className="log-caption small muted" data-testid="history-window">
        {rows.length ? `#${rows[0].event_id} … #${rows[rows.length - 1].event_id}` : ''}{win.atStart ? ' · start' : ''}{win.atEnd ? ' · end' : ''}{win.loading ? ' · loading' : ''}
      </div>
    </>
  );
}
