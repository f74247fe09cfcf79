import { useState } from 'react';
import { pause, play, restart, runTo, runToEvent, setSpeed, step } from '../store/actions';
import { describePause, describeRun, useSim } from '../store/sim';
import { formatTime } from '../lib/time';
import { useUnit } from '../lib/hooks';
import { checkTime, checkWhole, timeHint } from '../lib/validate';
import { recheck, submitChecked } from '../store/inputs';
import { ConnectionBadge } from './ConnectionBadge';
import { ScenarioPicker } from './ScenarioPicker';
import { FieldError, useHasError } from './FieldError';
import { AboutButton, ScenarioCard } from './ScenarioCard';
import { Shortcuts } from './Shortcuts';
import { useUi } from '../store/ui';

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
  const runToBad = useHasError('run-to');
  const runToEventBad = useHasError('run-to-event');

  const complete = !!state?.is_complete;
  const playing = playMode !== null;
  // a past run on screen is read-only: the controls drive the live run, which is not shown (Back to live)
  const offline = connection !== 'open' || viewing;
  const now = state?.time_s ?? 0;
  const processed = state?.events_processed ?? 0;

  const checkRunTo = (text: string) => checkTime(text, unit, { after: { s: now, what: 'the current time' } });
  const checkRunToEvent = (text: string) => checkWhole(text, 'an event number', { after: { n: processed, what: 'the events already processed' } });

  return (
    <header className="control-bar">
      <div className="brand">happysim</div>
      <div className="readout" data-testid="readout">
        <span>t = <b data-testid="sim-time">{formatTime(now, unit, 4)}</b></span>
        <span>Events: <b data-testid="events-processed">{processed.toLocaleString('en-US')}</b></span>
        <span title="events scheduled and not yet processed (the simulation's event queue)">pending events: <b data-testid="heap-size">{(state?.heap_size ?? 0).toLocaleString('en-US')}</b></span>
      </div>
      <div className="buttons">
        <button data-testid="btn-step" onClick={() => step(1)} disabled={playing || complete || offline} title="Process the next event (S)">Step</button>
        <button data-testid="btn-step10" onClick={() => step(10)} disabled={playing || complete || offline} title="Process the next 10 events (Shift+S)">+10</button>
        {playing ? (
          <button data-testid="btn-pause" className="btn-pause" onClick={pause} title="Pause (Space)">Pause</button>
        ) : (
          <>
            <button data-testid="btn-play" className="btn-play" onClick={() => play('play')} disabled={complete || offline} title="Play through breakpoints (Space)">Play</button>
            <button data-testid="btn-debug" className="btn-debug" onClick={() => play('debug')} disabled={complete || offline} title="Play until a breakpoint fires (D)">Debug</button>
          </>
        )}
        <select data-testid="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))} title="Simulated seconds per wall-clock second">
          {SPEEDS.map((s) => <option key={s.label} value={s.value}>{s.label}</option>)}
        </select>
      </div>
      <form className="inline-form field" noValidate onSubmit={(e) => {
        e.preventDefault();
        const t = submitChecked('run-to', checkRunTo(runToText));
        if (t !== undefined && t !== null) runTo(t);
      }}>
        <input data-testid="run-to-input" className={runToBad ? 'invalid' : ''} value={runToText} placeholder={`time (${unit})`} size={8}
          title={`Run to a time: ${timeHint(unit)}`} aria-invalid={runToBad}
          onChange={(e) => { setRunToText(e.target.value); recheck('run-to', checkRunTo(e.target.value)); }} />
        <button data-testid="btn-run-to" type="submit" disabled={complete || offline || !runToText.trim()}>Run to</button>
        <FieldError id="run-to" />
      </form>
      <form className="inline-form field" noValidate onSubmit={(e) => {
        e.preventDefault();
        const n = submitChecked('run-to-event', checkRunToEvent(runToEventText));
        if (n !== undefined) runToEvent(n);
      }}>
        <input data-testid="run-to-event-input" className={runToEventBad ? 'invalid' : ''} value={runToEventText} placeholder="event #" size={7}
          title="Run to an event number" aria-invalid={runToEventBad}
          onChange={(e) => { setRunToEventText(e.target.value); recheck('run-to-event', checkRunToEvent(e.target.value)); }} />
        <button data-testid="btn-run-to-event" type="submit" disabled={complete || offline || !runToEventText.trim()}>Run to #</button>
        <FieldError id="run-to-event" />
      </form>
      <button data-testid="btn-restart" className="btn-restart" onClick={() => void restart()} disabled={viewing}>Restart</button>
      <div className="spacer" />
      <ScenarioPicker />
      <ConnectionBadge />
      <ScenarioCard />
      <Shortcuts />
    </header>
  );
}

export function StatusLine() {
  const state = useSim((s) => s.state);
  const breakpoints = useSim((s) => s.breakpoints);
  const last = useSim((s) => s.lastBreakpoint);
  const notice = useSim((s) => s.notice);
  const playMode = useSim((s) => s.playMode);
  const dropped = useSim((s) => s.droppedBreakpoints);
  const unit = useUnit();
  const running = describeRun(state, unit);
  const reason = running ?? (playMode ? (playMode === 'debug' ? 'Debugging…' : playMode === 'run' ? 'Running…' : 'Playing…') : describePause(state, breakpoints, last, unit));
  return (
    <div className="status-line">
      <span data-testid="pause-reason" className={!running && state?.pause_reason?.kind === 'breakpoint' ? 'reason-bp' : running ? 'reason-run' : ''}>
        {reason ?? (state ? 'Ready' : '')}
      </span>
      {running && <button className="small-btn btn-pause" data-testid="status-pause" onClick={pause}>Pause</button>}
      {notice && !(notice.kind === 'breakpoint' && /^Stopped at/.test(reason ?? '')) && (
        <span data-testid="notice" className={`notice notice-${notice.kind}`}>{notice.text}</span>
      )}
      {dropped && dropped.items.length > 0 && (
        <span className="notice notice-breakpoint" data-testid="dropped-breakpoints" title={dropped.items.map((b) => `${b.id}: ${b.reason}`).join('\n')}>
          {dropped.items.length === 1 ? '1 breakpoint' : `${dropped.items.length} breakpoints`} dropped with the change of model (see Breakpoints)
          <button className="icon" title="Dismiss" onClick={() => useSim.setState({ droppedBreakpoints: null })}>×</button>
        </span>
      )}
      <ActiveFaults />
      <span className="spacer" />
      <button className="icon" data-testid="btn-shortcuts" title="Keyboard shortcuts (?)" onClick={() => useUi.setState((u) => ({ shortcutsOpen: !u.shortcutsOpen }))}>⌨ ?</button>
      <AboutButton />
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
