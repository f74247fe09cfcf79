import { describe, expect, it } from 'vitest';
import type { Topology } from '../api/types';
import { categoryColour, layoutTopology, PROBE_OFFSET_Y } from './graphLayout';

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
  it('colours by category', () => {
    expect(categoryColour('source')).toBe('#22c55e');
    expect(categoryColour('nonsense')).toBe('#6b7280');
  });
});
