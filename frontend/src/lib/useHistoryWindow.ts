import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScrollTarget } from '../components/VirtualRows';
import { HistoryWindow, type FetchedPage, type PageDescriptor } from './historyWindow';

/** Rows per page, and pages the window holds at the most. */
const PAGE_ROWS = 100;
const WINDOW_PAGES = 5;

/** A page of the history under the current filters (always the latest ones: a filter change re-opens the window). */
export type FilteredPageFetcher<T, F> = (filters: F, desc: PageDescriptor, limit: number, signal: AbortSignal) => Promise<FetchedPage<T>>;

/**
 * How "jump to a time" opens the window: by the server's `around_time` (events: one request answers both sides), or
 * by time bounds (logs: the rows at or before it, and those at or after it).
 */
export type OpenAround = 'around_time' | 'time_bounds';

/** A history view's window onto a stored history and what the view does with it. */
export interface HistoryView<T> {
  win: HistoryWindow<T>;
  rows: T[];
  /** changes with every change of the window, for the rows' view */
  version: number;
  /** where the rows' view scrolls after the next change */
  target: ScrollTarget;
  clearTarget: () => void;
  error: string | null;
  openNewest: () => void;
  openOldest: () => void;
  /** opens at the first row at or after `time_s` */
  openAt: (time_s: number) => void;
  /** the next page above (older) or below (newer), unless one is loading or the edge is reached */
  loadOlder: () => void;
  loadNewer: () => void;
}

/**
 * The plumbing the Event Log's and the Simulation Log's history views share: a bounded {@link HistoryWindow} fetching
 * pages with the latest filters, the version and scroll target the rows' view follows, the last error, and the ways to
 * open and move the window. The window lives as long as the view (a reset mounts a new one) and is cleared with it.
 */
export function useHistoryWindow<T, F>(filters: F, fetchPage: FilteredPageFetcher<T, F>, idOf: (row: T) => number,
  timeOf: (row: T) => number | null, around: OpenAround): HistoryView<T> {
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const win = useMemo(() => new HistoryWindow<T>((d, limit, signal) => fetchRef.current(filtersRef.current, d, limit, signal), idOf,
    PAGE_ROWS, WINDOW_PAGES), [idOf]);
  const [version, setVersion] = useState(0);
  const [target, setTarget] = useState<ScrollTarget>(null);
  const [error, setError] = useState<string | null>(null);

  const bump = useCallback(() => setVersion(win.version), [win]);
  const run = useCallback((p: Promise<unknown>, after?: () => void) => {
    bump();
    p.then(() => { setError(null); bump(); after?.(); }, (e: unknown) => { setError(e instanceof Error ? e.message : String(e)); bump(); });
  }, [bump]);

  useEffect(() => () => win.clear(), [win]);

  const openNewest = useCallback(() => run(win.openNewest(), () => setTarget({ kind: 'bottom' })), [run, win]);
  const openOldest = useCallback(() => run(win.openOldest(), () => setTarget({ kind: 'top' })), [run, win]);
  const openAt = useCallback((t: number) => {
    const opened = around === 'around_time' ? win.openAroundTime(t) : win.openAroundTimeByBounds(t);
    run(opened, () => {
      const rows = win.rows();
      const idx = rows.findIndex((r) => { const rt = timeOf(r); return rt !== null && rt >= t; });
      // nothing at or after t: events show the newest rows (the last is nearest), logs the rows before it
      setTarget({ kind: 'index', index: idx >= 0 ? idx : around === 'around_time' ? rows.length - 1 : 0 });
    });
  }, [around, run, timeOf, win]);
  const loadOlder = useCallback(() => { if (!win.loading && !win.atStart) run(win.loadOlder()); }, [run, win]);
  const loadNewer = useCallback(() => { if (!win.loading && !win.atEnd) run(win.loadNewer()); }, [run, win]);
  const clearTarget = useCallback(() => setTarget(null), []);

  return { win, rows: win.rows(), version, target, clearTarget, error, openNewest, openOldest, openAt, loadOlder, loadNewer };
}
