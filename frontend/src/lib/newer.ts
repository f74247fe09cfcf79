/**
 * "N newer" in the history view: how many matching rows were stored after the newest one it shows. A page read with
 * its total says how many matched when it was read; a page read without it (a search, whose exact total costs a scan)
 * relies on a count that saw the same newest row — only such a count counts exactly the rows shown and older.
 */
export interface CountSeen {
  total: number;
  /** the last matching event the count saw (null: none) */
  last_id: number | null;
}

/** The count taken when the view's newest row was also the newest match. */
export interface Baseline {
  id: number;
  total: number;
}

/** The baseline a count gives, if it saw exactly up to the newest row shown; else the one held. */
export function nextBaseline(held: Baseline | null, count: CountSeen, newestShown: number | null): Baseline | null {
  if (newestShown !== null && count.last_id === newestShown) return { id: newestShown, total: count.total };
  return held;
}

/**
 * Matching rows newer than the newest shown: a number, 'some' when newer rows exist but no count saw the shown newest
 * row (a search while the model records fast), or 0. `newestShown` is null unless the view is at the end.
 */
export function newerRows(pageTotal: number | null, newestShown: number | null, count: CountSeen | null,
  baseline: Baseline | null): number | 'some' {
  if (count === null || newestShown === null) return 0;
  if (pageTotal !== null) return Math.max(0, count.total - pageTotal);
  if (count.last_id === null || count.last_id <= newestShown) return 0;
  return baseline !== null && baseline.id === newestShown ? Math.max(0, count.total - baseline.total) : 'some';
}
