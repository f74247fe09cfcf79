import { describe, expect, it } from 'vitest';
import type { Topology } from '../api/types';
import {
  categoryColour, EXTRACTED_GAP_Y, forwardEdges, gridPositions, GROUP_H, GROUP_W, layoutTopology, NODE_H, NODE_W, placeExtracted, PROBE_OFFSET_Y, type Box,
} from './graphLayout';

const bursty: Topology = {
  nodes: [
    { id: 'Source', type: 'Source', category: 'source' },
    { id: 'Server', type: 'Server', category: 'queued_resource' },
    { id: 'Sink', type: 'Sink', category: 'sink' },
    { id: 'Probe_Server_depth', type: 'Probe', category: 'probe' },
  ],
  edges: [
    { source: 'Source', target: 'Server', kind: 'data' },
    { source: 'Server', target: 'Sink', kind: 'data' },
    { source: 'Probe_Server_depth', target: 'Server', kind: 'probe' },
  ],
};

describe('layoutTopology', () => {
  it('lays data flow left to right and puts probes above their target', async () => {
    const p = await layoutTopology(bursty);
    expect(p.Source.x).toBeLessThan(p.Server.x);
    expect(p.Server.x).toBeLessThan(p.Sink.x);
    expect(p.Probe_Server_depth).toEqual({ x: p.Server.x, y: p.Server.y - PROBE_OFFSET_Y });
  });
  it('places nodes without edges and takes run-time edges into account', async () => {
    const t: Topology = { nodes: bursty.nodes, edges: [bursty.edges[0], bursty.edges[2]] };
    const without = await layoutTopology(t);
    expect(Object.keys(without).sort()).toEqual(['Probe_Server_depth', 'Server', 'Sink', 'Source']);
    const withRuntime = await layoutTopology(t, [{ source: 'Server', target: 'Sink', kind: 'data' }]);
    expect(withRuntime.Server.x).toBeLessThan(withRuntime.Sink.x);
  });
  it('has a grid for when the layout fails: every node, none on another', () => {
    const nodes = Array.from({ length: 14 }, (_, i) => ({ id: `n${i}`, type: 'Server', category: 'queued_resource', is_group: i % 5 === 0 }));
    const p = gridPositions({ nodes, edges: [] }, 6);
    expect(Object.keys(p)).toHaveLength(14);
    const boxes = nodes.map((n) => ({ x: p[n.id].x, y: p[n.id].y, w: GROUP_W, h: GROUP_H }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
    }
    expect(p.n6.y).toBeGreaterThan(p.n5.y); // a new row after six
  });
  it('colours by category', () => {
    expect(categoryColour('source')).toBe('#22c55e');
    expect(categoryColour('nonsense')).toBe('#6b7280');
  });
});

describe('placeExtracted', () => {
  const pos = { 'group:Server': { x: 300, y: 100 }, Sink: { x: 606, y: 100 }, Below: { x: 313, y: 280 } };
  const boxes: Box[] = [
    { x: 300, y: 100, w: GROUP_W, h: GROUP_H },
    { x: 606, y: 100, w: NODE_W, h: NODE_H },
  ];
  it('puts members under their group, one under the other, without covering anything', () => {
    const p = placeExtracted([{ name: 'S-1', group: 'group:Server' }, { name: 'S-2', group: 'group:Server' }], pos, boxes);
    expect(p['S-1']).toEqual({ x: 300 + (GROUP_W - NODE_W) / 2, y: 100 + GROUP_H + EXTRACTED_GAP_Y });
    expect(p['S-2'].x).toBe(p['S-1'].x);
    expect(p['S-2'].y).toBeGreaterThanOrEqual(p['S-1'].y + NODE_H + 16);
  });
  it('moves past a node in the way and keeps saved positions', () => {
    const withBelow = [...boxes, { x: 313, y: 240, w: NODE_W, h: NODE_H }];
    const p = placeExtracted([{ name: 'S-1', group: 'group:Server' }, { name: 'S-2', group: 'group:Server', x: 5, y: 6 }], pos, withBelow);
    expect(p['S-1'].y).toBeGreaterThanOrEqual(240 + NODE_H + 16);
    expect(p['S-2']).toEqual({ x: 5, y: 6 });
  });
  it('skips members whose group is not on the graph', () => {
    expect(placeExtracted([{ name: 'X', group: 'group:Gone' }], pos, boxes)).toEqual({});
  });
});

describe('run-time edges in the layout', () => {
  const farm: Topology = {
    nodes: [
      { id: 'Clients', type: 'Source', category: 'source' },
      { id: 'Balancer', type: 'LoadBalancer', category: 'router' },
      { id: 'group:Server', type: 'Server', category: 'queued_resource', is_group: true, member_count: 40 },
      { id: 'Sink', type: 'Sink', category: 'sink' },
    ],
    edges: [
      { source: 'Clients', target: 'Balancer', kind: 'data' },
      { source: 'Balancer', target: 'group:Server', kind: 'data' },
      { source: 'group:Server', target: 'Sink', kind: 'data' },
    ],
  };
  const back = { source: 'group:Server', target: 'Balancer', kind: 'data' };
  it('leaves out edges that run back against the flow', () => {
    expect(forwardEdges(farm.edges, [back])).toEqual([]);
    const fwd = { source: 'Clients', target: 'Sink', kind: 'data' };
    expect(forwardEdges(farm.edges, [fwd, back])).toEqual([fwd]);
    // a later edge that would close a cycle with an accepted one is left out too
    expect(forwardEdges([], [{ source: 'A', target: 'B', kind: 'data' }, { source: 'B', target: 'A', kind: 'data' }])).toEqual([{ source: 'A', target: 'B', kind: 'data' }]);
  });
  it('a load balancer feedback edge does not turn the picture around', async () => {
    const p = await layoutTopology(farm, [back]);
    expect(p.Clients.x).toBeLessThan(p.Balancer.x);
    expect(p.Balancer.x).toBeLessThan(p['group:Server'].x);
    expect(p['group:Server'].x).toBeLessThan(p.Sink.x);
    expect(p).toEqual(await layoutTopology(farm));
  });
});
