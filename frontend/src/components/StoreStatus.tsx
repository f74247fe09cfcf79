import { api } from '../api/client';
import { useLoader, useRefreshKey } from '../lib/hooks';
import { formatBytes } from '../lib/time';
import { useSim } from '../store/sim';

/** The footer line: what the history store holds and how far behind it is. */
export function StoreStatus() {
  // every 2 s while the simulation runs, and at once when it stops (the server has stored everything by then)
  const refresh = useRefreshKey(2000);
  const connection = useSim((s) => s.connection);
  const { data, error } = useLoader(`${refresh}:${connection}`, (signal) => api.store(signal));
  // the store's counts are the live run's, also while a past run is on screen
  const viewing = useSim((s) => s.viewing !== null);
  const liveRun = data?.run;
  return (
    <footer className="store-status" data-testid="store-status">
      {data ? (
        <>
          <span>{viewing && liveRun ? `Live run ${liveRun} stored: ` : 'Stored: '}<b>{data.events.toLocaleString('en-US')}</b> events · <b>{data.logs.toLocaleString('en-US')}</b> logs · <b>{data.samples.toLocaleString('en-US')}</b> samples</span>
          <span>pending <b>{data.pending.toLocaleString('en-US')}</b></span>
          <span>db <b>{formatBytes(data.db_bytes)}</b></span>
          <span>last drain <b>{data.last_drain_ms === null ? '—' : `${data.last_drain_ms} ms`}</b> ({data.drains} drains)</span>
          {data.last_error && <span className="error" data-testid="store-error">store error{data.failed_drains ? ` (${data.failed_drains} failed drains)` : ''}: {data.last_error}</span>}
        </>
      ) : (
        <span className="muted">{error ? `store status unavailable (${error})` : 'store status…'}</span>
      )}
    </footer>
  );
}
