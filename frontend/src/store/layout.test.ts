import { describe, expect, it } from 'vitest';
import type { ChartConfig } from '../api/types';
import { addProbePanel, defaultLayout, loadLayout, removePanel, saveLayout, seedCharts, storageKey, type KV } from './layout';

const chart = (id: string, title = id): ChartConfig => ({ chart_id: id, title, y_label: '', x_label: '', color: '#3b82f6', transform: 'raw', window_s: 1, y_min: null, y_max: null });

function memory(): KV & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('layout persistence', () => {
  it('round-trips per scenario', () => {
    const kv = memory();
    const l = addProbePanel(seedCharts(defaultLayout, [chart('a')]), 'Probe_Server_depth', 'Server.depth');
    saveLayout(kv, 'bursty-mm1', l);
    expect(loadLayout(kv, 'bursty-mm1')).toEqual(l);
    expect(loadLayout(kv, 'chash')).toEqual(defaultLayout);
    expect([...kv.data.keys()]).toEqual([storageKey('bursty-mm1')]);
  });
  it('survives garbage', () => {
    const kv = memory();
    kv.setItem(storageKey('x'), '{not json');
    expect(loadLayout(kv, 'x')).toEqual(defaultLayout);
    kv.setItem(storageKey('x'), JSON.stringify({ mainView: 'nope', rightWidth: 10, panels: [null, { id: 'p', kind: 'probe', probe: 'P', title: 'P' }] }));
    const l = loadLayout(kv, 'x');
    expect(l.mainView).toBe('graph');
    expect(l.rightWidth).toBe(defaultLayout.rightWidth);
    expect(l.panels.length).toBe(1);
  });
});

describe('dashboard panels', () => {
  it('seeds predefined charts three to a row and switches to the dashboard once', () => {
    const l = seedCharts(defaultLayout, [chart('a'), chart('b'), chart('c'), chart('d')]);
    expect(l.panels.map((p) => p.id)).toEqual(['chart:a', 'chart:b', 'chart:c', 'chart:d']);
    expect(l.grid.map((g) => [g.x, g.y, g.w, g.h])).toEqual([[0, 0, 4, 4], [4, 0, 4, 4], [8, 0, 4, 4], [0, 4, 4, 4]]);
    expect(l.mainView).toBe('dashboard');
    const user = { ...l, mainView: 'graph' as const };
    expect(seedCharts(user, [chart('a'), chart('b'), chart('c'), chart('d')])).toBe(user);
  });
  it('keeps a closed predefined chart closed', () => {
    let l = seedCharts(defaultLayout, [chart('a'), chart('b')]);
    l = removePanel(l, 'chart:a');
    l = seedCharts(l, [chart('a'), chart('b')]);
    expect(l.panels.map((p) => p.id)).toEqual(['chart:b']);
  });
  it('adds a probe panel once', () => {
    let l = addProbePanel(defaultLayout, 'P', 'S.depth');
    l = addProbePanel(l, 'P', 'S.depth');
    expect(l.panels.length).toBe(1);
    expect(l.grid[0]).toEqual({ i: 'probe:P', x: 0, y: 0, w: 4, h: 4 });
  });
});
