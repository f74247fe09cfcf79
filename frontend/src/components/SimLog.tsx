import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import type { LogFilters, LogLevel, RecordedLog } from '../api/types';
import { useSim } from '../store/sim';
import { HistoryWindow, type PageDescriptor } from '../lib/historyWindow';
import { useDebounced, useUnit } from '../lib/hooks';
import { formatTime, parseTimeInput } from '../lib/time';
import { VirtualRows, type ScrollTarget } from './VirtualRows';

const LOG_ROW_H = 36;
export const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];
const RANK: Record<string, number> = { DEBUG: 0, INFO: 1, WARNING: 2, WARN: 2, ERROR: 3, CRITICAL: 4 };

export function matchesLog(l: RecordedLog, f: LogFilters): boolean {
  if (f.min_level && (RANK[l.level] ?? 0) < RANK[f.min_level]) return false;
  if (f.logger && !l.logger_name.toLowerCase().includes(f.logger.toLowerCase())) return false;
  if (f.search && !l.message.toLowerCase().includes(f.search.toLowerCase())) return false;
  if (f.time_min !== undefined && (l.time_s === null || l.time_s < f.time_min)) return false;
  if (f.time_max !== undefined && (l.time_s === null || l.time_s > f.time_max)) return false;
  return true;
}

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
  const [mode, setMode] = useState<'live' | 'history'>('live');
  const [level, setLevel] = useState<LogLevel>('DEBUG');
  const [logger, setLogger] = useState('');
  const [search, setSearch] = useState('');
  const dl = useDebounced(logger, 300);
  const ds = useDebounced(search, 300);
  const filters: LogFilters = useMemo(() => ({ min_level: level, logger: dl.trim() || undefined, search: ds.trim() || undefined }), [level, dl, ds]);
  const epoch = useSim((s) => s.epoch);
  return (
    <div className="log-panel" data-testid="sim-log">
      <div className="log-toolbar">
        <div className="seg">
          <button className={mode === 'live' ? 'on' : ''} data-testid="logs-live" onClick={() => setMode('live')}>Live</button>
          <button className={mode === 'history' ? 'on' : ''} data-testid="logs-history" onClick={() => setMode('history')}>History</button>
        </div>
        <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel)} data-testid="log-level" title="Minimum level">
          {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
        <input placeholder="logger" value={logger} onChange={(e) => setLogger(e.target.value)} size={9} data-testid="log-logger" />
        <input placeholder="search" value={search} onChange={(e) => setSearch(e.target.value)} size={9} data-testid="log-search" />
      </div>
      {mode === 'live' ? <LiveLogs filters={filters} unit={unit} /> : <HistoryLogs key={epoch} filters={filters} unit={unit} />}
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

function HistoryLogs({ filters, unit }: { filters: LogFilters; unit: 's' | 'min' | 'h' }) {
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const win = useMemo(() => new HistoryWindow<RecordedLog>(
    async (d: PageDescriptor, limit, signal) => {
      const f = { ...filtersRef.current };
      if (d.time_min !== undefined) f.time_min = Math.max(f.time_min ?? -Infinity, d.time_min);
      if (d.time_max !== undefined) f.time_max = Math.min(f.time_max ?? Infinity, d.time_max);
      const p = await api.logs(f, { direction: d.direction, cursor: d.cursor, limit }, signal);
      return { items: p.logs, next_cursor: p.next_cursor, total: p.total };
    },
    (l) => l.log_id, 100, 5,
  ), []);
  const [version, setVersion] = useState(0);
  const [target, setTarget] = useState<ScrollTarget>(null);
  const [error, setError] = useState<string | null>(null);
  const [jumpText, setJumpText] = useState('');
  const bump = useCallback(() => setVersion(win.version), [win]);
  const run = useCallback((p: Promise<unknown>, after?: () => void) => {
    bump();
    p.then(() => { setError(null); bump(); after?.(); }, (e: unknown) => { setError(e instanceof Error ? e.message : String(e)); bump(); });
  }, [bump]);
  const key = JSON.stringify(filters);
  useEffect(() => {
    run(win.openNewest(), () => setTarget({ kind: 'bottom' }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => () => win.clear(), [win]);
  const rows = win.rows();
  const openAt = (t: number) => run(win.openAroundTimeByBounds(t), () => {
    const idx = win.rows().findIndex((r) => r.time_s !== null && r.time_s >= t);
    setTarget({ kind: 'index', index: idx >= 0 ? idx : 0 });
  });
  return (
    <>
      <div className="log-caption">
        <span data-testid="log-history-total">{win.total.toLocaleString('en-US')} matching</span>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); const t = parseTimeInput(jumpText, unit); if (t !== null) openAt(t); }}>
          <input placeholder={`jump to (${unit})`} value={jumpText} onChange={(e) => setJumpText(e.target.value)} size={8} />
          <button type="submit" className="small-btn">Go</button>
        </form>
        <button className="small-btn" onClick={() => run(win.openOldest(), () => setTarget({ kind: 'top' }))} title="Oldest">⤒</button>
        <button className="small-btn" onClick={() => run(win.openNewest(), () => setTarget({ kind: 'bottom' }))} title="Newest">⤓</button>
      </div>
      {error && <div className="error small">{error}</div>}
      <VirtualRows rowHeight={LOG_ROW_H} rows={rows} idOf={(l) => l.log_id} version={version} scrollTarget={target} onScrolled={() => setTarget(null)}
        testId="history-logs" empty={<div className="empty">{win.loading ? 'Loading…' : 'No stored log lines match.'}</div>}
        onNearTop={() => { if (!win.loading && !win.atStart) run(win.loadOlder()); }}
        onNearBottom={() => { if (!win.loading && !win.atEnd) run(win.loadNewer()); }}
        render={(l) => <LogRow log={l} unit={unit} />} />
    </>
  );
}
