import { useEffect, useState } from 'react';
import { api, exportUrl } from '../api/client';
import type { RunInfo } from '../api/types';
import { backToLive, deleteRun, openCompare, openRun, rerun } from '../store/actions';
import { useSim } from '../store/sim';
import { comparePair, describeChanged, togglePick } from '../lib/runs';
import { formatBytes, formatTime } from '../lib/time';

/** How often the list is read again while the panel is open (the current run grows). */
const REFRESH_MS = 2000;

/**
 * Every run the history file keeps, newest first: what it was (scenario, seed, changed parameters), how far it got
 * and its size. A run opens read-only, re-runs, downloads its history or is deleted; two picked runs compare.
 */
export function RunsPanel() {
  const [runs, setRuns] = useState<RunInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [version, setVersion] = useState(0);
  const viewing = useSim((s) => s.viewing);
  const liveRun = useSim((s) => (s.viewing ? null : s.state?.run_id ?? null));

  useEffect(() => {
    const ac = new AbortController();
    const read = () => api.runs(ac.signal).then((r) => { setRuns(r); setError(null); }, (e) => { if (!ac.signal.aborted) setError(String(e.message ?? e)); });
    void read();
    const t = setInterval(read, REFRESH_MS);
    return () => {
      ac.abort();
      clearInterval(t);
    };
  }, [version, liveRun]);

  // picks of runs that are gone are dropped
  useEffect(() => {
    if (runs) setPicked((p) => p.filter((id) => runs.some((r) => r.id === id)));
  }, [runs]);

  const pair = comparePair(picked);
  const remove = async (r: RunInfo) => {
    if (!window.confirm(`Delete run ${r.id} (${r.scenario}, seed ${r.seed})? Its history is removed from the file.`)) return;
    const problem = await deleteRun(r.id);
    if (problem) setError(problem);
    setVersion((v) => v + 1);
  };

  return (
    <div className="runs-panel" data-testid="runs-panel">
      <div className="log-toolbar">
        <button className="small-btn" data-testid="runs-compare" disabled={!pair} onClick={() => pair && openCompare(pair.a, pair.b)}
          title="Pick two runs with their boxes">
          Compare{picked.length ? ` (${picked.length}/2)` : ''}
        </button>
        {viewing && <button className="small-btn" data-testid="runs-back-live" onClick={() => void backToLive()}>Back to live</button>}
        <span className="spacer" />
        <span className="muted small">{runs ? `${runs.length} run${runs.length === 1 ? '' : 's'} kept` : ''}</span>
      </div>
      {error && <div className="error small" data-testid="runs-error">{error}</div>}
      {runs && runs.length === 0 && <div className="empty">No runs yet.</div>}
      <div className="runs-list">
        {(runs ?? []).map((r) => (
          <RunRow key={r.id} run={r} picked={picked.includes(r.id)} viewing={viewing?.id === r.id}
            onPick={() => setPicked((p) => togglePick(p, r.id))} onDelete={() => void remove(r)} />
        ))}
      </div>
    </div>
  );
}

function RunRow({ run, picked, viewing, onPick, onDelete }: { run: RunInfo; picked: boolean; viewing: boolean; onPick: () => void; onDelete: () => void }) {
  const [downloads, setDownloads] = useState(false);
  const changed = describeChanged(run.params_changed);
  return (
    <div className={`run-row${run.current ? ' current' : ''}${viewing ? ' viewing' : ''}`} data-testid="run-row" data-run={run.id}>
      <div className="run-line1">
        <label className="check" title="Pick for Compare">
          <input type="checkbox" checked={picked} onChange={onPick} data-testid="run-pick" />
          <b>#{run.id}</b>
        </label>
        <span className="run-scenario" title={run.title}>{run.scenario}</span>
        {run.current && <span className="badge live" data-testid="run-current">live</span>}
        {viewing && <span className="badge viewing">viewing</span>}
        <span className="spacer" />
        <span className="muted small" title={run.started_at}>{new Date(run.started_at).toLocaleTimeString()}</span>
      </div>
      <div className="run-line2 small">
        <span>seed <b data-testid="runrow-seed">{run.seed}</b></span>
        <span className="run-params" title={changed} data-testid="runrow-params">{changed}</span>
      </div>
      <div className="run-line2 small muted">
        <span data-testid="runrow-time">t = {formatTime(run.time_reached_s, run.time_unit, 3)}</span>
        <span>{run.events.toLocaleString('en-US')} events</span>
        <span data-testid="runrow-size">{formatBytes(run.bytes)}</span>
        {!run.ended_at && !run.current && <span title="its server stopped before it was finished">unfinished</span>}
      </div>
      <div className="run-actions">
        <button className="small-btn" data-testid="run-open" onClick={() => void (run.current ? backToLive() : openRun(run.id))} disabled={viewing}>
          {run.current ? 'Live' : 'Open'}
        </button>
        <button className="small-btn" data-testid="run-rerun" onClick={() => void rerun(run)} title="A new live run: same scenario, seed and values">Re-run</button>
        <button className={`small-btn${downloads ? ' on' : ''}`} data-testid="run-downloads" onClick={() => setDownloads(!downloads)}>Download ▾</button>
        <button className="small-btn danger" data-testid="run-delete" onClick={onDelete} disabled={run.current} title={run.current ? 'the live run cannot be deleted' : 'Delete this run'}>Delete</button>
      </div>
      {downloads && <RunDownloads run={run.id} />}
    </div>
  );
}

/** A run's whole history as files (streamed by the server). */
export function RunDownloads({ run }: { run: number }) {
  return (
    <div className="run-downloads" data-testid="run-download-links">
      <a href={exportUrl.events(run, 'csv')} download>events.csv</a>
      <a href={exportUrl.events(run, 'jsonl')} download>events.jsonl</a>
      <a href={exportUrl.logs(run)} download>logs.csv</a>
      <a href={exportUrl.sqlite(run)} download title="the whole run as a plain SQLite file (events, logs, timeseries) for sqlite3, pandas, DuckDB">history.sqlite</a>
    </div>
  );
}
