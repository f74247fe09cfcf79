import { useEffect, useRef, useState } from 'react';
import type { TimeUnit } from '../api/types';
import { useSim } from '../store/sim';
import { throttle } from './throttle';

const SETTLE_MS = [900, 2500];

/**
 * A key that changes when the simulation moves (events_processed), at most every `ms` while it runs,
 * and at once after a Restart / scenario change (epoch). Views that read from the server refetch on it.
 */
export function useRefreshKey(ms = 500): string {
  const [tick, setTick] = useState(0);
  const epoch = useSim((s) => s.epoch);
  const th = useRef<ReturnType<typeof throttle> | null>(null);
  useEffect(() => {
    const t = throttle(() => setTick((x) => x + 1), ms);
    th.current = t;
    let lastCount = useSim.getState().state?.events_processed;
    // The store drains in the background (every ~0.5 s): when the simulation stops moving, look again
    // a little later so the last events and samples show up without another step.
    let settle: ReturnType<typeof setTimeout>[] = [];
    const unsub = useSim.subscribe((s) => {
      const c = s.state?.events_processed;
      if (c !== lastCount) {
        lastCount = c;
        t.call();
        settle.forEach(clearTimeout);
        settle = SETTLE_MS.map((d) => setTimeout(() => setTick((x) => x + 1), d));
      }
    });
    return () => {
      unsub();
      t.cancel();
      settle.forEach(clearTimeout);
    };
  }, [ms]);
  return `${epoch}:${tick}`;
}

export function useUnit(): TimeUnit {
  return useSim((s) => s.state?.time_unit ?? 's');
}

/** Runs an async loader when `key` changes; aborts the previous one; keeps the last good value. */
export function useLoader<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): { data: T | null; error: string | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (key === null) {
      setData(null);
      return;
    }
    const ac = new AbortController();
    loadRef.current(ac.signal).then(
      (d) => {
        if (!ac.signal.aborted) {
          setData(d);
          setError(null);
        }
      },
      (e: unknown) => {
        if (!ac.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => ac.abort();
  }, [key]);
  return { data, error };
}

/** Debounces a value. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}
