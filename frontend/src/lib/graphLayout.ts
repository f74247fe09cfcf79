import type { Topology, TopologyEdge } from '../api/types';

export const NODE_W = 180;
export const NODE_H = 80;
export const GROUP_W = 206;
export const GROUP_H = 96;
export const PROBE_OFFSET_Y = 130;

export const CATEGORY_COLOURS: Record<string, string> = {
  source: '#22c55e',
  client: '#14b8a6',
  queued_resource: '#3b82f6',
  sink: '#ef4444',
  rate_limiter: '#f97316',
  router: '#a855f7',
  resilience: '#eab308',
  network: '#64748b',
  fault: '#dc2626',
  resource: '#a16207',
  probe: '#06b6d4',
  other: '#6b7280',
};

export function categoryColour(category: string | undefined): string {
  return CATEGORY_COLOURS[category ?? 'other'] ?? CATEGORY_COLOURS.other;
}

export type Positions = Record<string, { x: number; y: number }>;

/**
 * The run-time edges that keep the flow going one way: an edge back against it (a server telling its load
 * balancer that a request is done) would close a cycle, and the layered layout would turn the picture around
 * to fit it. Such edges are still drawn, they just do not move the nodes.
 */
export function forwardEdges(base: TopologyEdge[], extra: TopologyEdge[]): TopologyEdge[] {
  const next = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!next.has(a)) next.set(a, new Set());
    next.get(a)!.add(b);
  };
  for (const e of base) link(e.source, e.target);
  const reaches = (from: string, to: string) => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === to) return true;
      for (const m of next.get(n) ?? []) if (!seen.has(m)) { seen.add(m); stack.push(m); }
    }
    return false;
  };
  const out: TopologyEdge[] = [];
  for (const e of extra) {
    if (reaches(e.target, e.source)) continue;
    link(e.source, e.target);
    out.push(e);
  }
  return out;
}

type Elk = { layout: (g: unknown) => Promise<{ children?: { id: string; x?: number; y?: number }[] }> };
let elk: Elk | null = null;

/**
 * Lays the topology out left to right (ELK layered). Probes are left out of the layout and placed above
 * the entity they measure.
 */
export async function layoutTopology(topology: Topology, extraEdges: TopologyEdge[] = []): Promise<Positions> {
  if (!elk) {
    // ELK is large: load it on first use, in its own chunk.
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    elk = new ELK() as unknown as Elk;
  }
  const probes = topology.nodes.filter((n) => n.category === 'probe');
  const laid = topology.nodes.filter((n) => n.category !== 'probe');
  const ids = new Set(laid.map((n) => n.id));
  const usable = (e: TopologyEdge) => e.kind !== 'probe' && ids.has(e.source) && ids.has(e.target) && e.source !== e.target;
  const edges = [...topology.edges.filter(usable), ...forwardEdges(topology.edges.filter(usable), extraEdges.filter(usable))];
  const seen = new Set<string>();
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '60',
      'elk.layered.spacing.nodeNodeBetweenLayers': '100',
    },
    children: laid.map((n) => ({ id: n.id, width: n.is_group ? GROUP_W : NODE_W, height: n.is_group ? GROUP_H : NODE_H })),
    edges: edges
      .filter((e) => {
        const k = `${e.source}->${e.target}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .map((e, i) => ({ id: `le${i}`, sources: [e.source], targets: [e.target] })),
  };
  const out = await elk.layout(graph);
  const pos: Positions = {};
  for (const c of out.children ?? []) pos[c.id] = { x: c.x ?? 0, y: c.y ?? 0 };
  const probeEdges = topology.edges.filter((e) => e.kind === 'probe');
  const stacked: Record<string, number> = {};
  for (const p of probes) {
    const target = probeEdges.find((e) => e.source === p.id)?.target;
    const base = target ? pos[target] : undefined;
    const k = target ?? '';
    const n = (stacked[k] = (stacked[k] ?? 0) + 1) - 1;
    // centred over a group card (wider than a node), so the probe edge runs straight down
    const centre = target && laid.find((x) => x.id === target)?.is_group ? (GROUP_W - NODE_W) / 2 : 0;
    pos[p.id] = base ? { x: base.x + centre + n * (NODE_W + 20), y: base.y - PROBE_OFFSET_Y } : { x: n * (NODE_W + 20), y: -PROBE_OFFSET_Y };
  }
  return pos;
}

/**
 * A plain grid of every node, left to right, for when the layered layout fails: a graph that cannot be laid out
 * well still shows every entity.
 */
export function gridPositions(topology: Topology, perRow = 6): Positions {
  const pos: Positions = {};
  topology.nodes.forEach((n, i) => {
    pos[n.id] = { x: (i % perRow) * (GROUP_W + 60), y: Math.floor(i / perRow) * (GROUP_H + 60) };
  });
  return pos;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function overlaps(a: Box, b: Box, gap: number): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

/** The space each laid-out node takes on the graph. */
export function nodeBoxes(topology: Topology, pos: Positions): Box[] {
  const out: Box[] = [];
  for (const n of topology.nodes) {
    const p = pos[n.id];
    if (p) out.push({ x: p.x, y: p.y, w: n.is_group ? GROUP_W : NODE_W, h: n.is_group ? GROUP_H : NODE_H });
  }
  return out;
}

export const EXTRACTED_GAP_Y = 60;

/**
 * Where extracted group members go: under their group (its right-hand neighbour is where the data flows
 * on to), one under the other, moved further down past any node or earlier extracted member they would cover.
 * `members` are in extraction order; a member with a saved position keeps it.
 */
export function placeExtracted(
  members: { name: string; group: string; x?: number; y?: number }[],
  pos: Positions,
  occupied: Box[],
): Positions {
  const out: Positions = {};
  const taken = [...occupied];
  for (const m of members) {
    if (Number.isFinite(m.x) && Number.isFinite(m.y)) {
      out[m.name] = { x: m.x as number, y: m.y as number };
      taken.push({ x: m.x as number, y: m.y as number, w: NODE_W, h: NODE_H });
    }
  }
  for (const m of members) {
    if (out[m.name]) continue;
    const g = pos[m.group];
    if (!g) continue;
    const box: Box = { x: g.x + (GROUP_W - NODE_W) / 2, y: g.y + GROUP_H + EXTRACTED_GAP_Y, w: NODE_W, h: NODE_H };
    while (taken.some((t) => overlaps(box, t, 16))) box.y += 20;
    out[m.name] = { x: box.x, y: box.y };
    taken.push(box);
  }
  return out;
}
