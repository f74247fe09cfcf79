import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { BreakpointSpec, MetricOperator } from '../api/types';
import { addBreakpoint, refreshBreakpoints, removeBreakpoint } from '../store/actions';
import { describeBreakpoint, useSim } from '../store/sim';
import { clearError, recheck, showError, submitChecked } from '../store/inputs';
import { useUnit } from '../lib/hooks';
import { checkNumber, checkText, checkTime, checkWhole, timeHint, type Checked } from '../lib/validate';
import { metricLabel } from '../lib/metricLabels';
import { numericKeys } from '../lib/transforms';
import { FieldError, useHasError } from './FieldError';

type Kind = BreakpointSpec['kind'];
const NO_ENTITIES: Record<string, Record<string, unknown>> = {};
const OPS: MetricOperator[] = ['gt', 'ge', 'lt', 'le', 'eq', 'ne'];
const OP_LABEL: Record<MetricOperator, string> = { gt: '>', ge: '≥', lt: '<', le: '≤', eq: '=', ne: '≠' };
const FIELD = 'bp-value';

export function BreakpointsPanel() {
  const breakpoints = useSim((s) => s.breakpoints);
  const dropped = useSim((s) => s.droppedBreakpoints);
  const entities = useSim((s) => s.state?.entities) ?? NO_ENTITIES;
  const liveTypes = useSim((s) => s.liveEvents);
  const lastFired = useSim((s) => s.state?.pause_reason?.kind === 'breakpoint' ? s.state.pause_reason.breakpoint_id : s.lastBreakpoint?.id);
  const scenarios = useSim((s) => s.scenarios);
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
  const bad = useHasError(FIELD);

  useEffect(() => {
    void refreshBreakpoints();
    api.eventTypes().then((t) => setTypes([...t].sort()), () => setTypes([...new Set(liveTypes.map((e) => e.event_type))].sort()));
  }, []); // once, when the panel opens: the live rows of that moment are only a fallback
  useEffect(() => clearError(FIELD), [kind]);

  const ent = entity || entityNames[0] || '';
  const metrics = numericKeys(entities[ent]);
  const met = metrics.includes(metric) ? metric : metrics[0] ?? '';

  /** The form as a breakpoint, or why it is not one yet: one rule per field, the same as everywhere else. */
  const check = (v: { time?: string; count?: string; eventType?: string; threshold?: string } = {}): Checked<BreakpointSpec> => {
    if (kind === 'time') {
      const t = checkTime(v.time ?? time, unit);
      return t.ok ? { ok: true, value: { kind, time_s: t.value as number, one_shot: oneShot } } : t;
    }
    if (kind === 'event_count') {
      const n = checkWhole(v.count ?? count, 'an event number');
      return n.ok ? { ok: true, value: { kind, count: n.value, one_shot: oneShot } } : n;
    }
    if (kind === 'event_type') {
      const t = checkText(v.eventType ?? eventType, 'an event type, e.g. Request');
      return t.ok ? { ok: true, value: { kind, event_type: t.value, one_shot: oneShot } } : t;
    }
    if (!ent || !met) return { ok: false, message: 'this model has no entity with a numeric metric' };
    const th = checkNumber(v.threshold ?? threshold, 'a threshold');
    return th.ok ? { ok: true, value: { kind, entity: ent, metric: met, operator: op, threshold: th.value, one_shot: oneShot } } : th;
  };

  const submit = async () => {
    const spec = submitChecked(FIELD, check());
    if (!spec) return;
    const refused = await addBreakpoint(spec);
    if (refused) {
      showError(FIELD, refused);
    } else {
      setThreshold('');
      setTime('');
      setCount('');
    }
  };

  const current = useSim((s) => s.state?.scenario ?? null);
  const droppedFor = scenarios.find((s) => s.id === current)?.title ?? current;
  return (
    <div className="breakpoints" data-testid="breakpoints">
      <div className="section-title">Breakpoints <span className="muted small">Debug and run-to stop when one fires; a condition fires when it becomes true</span></div>
      <div className="bp-list">
        {breakpoints.length === 0 && <div className="muted small">None yet.</div>}
        {breakpoints.map((b) => (
          <div key={b.id} className={`bp-row${lastFired === b.id ? ' fired' : ''}`} data-testid="bp-row" data-bp-id={b.id}>
            <span className="bp-kind">{b.kind}</span>
            <span className="bp-text">{describeBreakpoint(b, unit)}{b.one_shot ? ' (once)' : ''}</span>
            {lastFired === b.id && <span className="badge fired">fired</span>}
            <button className="icon" title="Remove" onClick={() => void removeBreakpoint(b.id)} data-testid="bp-remove">×</button>
          </div>
        ))}
      </div>
      {dropped && dropped.items.length > 0 && (
        <div className="bp-dropped" data-testid="bp-dropped">
          <div className="small">Dropped with the change of model (they mean nothing in {droppedFor ?? 'this model'}):
            <button className="icon" title="Dismiss" onClick={() => useSim.setState({ droppedBreakpoints: null })}>×</button></div>
          {dropped.items.map((b) => (
            <div key={b.id} className="bp-row dropped" data-testid="bp-dropped-row">
              <span className="bp-text">{describeBreakpoint(b, unit)}</span>
              <span className="muted small">— {b.reason}</span>
            </div>
          ))}
        </div>
      )}
      <form className="bp-form" noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="bp-kind">
          <option value="metric">metric threshold</option>
          <option value="time">time</option>
          <option value="event_count">event count</option>
          <option value="event_type">event type</option>
        </select>
        {kind === 'time' && <input placeholder={`time (${unit})`} value={time} data-testid="bp-time" className={bad ? 'invalid' : ''} title={`A time: ${timeHint(unit)}`}
          onChange={(e) => { setTime(e.target.value); recheck(FIELD, check({ time: e.target.value })); }} />}
        {kind === 'event_count' && <input placeholder="event #" value={count} data-testid="bp-count" className={bad ? 'invalid' : ''}
          onChange={(e) => { setCount(e.target.value); recheck(FIELD, check({ count: e.target.value })); }} />}
        {kind === 'event_type' && (
          <>
            <input list="bp-types" placeholder="event type" value={eventType} data-testid="bp-event-type" className={bad ? 'invalid' : ''}
              onChange={(e) => { setEventType(e.target.value); recheck(FIELD, check({ eventType: e.target.value })); }} />
            <datalist id="bp-types">{types.map((t) => <option key={t} value={t} />)}</datalist>
          </>
        )}
        {kind === 'metric' && (
          <div className="bp-metric">
            <select value={ent} onChange={(e) => setEntity(e.target.value)} data-testid="bp-entity">
              {entityNames.map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
            <select value={met} onChange={(e) => setMetric(e.target.value)} data-testid="bp-metric">
              {metrics.map((m) => <option key={m} value={m}>{metricLabel(m) === m ? m : `${metricLabel(m)} (${m})`}</option>)}
            </select>
            <select value={op} onChange={(e) => setOp(e.target.value as MetricOperator)} data-testid="bp-op">
              {OPS.map((o) => <option key={o} value={o}>{OP_LABEL[o]}</option>)}
            </select>
            <input placeholder="threshold" value={threshold} size={6} data-testid="bp-threshold" className={bad ? 'invalid' : ''}
              onChange={(e) => { setThreshold(e.target.value); recheck(FIELD, check({ threshold: e.target.value })); }} />
          </div>
        )}
        <label className="check"><input type="checkbox" checked={oneShot} onChange={(e) => setOneShot(e.target.checked)} />once</label>
        <button type="submit" data-testid="bp-add">Add</button>
      </form>
      <FieldError id={FIELD} />
    </div>
  );
}
