import { Fragment, useMemo } from 'react';
import { api } from '../api/client';
import type { RecordedEvent, TimeUnit } from '../api/types';
import { buildLifeline, type LifelineStage } from '../lib/lifeline';
import { useLoader, useRefreshKey } from '../lib/hooks';
import { useDisplayName, useEntityInfo } from '../lib/names';
import { formatTime } from '../lib/time';
import { followRequest, useFilters } from '../store/filters';

/** Events of one request read at the most (a request's lifeline is a handful; a storm of retries a few dozen). */
const MAX_EVENTS = 1000;

const KIND_COLOUR: Record<LifelineStage['kind'], string> = {
  queued: '#f59e0b', service: '#3b82f6', transit: '#06b6d4', retry: '#a855f7', reply: '#ef4444', handoff: '#6b7280', held: '#9ca3af',
};

/** A duration as it reads: seconds with ms precision, or ms / µs for short ones. */
export function formatDuration(s: number): string {
  const a = Math.abs(s);
  if (a === 0) return '0';
  if (a < 1e-3) return `${(s * 1e6).toFixed(0)} µs`;
  if (a < 1) return `${(s * 1e3).toFixed(a < 0.01 ? 2 : 1)} ms`;
  if (a < 120) return `${s.toFixed(3)} s`;
  if (a < 7200) return `${(s / 60).toFixed(2)} min`;
  return `${(s / 3600).toFixed(2)} h`;
}

/**
 * A request's lifeline ("Follow" on an event with a request id): every event of the request from the store, in order,
 * with the time between two of them named (queued, in service, in transit, waiting for a retry …, see lib/lifeline)
 * and drawn as a bar on the request's own time axis. Internal plumbing events show with the Internal toggle only.
 */
export function Lifeline({ requestId, unit }: { requestId: string; unit: TimeUnit }) {
  const showInternal = useFilters((s) => s.showInternal);
  const refresh = useRefreshKey(1000);
  const info = useEntityInfo();
  const name = useDisplayName();
  const { data, error } = useLoader(`${requestId}:${showInternal}:${refresh}`, (signal) =>
    api.events({ field: [`request_id=${requestId}`], exclude_internal: !showInternal || undefined }, { direction: 'newer', limit: MAX_EVENTS }, signal));
  const line = useMemo(() => buildLifeline(data?.events ?? [], info), [data, info]);
  const span = Math.max(line.end_s - line.start_s, 0);
  const x = (t: number) => (span > 0 ? ((t - line.start_s) / span) * 100 : 0);
  const total = data?.total ?? 0;
  const stageAfter = new Map<number, LifelineStage>(line.stages.map((s) => [s.from.event_id, s]));
  const byKind = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of line.stages) if (s.duration_s > 0) m.set(s.kind, (m.get(s.kind) ?? 0) + s.duration_s);
    return [...m.entries()].sort((a, b) => b[1] - a[1]);
  }, [line]);
  return (
    <div className="lifeline" data-testid="lifeline" data-request={requestId}>
      <div className="lifeline-head">
        <button className="small-btn" data-testid="lifeline-close" onClick={() => followRequest(null)} title="Back to the event log (Esc)">← Events</button>
        <b>Request {requestId}</b>
        <span className="muted" data-testid="lifeline-summary">
          {data ? `${total.toLocaleString('en-US')} events${total > line.events.length ? ` (the first ${line.events.length})` : ''}` : 'loading…'}
          {line.events.length > 1 ? ` · ${formatTime(line.start_s, unit, 4)} → ${formatTime(line.end_s, unit, 4)} · ${formatDuration(span)} in all` : ''}
          {line.attempts.length > 0 ? ` · ${line.attempts.length} attempt${line.attempts.length > 1 ? 's' : ''}` : ''}
        </span>
      </div>
      {error && <div className="error small">{error}</div>}
      {byKind.length > 0 && (
        <div className="lifeline-totals" data-testid="lifeline-totals">
          {byKind.map(([k, v]) => (
            <span key={k}><i className="swatch" style={{ background: KIND_COLOUR[k as LifelineStage['kind']] }} />{k} {formatDuration(v)}</span>
          ))}
        </div>
      )}
      {data && line.events.length === 0 && <div className="empty">No stored event has request_id = {requestId}.</div>}
      <div className="lifeline-rows">
        {line.events.map((e) => {
          const stage = stageAfter.get(e.event_id);
          return (
            <Fragment key={e.event_id}>
              <LifelineEvent ev={e} unit={unit} name={name} attempts={line.attempts.length > 1} />
              {stage && (
                <div className={`lifeline-stage kind-${stage.kind}`} data-testid="lifeline-stage" data-kind={stage.kind}
                  data-duration={stage.duration_s} data-from={stage.from.event_id} data-to={stage.to.event_id}
                  title={`${stage.name}: ${formatDuration(stage.duration_s)} (${formatTime(stage.start_s, unit, 6)} → ${formatTime(stage.end_s, unit, 6)})`}>
                  <span className="stage-name">{stage.name}{stage.attempt !== null && line.attempts.length > 1 ? ` · attempt ${stage.attempt}` : ''}
                    {stage.attemptSince && <span className="muted" data-testid="stage-since"> ({formatDuration(stage.end_s - stage.attemptSince.time_s)} since #{stage.attemptSince.event_id})</span>}</span>
                  <span className="stage-duration" data-testid="stage-duration">{formatDuration(stage.duration_s)}</span>
                  <span className="stage-track">
                    <span className="stage-bar" style={{ left: `${x(stage.start_s)}%`, width: `${Math.max(0.5, x(stage.end_s) - x(stage.start_s))}%`, background: KIND_COLOUR[stage.kind] }} />
                  </span>
                </div>
              )}
            </Fragment>
          );
        })}
      </div>
    </div>
  );
}

function LifelineEvent({ ev, unit, name, attempts }: { ev: RecordedEvent; unit: TimeUnit; name: (n: string) => string; attempts: boolean }) {
  const attempt = ev.context?.attempt;
  return (
    <div className={`lifeline-event${ev.is_internal ? ' internal' : ''}`} data-testid="lifeline-event" data-event-id={ev.event_id} data-time={ev.time_s}>
      <span className="time">{formatTime(ev.time_s, unit, 4)}</span>
      <span className="etype">{ev.event_type}</span>
      <span className="target" title={ev.target_name}>{name(ev.target_name)}</span>
      {attempts && typeof attempt === 'number' && <span className="badge">attempt {attempt}</span>}
      <span className="eid">#{ev.event_id}</span>
    </div>
  );
}
