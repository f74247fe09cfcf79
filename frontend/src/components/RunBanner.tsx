import { backToLive, rerun } from '../store/actions';
import { useSim } from '../store/sim';
import { describeChanged } from '../lib/runs';
import { formatTime } from '../lib/time';
import { RunDownloads } from './RunsPanel';

/** While a past run is on screen: which one, that it is read-only, and the ways back (live, or a re-run of it). */
export function RunBanner() {
  const run = useSim((s) => s.viewing);
  if (!run) return null;
  return (
    <div className="run-banner" data-testid="run-banner" data-run={run.id}>
      <b>Viewing run {run.id} (read-only)</b>
      <span>{run.scenario} · seed {run.seed} · {describeChanged(run.params_changed)} · reached {formatTime(run.time_reached_s, run.time_unit)} · {run.events.toLocaleString('en-US')} events</span>
      <RunDownloads run={run.id} />
      <span className="spacer" />
      <button data-testid="banner-rerun" onClick={() => void rerun(run)} title="A new live run with the same scenario, seed and values">Re-run</button>
      <button data-testid="banner-back-live" className="btn-play" onClick={() => void backToLive()}>Back to live</button>
    </div>
  );
}
