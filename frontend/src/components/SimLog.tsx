import { useEffect, useMemo, useState } from 'react';
import { api, exportUrl } from '../api/client';
import type { LogFilters, LogLevel, RecordedLog } from '../api/types';
import { useSim } from '../store/sim';
import { useFilters } from '../store/filters';
import { recheck, submitChecked } from '../store/inputs';
import type { PageDescriptor } from '../lib/historyWindow';
import { LEVELS, matchesLog } from '../lib/filters';
import { useDebounced, useUnit } from '../lib/hooks';
import { formatTime } from '../lib/time';
import { checkTime } from '../lib/validate';
import { useHistoryWindow } from '../lib/useHistoryWindow';
import { FieldError, useHasError } from './FieldError';
import { VirtualRows } from './VirtualRows';

const LOG_ROW_H = 36;

function LogRow({ log, unit }: { log: RecordedLog; unit: 's' | 'min' | 'h' }) {
  return (
    <div className={`log-row lvl-${log.level}`} data-testid="log-row" data-level={log.level} data-log-id={log.log_id}>
      <div className="log-line1">
        <span className="time">{log.time_s === null ? '—' : formatTime(log.time_s, unit, 4)}</span>
        <span className={`level lvl-${log.level}`}>{log.level.slice(0, 4)}</span>
        <span className="logger">{log.logger_name}</span>
        <span className="muted small wall">{log.wall_time}</span>
      </div>
      <div className="log-msg">{log.message}</div>
    </div>
  );
}

export function SimLog() {
  const unit = useUnit();
  const mode = useFilters((s) => s.logsMode);
  const { level, logger, search } = useFilters((s) => s.logs);
  const setMode = (m: 'live' | 'history') => useFilters.setState({ logsMode: m });
  const form = useFilters((s) => s.logs);
  const setLevel = (l: LogLevel) => useFilters.setState({ logs: { ...form, level: l } });
  const setLogger = (l: string) => useFilters.setState({ logs: { ...form, logger: l } });
  const setSearch = (q: string) => useFilters.setState({ logs: { ...form, search: q } });
  const dl = useDebounced(logger, 300);
  const ds = useDebounced(search, 300);
  const filters: LogFilters = useMemo(() => ({ min_level: level, logger: dl.trim() || undefined, search: ds.trim() || undefined }), [level, dl, ds]);
  const epoch = useSim((s) => s.epoch);
  const viewing = useSim((s) => s.viewing);
  const run = useSim((s) => s.viewing?.id ?? s.state?.run_id ?? null);
  const shownMode = viewing ? 'history' : mode;
  return (
    <div className="log-panel" data-testid="sim-log">
      <div className="log-toolbar">
        <div className="seg">
          {!viewing && <button className={mode === 'live' ? 'on' : ''} data-testid="logs-live" onClick={() => setMode('live')}>Live</button>}
          <button className={shownMode === 'history' ? 'on' : ''} data-testid="logs-history" onClick={() => setMode('history')}>History</button>
        </div>
        <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel)} data-testid="log-level" title="Minimum level">
          {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        <input placeholder="logger" value={logger} onChange={(e) => setLogger(e.target.value)} size={9} data-testid="log-logger"
          title="A logger and the loggers below it: core keeps core.simulation, not corex" />
        <input placeholder="search" value={search} onChange={(e) => setSearch(e.target.value)} size={9} data-testid="log-search" />
        {run !== null && <a className="small-btn" data-testid="logs-download" href={exportUrl.logs(run, filters)} download title="Every stored line matching the filters, as CSV">CSV</a>}
      </div>
      {shownMode === 'live' ? <LiveLogs filters={filters} unit={unit} /> : <HistoryLogs key={epoch} filters={filters} unit={unit} />}
    </div>
  );
}

function LiveLogs({ filters, unit }: { filters: LogFilters; unit: 's' | 'min' | 'h' }) {
  const live = useSim((s) => s.liveLogs);
  const rows = useMemo(() => live.filter((l) => matchesLog(l, filters)), [live, filters]);
  const [follow, setFollow] = useState(true);
  return (
    <>
      <div className="log-caption">
        <span data-testid="live-log-count">{rows.length.toLocaleString('en-US')} shown (newest {live.length.toLocaleString('en-US')} kept live)</span>
        <label className="check"><input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />Auto-scroll</label>
      </div>
      <VirtualRows rowHeight={LOG_ROW_H} rows={rows} idOf={(l) => l.log_id} version={rows.length} scrollTarget={null} follow={follow} onFollowChange={setFollow}
        testId="live-logs" empty={<div className="empty">No log lines yet.</div>} render={(l) => <LogRow log={l} unit={unit} />} />
    </>
  );
}

/** A page of stored log lines; /api/logs has no around_time, so the window positions its first pages by time bounds. */
async function fetchLogs(filters: LogFilters, d: PageDescriptor, limit: number, signal: AbortSignal) {
  const f = { ...filters };
  if (d.time_min !== undefined) f.time_min = Math.max(f.time_min ?? -Infinity, d.time_min);
  if (d.time_max !== undefined) f.time_max = Math.min(f.time_max ?? Infinity, d.time_max);
  const p = await api.logs(f, { direction: d.direction, cursor: d.cursor, limit }, signal);
  return { items: p.logs, next_cursor: p.next_cursor, total: p.total };
}

const logId = (l: RecordedLog) => l.log_id;
const logTime = (l: RecordedLog) => l.time_s;

function HistoryLogs({ filters, unit }: { filters: LogFilters; unit: 's' | 'min' | 'h' }) {
  const view = useHistoryWindow(filters, fetchLogs, logId, logTime, 'time_bounds');
  const { win, openNewest } = view;
  const [jumpText, setJumpText] = useState('');
  const jumpBad = useHasError('log-jump');
  // (re-)opens at the newest rows when the filters change, by value (a new object with the same filters is no change)
  const key = JSON.stringify(filters);
  useEffect(() => openNewest(), [key]);
  return (
    <>
      <div className="log-caption">
        <span data-testid="log-history-total">{win.total === null ? '' : `${win.total.toLocaleString('en-US')} matching`}</span>
        <form className="inline-form" noValidate onSubmit={(e) => {
          e.preventDefault();
          const t = submitChecked('log-jump', checkTime(jumpText, unit));
          if (t !== undefined && t !== null) view.openAt(t);
        }}>
          <input placeholder={`jump to (${unit})`} value={jumpText} size={8} data-testid="log-jump-input" className={jumpBad ? 'invalid' : ''}
            onChange={(e) => { setJumpText(e.target.value); recheck('log-jump', checkTime(e.target.value, unit)); }} />
          <button type="submit" className="small-btn" data-testid="log-jump-go">Go</button>
        </form>
        <button className="small-btn" onClick={view.openOldest} title="Oldest">⤒</button>
        <button className="small-btn" onClick={openNewest} title="Newest">⤓</button>
      </div>
      <FieldError id="log-jump" />
      {view.error && <div className="error small">{view.error}</div>}
      <VirtualRows rowHeight={LOG_ROW_H} rows={view.rows} idOf={logId} version={view.version} scrollTarget={view.target} onScrolled={view.clearTarget}
        testId="history-logs" empty={<div className="empty">{win.loading ? 'Loading…' : 'No stored log lines match.'}</div>}
        onNearTop={view.loadOlder}
        onNearBottom={view.loadNewer}
        render={(l) => <LogRow log={l} unit={unit} />} />
    </>
  );
}
