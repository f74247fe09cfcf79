import { Fragment, useEffect, useState } from 'react';
import { api, maxPointsFor } from '../api/client';
import type { EntityHistory, GroupMembers, Series, TopologyNode } from '../api/types';
import { useSim } from '../store/sim';
import { addEntityPanel, addProbePanel, extractEntity, returnToGroup, useLayout } from '../store/layout';
import { select } from '../store/actions';
import { useFilters } from '../store/filters';
import { isInternalType } from '../lib/filters';
import { useDebounced, useLoader, useRefreshKey, useUnit } from '../lib/hooks';
import { useDisplayName } from '../lib/names';
import { formatMetric, metricHelp, metricLabel } from '../lib/metricLabels';
import { compactCount, formatTime } from '../lib/time';
import { applySparkMode, nextSparkMode, SPARK_MODE_LABEL, type SparkMode } from '../lib/transforms';
import { categoryColour } from '../lib/graphLayout';
import { UPlotChart } from './UPlotChart';
import { CHART_MIME, pinChart, type PinSpec } from './GraphView';

const EMPTY: Series = { times: [], values: [] };

function dragPin(spec: PinSpec) {
  return (e: React.DragEvent) => {
    e.dataTransfer.setData(CHART_MIME, JSON.stringify(spec));
    e.dataTransfer.effectAllowed = 'copy';
  };
}

export function Inspector() {
  const selected = useSim((s) => s.selected);
  const node = useSim((s) => s.topology?.nodes.find((n) => n.id === s.selected));
  return (
    <div className="inspector" data-testid="inspector">
      <div className="inspector-main">
        {!selected && <div className="empty">Click a node to inspect its state</div>}
        {selected && node?.is_group && <GroupInspector node={node} />}
        {selected && !node?.is_group && <EntityInspector name={selected} node={node} />}
      </div>
      <Upcoming />
    </div>
  );
}

function EntityInspector({ name, node }: { name: string; node?: TopologyNode }) {
  const live = useSim((s) => s.state?.entities[name]);
  const probes = useSim((s) => s.probes);
  const unit = useUnit();
  const refresh = useRefreshKey(600);
  const [width, setWidth] = useState(280);
  const mp = maxPointsFor(width);
  const [extra, setExtra] = useState<Record<string, unknown> | null>(null);
  // an entity that is not in state.entities (a group member): read it on its own
  const { data: fetched } = useLoader(live ? null : `${name}:${refresh}`, (signal) => api.entityState(name, signal));
  useEffect(() => setExtra(fetched?.state ?? null), [fetched]);
  const state = live ?? extra ?? {};
  const { data: history } = useLoader<EntityHistory>(`${name}:${mp}:${refresh}`, (signal) => api.entityHistory(name, mp, signal));
  const probe = node?.category === 'probe' ? probes.find((p) => p.name === name) : undefined;
  // a group member (not a node of its own): which group, and whether it is out on the graph
  const extracted = useLayout((s) => s.extracted.find((e) => e.name === name));
  const group = useSim((s) => (node ? undefined : s.topology?.nodes.find((n) => n.is_group && (n.id === extracted?.group || n.member_ids?.includes(name)))));
  const colour = categoryColour(node?.category ?? group?.category);
  return (
    <div data-testid={`inspect-${name}`}>
      <div className="inspector-head">
        <div className="entity-name">{name}</div>
        <div style={{ color: colour }}>{node?.type ?? group?.type ?? ''}</div>
        {group && (
          <div className="member-of">
            <span className="muted">member of <a href="#" onClick={(e) => { e.preventDefault(); select(group.id); }}>{group.type} group</a>{extracted ? ', shown on the graph' : ''}</span>
            {extracted
              ? <button className="small-btn" data-testid="return-to-group" onClick={() => useLayout.getState().update((l) => returnToGroup(l, name))}>Return to group</button>
              : <button className="small-btn" data-testid="extract-selected" onClick={() => useLayout.getState().update((l) => ({ ...extractEntity(l, name, group.id), mainView: 'graph' }))}>Extract onto the graph</button>}
          </div>
        )}
      </div>
      <div className="kv">
        {Object.entries(state).map(([k, v]) => (
          <MetricRow key={k} entity={name} metric={k} value={v} series={history?.metrics[k]} unit={unit} onWidth={setWidth} />
        ))}
        {Object.keys(state).length === 0 && <div className="muted">No state</div>}
      </div>
      {probe && <ProbeSection probe={probe.name} label={`${probe.target}.${probe.metric}`} />}
      {node?.profile && node.profile.times.length > 1 && (
        <div className="section">
          <div className="section-title">Load Profile</div>
          <div className="chart-md">
            <UPlotChart series={node.profile} unit={unit} color="#22c55e" yLabel="req/s" label="Rate (req/s)" compact />
          </div>
        </div>
      )}
    </div>
  );
}

function MetricRow({ entity, metric, value, series, unit, onWidth }: {
  entity: string; metric: string; value: unknown; series?: Series; unit: 's' | 'min' | 'h'; onWidth: (w: number) => void;
}) {
  const [mode, setMode] = useState<SparkMode>('total');
  const numeric = typeof value === 'number';
  const shown = series && series.times.length >= 2 ? applySparkMode(series, mode) : null;
  return (
    <div className="metric-row" draggable={numeric} onDragStart={numeric ? dragPin({ kind: 'entity_metric', entity, metric }) : undefined}
      data-testid={`metric-${metric}`}>
      <div className="metric-line">
        <span className="k" title={metricHelp(metric)} data-testid={`label-${metric}`}>{metricLabel(metric)}</span>
        <span className="spacer" />
        {numeric && (
          <span className="spark-tools">
            {shown && <button className="mode" data-testid={`mode-${metric}`} onClick={() => setMode(nextSparkMode(mode))} title="total → /s → avg → p99">{SPARK_MODE_LABEL[mode]}</button>}
            <button className="icon" title="Pin this chart onto the graph (or drag the row there)" data-testid={`pin-${metric}`}
              onClick={() => pinChart({ kind: 'entity_metric', entity, metric })}>pin</button>
          </span>
        )}
        <span className="v" data-testid={`metric-${metric}-value`} title={typeof value === 'number' ? String(value) : undefined}>
          {formatMetric(metric, value, 4)}</span>
      </div>
      {shown && (
        <div className="spark-chart" data-testid={`sparkline-${metric}`}>
          <UPlotChart series={shown} unit={unit} compact color="#3b82f6" onPlotWidth={onWidth} />
        </div>
      )}
    </div>
  );
}

function ProbeSection({ probe, label }: { probe: string; label: string }) {
  const unit = useUnit();
  const refresh = useRefreshKey(600);
  const [width, setWidth] = useState(280);
  const mp = maxPointsFor(width);
  const { data } = useLoader<Series>(`${probe}:${mp}:${refresh}`, (signal) => api.timeseries(probe, { max_points: mp }, signal));
  return (
    <div className="section" draggable onDragStart={dragPin({ kind: 'probe', probe })}>
      <div className="section-title">
        {label}
        <span className="spacer" />
        <button className="small-btn" data-testid="probe-to-dashboard" onClick={() => {
          useLayout.getState().update((l) => ({ ...addProbePanel(l, probe, label), mainView: 'dashboard' }));
        }}>+ Dashboard</button>
        <button className="icon" title="Pin onto the graph" onClick={() => pinChart({ kind: 'probe', probe })}>pin</button>
      </div>
      <div className="chart-md" data-testid="probe-chart">
        <UPlotChart series={data ?? EMPTY} unit={unit} color="#3b82f6" label={label} compact onPlotWidth={setWidth} />
      </div>
    </div>
  );
}

const PAGE = 50;
const NO_UPCOMING: never[] = [];

type Sort = { metric: string; order: 'asc' | 'desc' } | null;

/**
 * A folded group's members as a table: one column per numeric metric (the members' own order), sortable by any column
 * on the server (the busiest of 40 servers on top), each row with "chart this" (the sorted column's metric of that
 * member on the dashboard, from its recorded history), Extract / Return and its full state.
 */
function GroupInspector({ node }: { node: TopologyNode }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 200);
  const [members, setMembers] = useState<GroupMembers['members']>([]);
  const [total, setTotal] = useState(node.member_count ?? 0);
  const [expanded, setExpanded] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>(null);
  const refresh = useRefreshKey(1000);
  const epoch = useSim((s) => s.epoch);
  const colour = categoryColour(node.category);
  const extracted = useLayout((s) => s.extracted);
  const size = node.member_count ?? total;

  useEffect(() => {
    const ac = new AbortController();
    api.groupMembers(node.id, 0, Math.max(PAGE, members.length || PAGE), q || undefined, ac.signal, sort ?? undefined).then((g) => {
      setMembers(g.members);
      setTotal(g.total);
    }, () => undefined);
    return () => ac.abort();
  }, [node.id, q, refresh, epoch, sort?.metric, sort?.order]); // members.length only sizes the page: a change of it alone is no reason to reload

  const more = () => {
    api.groupMembers(node.id, members.length, PAGE, q || undefined, undefined, sort ?? undefined).then((g) => {
      setMembers((m) => [...m, ...g.members]);
      setTotal(g.total);
    }, () => undefined);
  };

  const columns: string[] = [];
  for (const m of members) for (const [k, v] of Object.entries(m.state)) if (typeof v === 'number' && !columns.includes(k)) columns.push(k);
  const chartMetric = sort?.metric ?? columns[0];
  const sortBy = (metric: string) => setSort((s) => (s && s.metric === metric ? { metric, order: s.order === 'desc' ? 'asc' : 'desc' } : { metric, order: 'desc' }));
  const chartThis = (member: string, metric: string) => useLayout.getState().update((l) => ({ ...addEntityPanel(l, member, metric), mainView: 'dashboard' }));

  return (
    <div data-testid={`inspect-${node.id}`}>
      <div className="inspector-head">
        <div className="entity-name">{node.type} <span className="badge" data-testid="group-size">{compactCount(size)}</span></div>
        <div style={{ color: colour }}>Entity Group · {size.toLocaleString('en-US')} members</div>
      </div>
      <input className="search" placeholder="Search members…" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="group-search" />
      <div className="member-table-wrap">
        <table className="member-table" data-testid="member-table">
          <thead>
            <tr>
              <th className="member-name">member</th>
              <th />
              {columns.map((c) => (
                <th key={c} className={sort?.metric === c ? 'sorted' : ''} title={`${metricHelp(c)} — click to sort`}>
                  <button className="th-sort" data-testid={`sort-${c}`} onClick={() => sortBy(c)}>
                    {metricLabel(c)}{sort?.metric === c ? (sort.order === 'desc' ? ' ▼' : ' ▲') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const out = extracted.some((e) => e.name === m.name);
              return (
                <Fragment key={m.name}>
                  <tr className="member" data-testid={`member-${m.name}`}>
                    <td className="member-name" onClick={() => setExpanded(expanded === m.name ? null : m.name)}>{expanded === m.name ? '▼' : '▶'} {m.name}</td>
                    <td className="member-actions">
                      {chartMetric && (
                        <button className="small-btn" data-testid={`chart-${m.name}`} title={`Chart this: ${m.name}.${chartMetric} on the dashboard`}
                          onClick={() => chartThis(m.name, chartMetric)}>chart</button>
                      )}
                      {out
                        ? <button className="small-btn member-action on" data-testid={`return-${m.name}`} title="Put it back into the group node"
                            onClick={() => useLayout.getState().update((l) => returnToGroup(l, m.name))}>Return</button>
                        : <button className="small-btn member-action" data-testid={`extract-${m.name}`} title="Show this member as its own node on the graph"
                            onClick={() => useLayout.getState().update((l) => ({ ...extractEntity(l, m.name, node.id), mainView: 'graph' }))}>Extract</button>}
                    </td>
                    {columns.map((c) => <td key={c} className="num" data-testid={`cell-${m.name}-${c}`}>{formatMetric(c, m.state[c], 3)}</td>)}
                  </tr>
                  {expanded === m.name && (
                    <tr><td colSpan={columns.length + 2}>
                      <div className="kv member-state">
                        {Object.entries(m.state).map(([k, v]) => (
                          <div key={k} className="metric-line"><span className="k" title={metricHelp(k)}>{metricLabel(k)}</span><span className="v">{formatMetric(k, v, 4)}</span></div>
                        ))}
                        <button className="small-btn" onClick={() => select(m.name)}>Inspect</button>
                      </div>
                    </td></tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {q && <div className="muted small">{total.toLocaleString('en-US')} of {size.toLocaleString('en-US')} match “{q}”</div>}
      {q && total === 0 && <div className="empty small">No member matches</div>}
      {members.length < total && <button className="small-btn" onClick={more}>Load more ({members.length} / {total})</button>}
    </div>
  );
}

/** The next pending events while paused; the plumbing (source and probe ticks, queue hand-overs) with Internal only. */
function Upcoming() {
  const upcoming = useSim((s) => s.state?.upcoming) ?? NO_UPCOMING;
  const showInternal = useFilters((s) => s.showInternal);
  const name = useDisplayName();
  const unit = useUnit();
  const shown = showInternal ? upcoming : upcoming.filter((u) => !isInternalType(u.event_type));
  const hidden = upcoming.length - shown.length;
  return (
    <div className="upcoming" data-testid="upcoming">
      <div className="section-title">Upcoming <span className="muted small">pending events, next first</span></div>
      {upcoming.length === 0 && <div className="muted small">— (shown while paused)</div>}
      {shown.map((u) => (
        <div key={u.id + u.time_s} className="upcoming-row" data-testid="upcoming-row">
          <span className="time">{formatTime(u.time_s, unit, 4)}</span> <span className="etype">{u.event_type}</span> → <span className="target" title={u.target}>{name(u.target)}</span>
          {u.daemon && <span className="muted" title="a background tick: it does not keep the run going"> (background)</span>}
        </div>
      ))}
      {hidden > 0 && <div className="muted small" data-testid="upcoming-hidden">{hidden} internal event{hidden > 1 ? 's' : ''} hidden (Internal in the Event Log shows them)</div>}
    </div>
  );
}
