import { useState } from 'react';
import { pause, play, restart, runTo, runToEvent, setSpeed, step } from '../store/actions';
import { describePause, useSim } from '../store/sim';
import { formatTime, parseTimeInput } from '../lib/time';
import { useUnit } from '../lib/hooks';
import { ConnectionBadge } from './ConnectionBadge';
import { ScenarioPicker } from './ScenarioPicker';

const SPEEDS: { label: string; value: number }[] = [
  { label: '1x', value: 1 },
  { label: '10x', value: 10 },
  { label: '100x', value: 100 },
  { label: 'Max', value: 0 },
];

export function ControlBar() {
  const state = useSim((s) => s.state);
  const playMode = useSim((s) => s.playMode);
  const speed = useSim((s) => s.speed);
  const connection = useSim((s) => s.connection);
  const viewing = useSim((s) => s.viewing !== null);
  const unit = useUnit();
  const [runToText, setRunToText] = useState('');
  const [runToEventText, setRunToEventText] = useState('');

  const complete = !!state?.is_complete;
  const playing = playMode !== null;
  // a past run on screen is read-only: the controls drive the live run, which is not shown (Back to live)
  const offline = connection !== 'open' || viewing;

  const submitRunTo = () => {
    const t = parseTimeInput(runToText, unit);
    if (t === null) return;
    runTo(t);
  };
  const submitRunToEvent = () => {
    const n = Number(runToEventText);
    if (!Number.isInteger(n) || n <= 0) return;
    runToEvent(n);
  };

  return (
    <header className="control-bar">
      <div className="brand">happysim</div>
      <div className="readout" data-testid="readout">
        <span>t = <b data-testid="sim-time">{formatTime(state?.time_s ?? 0, unit, 4)}</b></span>
        <span>Events: <b data-testid="events-processed">{(state?.events_processed ?? 0).toLocaleString('en-US')}</b></span>
        <span>Heap: <b data-testid="heap-size">{state?.heap_size ?? 0}</b></span>
      </div>
      <div className="buttons">
        <button data-testid="btn-step" onClick={() => step(1)} disabled={playing || complete || offline}>Step</button>
        <button data-testid="btn-step10" onClick={() => step(10)} disabled={playing || complete || offline}>+10</button>
        {playing ? (
          <button data-testid="btn-pause" className="btn-pause" onClick={pause}>Pause</button>
        ) : (
          <>
            <button data-testid="btn-play" className="btn-play" onClick={() => play('play')} disabled={complete || offline}>Play</button>
            <button data-testid="btn-debug" className="btn-debug" onClick={() => play('debug')} disabled={complete || offline} title="Play until a breakpoint fires">Debug</button>
          </>
        )}
        <select data-testid="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))} title="Simulated seconds per wall-clock second">
          {SPEEDS.map((s) => <option key={s.label} value={s.value}>{s.label}</option>)}
        </select>
      </div>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); submitRunTo(); }}>
        <input data-testid="run-to-input" value={runToText} onChange={(e) => setRunToText(e.target.value)} placeholder={`time (${unit})`} size={8} />
        <button data-testid="btn-run-to" type="submit" disabled={complete || offline || parseTimeInput(runToText, unit) === null}>Run to</button>
      </form>
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); submitRunToEvent(); }}>
        <input data-testid="run-to-event-input" value={runToEventText} onChange={(e) => setRunToEventText(e.target.value)} placeholder="event #" size={7} />
        <button data-testid="btn-run-to-event" type="submit" disabled={complete || offline || !runToEventText}>Run to #</button>
      </form>
      <button data-testid="btn-restart" className="btn-restart" onClick={() => void restart()} disabled={viewing}>Restart</button>
      <div className="spacer" />
      <ScenarioPicker />
      <ConnectionBadge />
    </header>
  );
}

export function StatusLine() {
  const state = useSim((s) => s.state);
  const breakpoints = useSim((s) => s.breakpoints);
  const last = useSim((s) => s.lastBreakpoint);
  const notice = useSim((s) => s.notice);
  const playMode = useSim((s) => s.playMode);
  const dropped = useSim((s) => s.droppedEvents);
  const reason = playMode ? (playMode === 'debug' ? 'Debugging…' : 'Playing…') : describePause(state, breakpoints, last);
  return (
    <div className="status-line">
      <span data-testid="pause-reason" className={state?.pause_reason?.kind === 'breakpoint' ? 'reason-bp' : ''}>{reason ?? (state ? 'Ready' : '')}</span>
      {notice && !(notice.kind === 'breakpoint' && reason?.startsWith('Stopped at breakpoint')) && (
        <span data-testid="notice" className={`notice notice-${notice.kind}`}>{notice.text}</span>
      )}
      {dropped > 0 && <span className="muted" title="The live tail skipped these; the History view has every event">live tail skipped {dropped.toLocaleString('en-US')} events</span>}
      <ActiveFaults />
    </div>
  );
}

/** The faults in effect now, named, beside the status (their targets are marked on the graph). */
function ActiveFaults() {
  const faults = useSim((s) => s.state?.active_faults);
  if (!faults?.length) return null;
  return (
    <span className="active-faults" data-testid="active-faults" title={faults.map((f) => f.description).join('\n')}>
      ⚡ {faults.length === 1 ? faults[0].description : `${faults.length} faults: ${faults.map((f) => f.kind).join(', ')}`}
    </span>
  );
}
