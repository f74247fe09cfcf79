import { readUrl, writeUrl } from '../lib/urlState';
import { useFilters } from './filters';
import { useSim } from './sim';

let started = false;

/**
 * Puts the view the URL names into the stores (first thing at start), then keeps the URL following them, so a reload
 * or a shared link opens the same view. A reset or another model empties the time range (the stores do) and closes an
 * open lifeline (its request belonged to the old run).
 */
export function startUrlSync(): void {
  if (started || typeof window === 'undefined') return;
  started = true;
  const view = readUrl(window.location.search);
  useSim.setState({ timeRange: view.range });
  useFilters.setState(view.filters);
  const write = () => {
    const query = writeUrl({ range: useSim.getState().timeRange, filters: useFilters.getState() }, window.location.search);
    if (query === window.location.search) return;
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}${window.location.hash}`);
  };
  let epoch = useSim.getState().epoch;
  useSim.subscribe((s, prev) => {
    if (s.epoch !== epoch) {
      epoch = s.epoch;
      if (useFilters.getState().follow) useFilters.setState({ follow: null });
    }
    if (s.timeRange !== prev.timeRange) write();
  });
  useFilters.subscribe(write);
  write();
}
