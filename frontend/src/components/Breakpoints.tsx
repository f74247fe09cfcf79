import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { BreakpointSpec, MetricOperator } from '../api/types';
import { addBreakpoint, refreshBreakpoints, removeBreakpoint } from '../store/actions';
import { describeBreakpoint, useSim } from '../store/sim';
import { useUnit } from '../lib/hooks';
import { parseTimeInput } from '../lib/time';
import { numericKeys } from '../lib/transforms';

type Kind = BreakpointSpec['kind'];
const NO_ENTITIES: Record<string, Record<string, unknown>> = {};
const OPS: MetricOperator[] = ['gt', 'ge', 'lt', 'le', 'eq', 'ne'];
const OP_LABEL: Record<MetricOperator, string> = { gt: '>', ge: '≥', lt: '<', le: '≤', eq: '=', ne: '≠' };

export function BreakpointsPanel() {
  const breakpoints = useSim((s) => s.breakpoints);
  const entities = useSim((s) => s.state?.entities) ?? NO_ENTITIES;
  const liveTypes = useSim((s) => s.liveEvents);
  const lastFired = useSim((s) => s.state?.pause_reason?.kind === 'breakpoint' ? s.state.pause_reason.breakpoint_id : s.lastBreakpoint?.id);
  const unit = useUnit();
  const [kind, setKind] = useState<Kind>('metric');
  const [time, setTime] = useState('');
  const [count, setCount] = useState('');
  const [eventType, setEventType] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const entityNames = Object.keys(entities);
  const [entity, setEntity] = useState('');
  const [metric, setMetric] = useState('');
  const [op, setOp] = useState<MetricOperator>('gt');
  const [threshold, setThreshold] = useState('');
  const [oneShot, setOneShot] = useState(false);

  useEffect(() => {
    void refreshBreakpoints();
    api.eventTypes().then((t) => setTypes([...t].sort()), () => setTypes([...new Set(liveTypes.map((e) => e.event_type))].sort()));
  }, []); // once, when the panel opens: the live rows of that moment are only a fallback

  const ent = entity || entityNames[0] || '';
  const metrics = numericKeys(entities[ent]);
  const met = metrics.includes(metric) ? metric : metrics[0] ?? '';

  let spec: BreakpointSpec | null = null;
  if (kind === 'time') {
    const t = parseTimeInput(time, unit);
    if (t !== null) spec = { kind, time_s: t, one_shot: oneShot };
  } else if (kind === 'event_count') {
    const n = Number(count);
    if (Number.isInteger(n) && n > 0) spec = { kind, count: n, one_shot: oneShot };
  } else if (kind === 'event_type') {
    if (eventType.trim()) spec = { kind, event_type: eventType.trim(), one_shot: oneShot };
  } else {
    const th = Number(threshold);
    if (ent && met && threshold.trim() !== '' && Number.isFinite(th)) spec = { kind, entity: ent, metric: met, operator: op, threshold: th, one_shot: oneShot };
  }

  return (
    <div className="breakpoints" data-testid="breakpoints">
      <div className="section-title">Breakpoints <span className="muted small">Debug play stops when one fires</span></div>
      <div className="bp-list">
        {breakpoints.length === 0 && <div className="muted small">None yet.</div>}
        {breakpoints.map((b) => (
          <div key={b.id} className={`bp-row${lastFired === b.id ? ' fired' : ''}`} data-testid="bp-row">
            <span className="bp-kind">{b.kind}</span>
            <span className="bp-text">{describeBreakpoint(b)}{b.one_shot ? ' (once)' : ''}</span>
            {lastFired === b.id && <span className="badge fired">fired</span>}
            <button className="icon" title="Remove" onClick={() => void removeBreakpoint(b.id)} data-testid="bp-remove">×</button>
          </div>
        ))}
      </div>
      <form className="bp-form" onSubmit={(e) => { e.preventDefault(); if (spec) void addBreakpoint(spec).then((ok) => { if (ok) { setThreshold(''); setTime(''); setCount(''); } }); }}>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="bp-kind">
          <option value="metric">metric threshold</option>
          <option value="time">time</option>
          <option value="event_count">event count</option>
          <option value="event_type">event type</option>
        </select>
        {kind === 'time' && <input placeholder={`time (${unit})`} value={time} onChange={(e) => setTime(e.target.value)} data-testid="bp-time" />}
        {kind === 'event_count' && <input placeholder="event #" value={count} onChange={(e) => setCount(e.target.value)} data-testid="bp-count" />}
        {kind === 'event_type' && (
          <>
            <input list="bp-types" placeholder="event type" value={eventType} onChange={(e) => setEventType(e.target.value)} data-testid="bp-event-type" />
            <datalist id="bp-types">{types.map((t) => <option key={t} value={t} />)}</datalist>
          </>
        )}
        {kind === 'metric' && (
          <div className="bp-metric">
            <select value={ent} onChange={(e) => setEntity(e.target.value)} data-testid="bp-entity">
              {entityNames.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
            <select value={met} onChange={(e) => setMetric(e.target.value)} data-testid="bp-metric">
              {metrics.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
            <select value={op} onChange={(e) => setOp(e.target.value as MetricOperator)} data-testid="bp-op">
              {OPS.map((o) => <option key={o} value={o}>{OP_LABEL[o]}</option>)}
            </select>
            <input placeholder="threshold" value={threshold} onChange={(e) => setThreshold(e.target.value)} size={6} data-testid="bp-threshold" />
          </div>
        )}
        <label className="check"><input type="checkbox" checked={oneShot} onChange={(e) => setOneShot(e.target.checked)} />once</label>
        <button type="submit" disabled={!spec} data-testid="bp-add">Add</button>
      </form>
    </div>
  );
}
