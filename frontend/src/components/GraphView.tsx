import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import {
  Background, BaseEdge, Handle, MarkerType, Position, ReactFlow, ReactFlowProvider, getSmoothStepPath, useReactFlow,
  applyNodeChanges, type Edge, type EdgeProps, type Node, type NodeChange, type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useSim } from '../store/sim';
import { moveExtracted, useLayout, type PinnedChart } from '../store/layout';
import { select } from '../store/actions';
import { api } from '../api/client';
import { useLoader, useRefreshKey } from '../lib/hooks';
import { categoryColour, gridPositions, layoutTopology, nodeBoxes, placeExtracted, type Positions } from '../lib/graphLayout';
import { compactCount } from '../lib/time';
import { flowDuration, keyMetrics } from '../lib/transforms';
import { formatMetric, metricHelp, metricLabel } from '../lib/metricLabels';
import { PinnedChartBody } from './PinnedChart';
import type { TopologyNode } from '../api/types';

export const CHART_MIME = 'application/happysim-chart';

type EntityData = { node: TopologyNode };
type ChartData = { pin: PinnedChart };
type ExtractedData = { name: string; group: TopologyNode };

export const EXTRACTED_PREFIX = 'extracted-';

/** A long entity name may wrap after its separators (Probe_Balancer_ / requests_received), not mid-word. */
function breakable(name: string) {
  const parts = name.split(/(?<=[_\-.:])/);
  return parts.length === 1 ? name : parts.map((p, i) => <span key={i}>{p}{i < parts.length - 1 && <wbr />}</span>);
}

/** The descriptions of the active faults that target any of `ids` (a node, or a group's members). */
function useFaultsOn(ids: string[]): string[] {
  const faults = useSim((s) => s.state?.active_faults);
  const key = ids.join('\n');
  return useMemo(() => {
    const wanted = new Set(key.split('\n'));
    return (faults ?? []).filter((f) => f.targets.some((t) => wanted.has(t))).map((f) => f.description);
  }, [faults, key]);
}

/** A red mark on a node while a fault lasts, saying which. */
function FaultMark({ id, faults }: { id: string; faults: string[] }) {
  if (!faults.length) return null;
  return (
    <div className="fault-mark" data-testid={`fault-${id}`} title={faults.join('\n')}>
      ⚡ {faults.length === 1 ? faults[0].replace(/ until .*$/, '') : `${faults.length} faults`}
    </div>
  );
}

const EntityNode = memo(function EntityNode({ data, selected }: NodeProps<Node<EntityData>>) {
  const n = data.node;
  const colour = categoryColour(n.category);
  const metrics = useSim((s) => s.state?.entities[n.id]);
  const isSelected = useSim((s) => s.selected === n.id) || selected;
  const faults = useFaultsOn([n.id]);
  const shown = keyMetrics(metrics);
  return (
    <div className={faults.length ? 'entity-node faulted' : 'entity-node'} data-testid={`node-${n.id}`}
      style={{ borderColor: faults.length ? undefined : isSelected ? colour : colour + '40', boxShadow: isSelected ? `0 0 12px ${colour}80` : undefined }}>
      <FaultMark id={n.id} faults={faults} />
      <Handle type="target" position={Position.Left} id="l" />
      <Handle type="target" position={Position.Top} id="t" />
      <div className="entity-name" title={n.id}>{breakable(n.id)}</div>
      <div className="entity-type" style={{ color: colour }}>{n.type}</div>
      {shown.map(([k, v]) => (
        <div key={k} className="entity-metric" title={metricHelp(k)}><span>{metricLabel(k)}</span><b data-testid={`node-${n.id}-${k}`} data-value={typeof v === 'number' ? v : undefined}>{formatMetric(k, v, 3)}</b></div>
      ))}
      <Handle type="source" position={Position.Right} id="r" />
      <Handle type="source" position={Position.Bottom} id="b" />
      <BackHandles />
    </div>
  );
});

/**
 * Where an edge back against the flow (a reply to whoever sent the work) leaves and arrives: lower on the
 * card than the forward handles, so the pair runs side by side instead of one over the other.
 */
function BackHandles() {
  return (
    <>
      <Handle type="source" position={Position.Left} id="sl" style={{ top: '78%' }} />
      <Handle type="target" position={Position.Right} id="tr" style={{ top: '78%' }} />
    </>
  );
}

const GroupNode = memo(function GroupNode({ data }: NodeProps<Node<EntityData>>) {
  const n = data.node;
  const colour = categoryColour(n.category);
  const isSelected = useSim((s) => s.selected === n.id);
  const faults = useFaultsOn(n.member_ids ?? []);
  return (
    <div className={faults.length ? 'group-node faulted' : 'group-node'} data-testid={`node-${n.id}`}>
      <FaultMark id={n.id} faults={faults} />
      <Handle type="target" position={Position.Left} id="l" />
      <Handle type="target" position={Position.Top} id="t" />
      <div className="group-card back2" style={{ borderColor: colour + '30' }} />
      <div className="group-card back1" style={{ borderColor: colour + '50' }} />
      <div className="group-card front" style={{ borderColor: isSelected ? colour : colour + '80', boxShadow: isSelected ? `0 0 12px ${colour}80` : undefined }}>
        <div className="entity-name">{n.type}</div>
        <div className="entity-type" style={{ color: colour }}>Entity group <span className="badge">{compactCount(n.member_count ?? 0)}</span></div>
        <div className="muted small">Click to inspect members</div>
      </div>
      <Handle type="source" position={Position.Right} id="r" />
      <Handle type="source" position={Position.Bottom} id="b" />
      <BackHandles />
    </div>
  );
});

/**
 * A group member taken out onto the graph: its own card beside the group, its metrics read from
 * /api/entity_state whenever the simulation moves (members are not in the state updates).
 */
const ExtractedNode = memo(function ExtractedNode({ data, selected }: NodeProps<Node<ExtractedData>>) {
  const { name, group } = data;
  const colour = categoryColour(group.category);
  const refresh = useRefreshKey(500);
  const { data: st } = useLoader(`${name}:${refresh}`, (signal) => api.entityState(name, signal));
  const isSelected = useSim((s) => s.selected === name) || selected;
  const shown = keyMetrics(st?.state);
  return (
    <div className="entity-node extracted-node" data-testid={`extracted-${name}`}
      style={{ borderColor: isSelected ? colour : colour + '80', boxShadow: isSelected ? `0 0 12px ${colour}80` : undefined }}>
      <Handle type="target" position={Position.Top} id="t" />
      <div className="entity-name" title={name}>{breakable(name)}</div>
      <div className="entity-type" style={{ color: colour }}>{group.type} <span className="muted">· from group</span></div>
      {shown.map(([k, v]) => (
        <div key={k} className="entity-metric" title={metricHelp(k)}><span>{metricLabel(k)}</span><b data-testid={`extracted-${name}-${k}`} data-value={typeof v === 'number' ? v : undefined}>{formatMetric(k, v, 3)}</b></div>
      ))}
      {st && shown.length === 0 && <div className="muted small">no state</div>}
    </div>
  );
});

const ChartNode = memo(function ChartNode({ data }: NodeProps<Node<ChartData>>) {
  const pin = data.pin;
  const title = pin.kind === 'probe' ? pin.probe : `${pin.entity}.${pin.metric}`;
  return (
    <div className="chart-node" data-testid={`pinned-${title}`}>
      <div className="chart-node-title">
        <span>{title}</span>
        <button className="icon nodrag" title="Unpin" onClick={() => useLayout.getState().update((l) => ({ ...l, pinned: l.pinned.filter((p) => p.id !== pin.id) }))}>×</button>
      </div>
      <div className="chart-node-body nodrag">
        <PinnedChartBody pin={pin} />
      </div>
    </div>
  );
});

type FlowEdgeData = { statsKey: string; probe: boolean; extracted?: boolean; back?: boolean };

const AnimatedEdge = memo(function AnimatedEdge(props: EdgeProps<Edge<FlowEdgeData>>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, data, id } = props;
  const [path] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const rate = useSim((s) => (data ? s.edgeStats[data.statsKey]?.rate : undefined));
  // a finished run has nothing flowing any more, whatever its last rates were
  const complete = useSim((s) => !!s.state?.is_complete);
  const probe = !!data?.probe;
  if (data?.extracted) {
    return (
      <g data-testid={id}>
        <BaseEdge id={id} path={path} style={{ stroke: '#6b7280', strokeWidth: 1.5, strokeDasharray: '6 4' }} />
      </g>
    );
  }
  const dur = probe || complete ? null : flowDuration(rate);
  const style = probe ? { stroke: '#06b6d4', strokeWidth: 1.5, strokeDasharray: '6 4' }
    : data?.back ? { stroke: '#374151', strokeWidth: 1.5, strokeDasharray: '3 3' } : { stroke: '#4b5563', strokeWidth: 2 };
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={style} />
      {dur !== null && (
        <circle r={3} fill="#22c55e" data-testid={`flow-${data?.statsKey}`} data-rate={rate}>
          <animateMotion key={dur} dur={`${dur}s`} repeatCount="indefinite" path={path} />
        </circle>
      )}
    </>
  );
});

const nodeTypes = { entity: EntityNode, entityGroup: GroupNode, chart: ChartNode, extracted: ExtractedNode };
const edgeTypes = { animated: AnimatedEdge };

function Flow() {
  const topology = useSim((s) => s.topology);
  const runtimeEdges = useSim((s) => s.runtimeEdges);
  const pinned = useLayout((s) => s.pinned);
  const extracted = useLayout((s) => s.extracted);
  const [positions, setPositions] = useState<Positions>({});
  const [nodes, setNodes] = useState<Node[]>([]);
  const flow = useReactFlow();

  useEffect(() => {
    if (!topology) return;
    let cancelled = false;
    const show = (p: Positions) => {
      lastPositions = p;
      if (!cancelled) setPositions(p);
    };
    layoutTopology(topology, runtimeEdges).then(show, (e) => {
      console.error('graph layout failed; showing a grid', e);
      show(gridPositions(topology));
    });
    return () => {
      cancelled = true;
    };
  }, [topology, runtimeEdges]);

  useEffect(() => {
    if (!topology) {
      setNodes([]); // a model is loading: not the last one's nodes
      return;
    }
    const entityNodes: Node[] = topology.nodes.filter((n) => positions[n.id]).map((n) => ({
      id: n.id,
      type: n.is_group ? 'entityGroup' : 'entity',
      position: positions[n.id],
      data: { node: n },
    }));
    const chartNodes: Node[] = pinned.map((p) => ({ id: `pin:${p.id}`, type: 'chart', position: { x: p.x, y: p.y }, data: { pin: p }, dragHandle: '.chart-node-title' }));
    const groups = new Map(topology.nodes.filter((n) => n.is_group).map((n) => [n.id, n]));
    const members = extracted.filter((e) => groups.has(e.group));
    const occupied = [...nodeBoxes(topology, positions), ...pinned.map((p) => ({ x: p.x, y: p.y, w: 280, h: 170 }))];
    const placed = placeExtracted(members, positions, occupied);
    const extractedNodes: Node[] = members.filter((e) => placed[e.name]).map((e) => ({
      id: EXTRACTED_PREFIX + e.name,
      type: 'extracted',
      position: placed[e.name],
      data: { name: e.name, group: groups.get(e.group)! },
    }));
    setNodes([...entityNodes, ...chartNodes, ...extractedNodes]);
  }, [topology, positions, pinned, extracted]);

  // fit the graph when it is laid out, and when a member is extracted (it may land outside the view)
  useEffect(() => {
    if (Object.keys(positions).length) requestAnimationFrame(() => flow.fitView({ padding: 0.2, maxZoom: 1.2 }));
  }, [positions, flow, extracted.length]);

  const edges: Edge[] = useMemo(() => {
    if (!topology) return [];
    const all = [...topology.edges, ...runtimeEdges];
    const groups = new Set(topology.nodes.filter((n) => n.is_group).map((n) => n.id));
    const extractedEdges: Edge[] = extracted.filter((e) => groups.has(e.group)).map((e) => ({
      id: `extracted-edge-${e.name}`,
      source: e.group,
      target: EXTRACTED_PREFIX + e.name,
      sourceHandle: 'b',
      targetHandle: 't',
      type: 'animated',
      data: { statsKey: '', probe: false, extracted: true },
    }));
    return all.map((e, i): Edge => {
      const probe = e.kind === 'probe';
      // an edge whose target is laid out left of its source runs back against the flow (a reply)
      const a = positions[e.source];
      const b = positions[e.target];
      const back = !probe && !!a && !!b && b.x + 1 < a.x;
      return {
        id: `e-${e.source}-${e.target}-${i}`,
        source: e.source,
        target: e.target,
        sourceHandle: probe ? 'b' : back ? 'sl' : 'r',
        targetHandle: probe ? 't' : back ? 'tr' : 'l',
        type: 'animated',
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: probe ? '#06b6d4' : back ? '#374151' : '#4b5563' },
        data: { statsKey: `${e.source}->${e.target}`, probe, back },
      };
    }).concat(extractedEdges);
  }, [topology, runtimeEdges, extracted, positions]);

  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);

  const onNodeDragStop = useCallback((_: unknown, node: Node) => {
    if (node.id.startsWith(EXTRACTED_PREFIX)) {
      const name = node.id.slice(EXTRACTED_PREFIX.length);
      useLayout.getState().update((l) => moveExtracted(l, name, node.position.x, node.position.y));
      return;
    }
    if (!node.id.startsWith('pin:')) return;
    const id = node.id.slice(4);
    useLayout.getState().update((l) => ({ ...l, pinned: l.pinned.map((p) => (p.id === id ? { ...p, x: node.position.x, y: node.position.y } : p)) }));
  }, []);

  const onDrop = useCallback((e: React.DragEvent) => {
    const raw = e.dataTransfer.getData(CHART_MIME);
    if (!raw) return;
    e.preventDefault();
    const pos = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    pinChart(JSON.parse(raw) as PinSpec, pos);
  }, [flow]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onNodeDragStop={onNodeDragStop}
      onNodeClick={(_, n) => {
        if (n.type === 'extracted') select((n.data as ExtractedData).name);
        else if (n.type !== 'chart') select(n.id);
      }}
      onPaneClick={() => undefined}
      onDragOver={(e) => { if (e.dataTransfer.types.includes(CHART_MIME)) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; } }}
      onDrop={onDrop}
      minZoom={0.3}
      maxZoom={2}
      nodesConnectable={false}
      proOptions={{ hideAttribution: true }}
      colorMode="dark"
    >
      <Background color="#1f2937" gap={20} size={1} />
    </ReactFlow>
  );
}

/** The last layout, so a chart pinned from the Inspector lands under its entity. */
let lastPositions: Positions = {};

export type PinSpec = { kind: 'entity_metric'; entity: string; metric: string } | { kind: 'probe'; probe: string };

/** Pins a chart onto the graph (near its entity unless a position is given). */
export function pinChart(spec: PinSpec, at?: { x: number; y: number }) {
  const id = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  const l = useLayout.getState();
  const anchor = lastPositions[spec.kind === 'probe' ? spec.probe : spec.entity];
  const near = l.pinned.length % 3;
  const pos = at ?? (anchor ? { x: anchor.x - 50 + near * 30, y: anchor.y + 110 + near * 30 } : { x: 40 + near * 300, y: 260 });
  const pin: PinnedChart = spec.kind === 'probe' ? { id, kind: 'probe', probe: spec.probe, ...pos } : { id, kind: 'entity_metric', entity: spec.entity, metric: spec.metric, mode: 'total', ...pos };
  l.update((s) => ({ ...s, pinned: [...s.pinned, pin] }));
}

export function GraphView() {
  const topology = useSim((s) => s.topology);
  return (
    <div className="graph-view" data-testid="graph-view">
      {!topology && <div className="empty">Loading topology…</div>}
      <ReactFlowProvider>
        <Flow />
      </ReactFlowProvider>
    </div>
  );
}
