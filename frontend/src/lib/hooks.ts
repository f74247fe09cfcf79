import { useEffect, useRef, useState } from 'react';
import type { SimState, TimeUnit } from '../api/types';
import { useSim } from '../store/sim';
import { throttle } from './throttle';

/**
 * Whether a state is a stop the server published after storing everything: the server drains every recorded
 * event, log line and sample before it publishes the final state of a step, run-to, pause, breakpoint or
 * completion, so reads made on this state see the whole run so far.
 */
export function isSettled(s: SimState | null | undefined): boolean {
  return !!s && !s.is_playing && (s.is_complete || !!s.pause_reason);
}

/**
 * What a refresh key follows: the events processed, and whether the run has stopped. A stop right after
 * an update with the same count (a pause between two publishes) still changes it.
 */
export function refreshSignature(s: SimState | null | undefined): string {
  return `${s?.events_processed ?? ''}:${isSettled(s) ? 'stopped' : ''}`;
}

/**
 * A key that changes when the simulation moves (events_processed), at most every `ms` while it runs,
 * at once when it stops (the store then holds everything: no second look is needed), and at once after a
 * Restart / scenario change (epoch). Views that read from the server refetch on it.
 */
export function useRefreshKey(ms = 500): string {
  const [tick, setTick] = useState(0);
  const epoch = useSim((s) => s.epoch);
  useEffect(() => {
    const t = throttle(() => setTick((x) => x + 1), ms);
    let last = refreshSignature(useSim.getState().state);
    const unsub = useSim.subscribe((s) => {
      const sig = refreshSignature(s.state);
      if (sig === last) return;
      last = sig;
      if (isSettled(s.state)) t.now();
      else t.call();
    });
    return () => {
      unsub();
      t.cancel();
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
