import type { RecordedEvent, TimeUnit } from '../api/types';
import { formatTime } from '../lib/time';
import { followRequest } from '../store/filters';

/** The request an event belongs to (its context's request_id), or null. */
export function requestIdOf(ev: RecordedEvent): string | null {
  const r = ev.context?.request_id;
  return typeof r === 'number' || (typeof r === 'string' && r !== '') ? String(r) : null;
}

export function EventRow({ ev, unit, expanded, onToggle, name = (n) => n }: {
  ev: RecordedEvent; unit: TimeUnit; expanded: boolean; onToggle: () => void; name?: (entity: string) => string;
}) {
  const hasContext = !!ev.context && Object.keys(ev.context).length > 0;
  const target = name(ev.target_name);
  const source = ev.source_name === null ? null : name(ev.source_name);
  const request = requestIdOf(ev);
  return (
    <div className={`event-row${ev.is_internal ? ' internal' : ''}`} data-testid="event-row" data-event-id={ev.event_id} data-time={ev.time_s}>
      <div className="event-line" onClick={hasContext ? onToggle : undefined}>
        <span className="caret">{hasContext ? (expanded ? '▼' : '▶') : ''}</span>
        <span className="time">{formatTime(ev.time_s, unit, 4)}</span>
        <span className="etype">{ev.event_type}</span>
        {source && source !== target && <span className="source" title={ev.source_name ?? ''}>{source} →</span>}
        <span className="target" title={ev.target_name}>{target}</span>
        {request !== null && (
          <button className="follow" data-testid="follow" title={`Follow request ${request}: every event of it, and where it spent its time`}
            onClick={(e) => { e.stopPropagation(); followRequest(request); }}>Follow</button>
        )}
        <span className="eid">#{ev.event_id}</span>
      </div>
      {expanded && hasContext && <ContextPanel ev={ev} />}
    </div>
  );
}

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(6);
  if (Array.isArray(v)) return v.map(fmt).join(', ');
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${fmt(x)}`).join(', ');
  return String(v);
}

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v && typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** The text the Copy button puts on the clipboard (as the original). */
export function eventCopyText(ev: RecordedEvent): string {
  const lines = [
    `Event #${ev.event_id}`,
    `Time: ${ev.time_s.toFixed(6)}`,
    `Type: ${ev.event_type}`,
    `Target: ${ev.target_name}`,
    `Source: ${ev.source_name ?? '—'}`,
  ];
  const ctx = ev.context ?? {};
  const entries = Object.entries(ctx).filter(([k, v]) => k !== 'trace' && !isEmpty(v));
  if (entries.length) {
    lines.push('Context:');
    for (const [k, v] of entries) lines.push(`  ${k}: ${fmt(v)}`);
  }
  const spans = ctx.trace?.spans ?? [];
  if (spans.length) {
    lines.push('Trace Spans:');
    for (const s of spans) lines.push(`  ${s.action ?? ''} @ ${typeof s.time === 'number' ? s.time.toFixed(4) : '—'}${s.data !== undefined ? ` ${fmt(s.data)}` : ''}`);
  }
  return lines.join('\n');
}

function ContextPanel({ ev }: { ev: RecordedEvent }) {
  const ctx = ev.context ?? {};
  const entries = Object.entries(ctx).filter(([k, v]) => k !== 'trace' && k !== 'stack' && !isEmpty(v));
  const spans = ctx.trace?.spans ?? [];
  const stack = Array.isArray(ctx.stack) ? ctx.stack : [];
  const copy = () => {
    const text = eventCopyText(ev);
    if (navigator.clipboard) void navigator.clipboard.writeText(text).catch(() => undefined);
  };
  return (
    <div className="context" data-testid="event-context">
      <button className="small-btn copy" onClick={copy} data-testid="copy-event">Copy</button>
      {entries.map(([k, v]) => (
        <div key={k} className="ctx-line"><span className="k">{k}</span> <span className="v">{fmt(v)}</span></div>
      ))}
      {stack.length > 0 && (
        <div className="ctx-line"><span className="k">stack</span> <span className="v">{stack.join(' → ')}</span></div>
      )}
      {spans.length > 0 && (
        <>
          <div className="section-title">Trace Spans</div>
          {spans.map((s, i) => (
            <div key={i} className="span-line">
              <span className="action">{s.action}</span> <span className="time">{typeof s.time === 'number' ? s.time.toFixed(4) : '—'}</span>
              {s.data !== undefined && <span className="v"> {fmt(s.data)}</span>}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
