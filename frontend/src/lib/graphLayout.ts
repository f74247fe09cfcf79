import type { Topology, TopologyEdge } from '../api/types';

export const NODE_W = 180;
export const NODE_H = 80;
export const GROUP_W = 206;
export const GROUP_H = 96;
export const PROBE_OFFSET_Y = 130;

export const CATEGORY_COLOURS: Record<string, string> = {
  source: '#22c55e',
  queued_resource: '#3b82f6',
  sink: '#ef4444',
  rate_limiter: '#f97316',
  router: '#a855f7',
  resource: '#a16207',
  probe: '#06b6d4',
  other: '#6b7280',
};

export function categoryColour(category: string | undefined): string {
  return CATEGORY_COLOURS[category ?? 'other'] ?? CATEGORY_COLOURS.other;
}

export type Positions = Record<string, { x: number; y: number }>;

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
  const edges = [...topology.edges, ...extraEdges].filter((e) => e.kind !== 'probe' && ids.has(e.source) && ids.has(e.target) && e.source !== e.target);
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
    pos[p.id] = base ? { x: base.x + n * (NODE_W + 20), y: base.y - PROBE_OFFSET_Y } : { x: n * (NODE_W + 20), y: -PROBE_OFFSET_Y };
  }
  return pos;
}
