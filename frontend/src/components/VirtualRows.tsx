import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export const ROW_H = 22;
const EDGE_PX = ROW_H * 15;

export type ScrollTarget = { kind: 'bottom' } | { kind: 'top' } | { kind: 'index'; index: number } | null;

export interface VirtualRowsProps<T> {
  rows: T[];
  idOf: (r: T) => number;
  render: (r: T) => ReactNode;
  /** bumps when `rows` changed; used with `anchor` to keep the user's place when rows are added above */
  version: number;
  /** where to scroll after the next change (open, jump) */
  scrollTarget: ScrollTarget;
  onScrolled?: () => void;
  /** history paging: called near the edges */
  onNearTop?: () => void;
  onNearBottom?: () => void;
  /** live tail: keep at the bottom while the user has not scrolled up */
  follow?: boolean;
  onFollowChange?: (follow: boolean) => void;
  testId?: string;
  /** estimated row height (px) before a row is measured */
  rowHeight?: number;
  /** reports the first visible row (for keeping the place on a filter change) */
  onFirstVisible?: (r: T | undefined, atBottom: boolean) => void;
  empty?: ReactNode;
}

/**
 * A virtualised list: only the rows in view (plus a small overscan) are in the DOM. Rows added above keep
 * the row under the user's eye in place.
 */
export function VirtualRows<T>(p: VirtualRowsProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const { rows, idOf } = p;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => p.rowHeight ?? ROW_H,
    overscan: 12,
    getItemKey: (i) => idOf(rows[i]),
  });

  // Anchor: the row at the top of the view and how far into it we are.
  const anchor = useRef<{ id: number; delta: number } | null>(null);
  const captureAnchor = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const item = virtualizer.getVirtualItemForOffset(el.scrollTop);
    if (item && rows[item.index] !== undefined) anchor.current = { id: idOf(rows[item.index]), delta: el.scrollTop - item.start };
  }, [rows, virtualizer]); // idOf: a row's id never changes, whichever function reads it

  const lastVersion = useRef(p.version);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (p.scrollTarget) {
      const t = p.scrollTarget;
      if (t.kind === 'bottom') virtualizer.scrollToIndex(Math.max(0, rows.length - 1), { align: 'end' });
      else if (t.kind === 'top') virtualizer.scrollToOffset(0);
      else virtualizer.scrollToIndex(Math.max(0, Math.min(rows.length - 1, t.index)), { align: 'start' });
      anchor.current = null;
      p.onScrolled?.();
    } else if (p.version !== lastVersion.current && anchor.current && !p.follow) {
      const a = anchor.current;
      const idx = rows.findIndex((r) => idOf(r) === a.id);
      if (idx >= 0) {
        virtualizer.getVirtualItems(); // refresh measurements for the new rows
        const start = virtualizer.measurementsCache[idx]?.start ?? idx * ROW_H;
        el.scrollTop = start + a.delta;
      }
    }
    lastVersion.current = p.version;
  }, [p.version, p.scrollTarget]); // only when the rows changed (version) or a target was set: not on every render

  useEffect(() => {
    if (p.follow && rows.length) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows, p.follow]); // new rows or follow switched on; the virtualizer is the same object throughout

  const checkEdges = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    captureAnchor();
    if (el.scrollTop < EDGE_PX) p.onNearTop?.();
    if (el.scrollHeight - el.scrollTop - el.clientHeight < EDGE_PX) p.onNearBottom?.();
    if (p.onFirstVisible) {
      const item = virtualizer.getVirtualItemForOffset(el.scrollTop);
      p.onFirstVisible(item ? rows[item.index] : undefined, el.scrollHeight - el.scrollTop - el.clientHeight < ROW_H * 2);
    }
  }, [captureAnchor, p.onNearTop, p.onNearBottom, p.onFirstVisible, rows]); // the virtualizer is the same object throughout

  // After the rows change, a short window may still leave us at an edge: look again.
  useEffect(() => {
    const t = setTimeout(checkEdges, 0);
    return () => clearTimeout(t);
  }, [p.version, checkEdges]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    if (p.onFollowChange) {
      const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_H * 2;
      if (atBottom !== !!p.follow) p.onFollowChange(atBottom);
    }
    checkEdges();
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div ref={scroller} className="vrows" onScroll={onScroll} data-testid={p.testId} data-rows={rows.length}>
      {rows.length === 0 && p.empty}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {items.map((vi) => (
          <div key={vi.key} data-index={vi.index} ref={virtualizer.measureElement} className="vrow"
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${vi.start}px)` }}>
            {p.render(rows[vi.index])}
          </div>
        ))}
      </div>
    </div>
  );
}
