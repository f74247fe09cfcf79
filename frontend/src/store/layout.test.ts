import { describe, expect, it } from 'vitest';
import type { ChartConfig } from '../api/types';
import {
  addProbePanel, defaultLayout, extractEntity, loadLayout, moveExtracted, probeQuery, removePanel, returnToGroup, saveLayout, seedCharts,
  setProbeTransform, storageKey, type KV, type ProbeTransform,
} from './layout';

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
  it('adds further panels of one probe when asked, each with its own id, slot and transform', () => {
    let l = addProbePanel(defaultLayout, 'P', 'S.depth');
    l = addProbePanel(l, 'P', 'S.depth', true);
    l = addProbePanel(l, 'P', 'S.depth', true);
    expect(l.panels.map((p) => p.id)).toEqual(['probe:P', 'probe:P#2', 'probe:P#3']);
    expect(new Set(l.grid.map((g) => `${g.x},${g.y}`)).size).toBe(3);
    l = setProbeTransform(l, 'probe:P#2', 'p99');
    expect(l.panels.map((p) => (p as ProbeTransform).transform)).toEqual([undefined, 'p99', undefined]);
    l = removePanel(l, 'probe:P#2');
    l = addProbePanel(l, 'P', 'S.depth', true);
    expect(l.panels.map((p) => p.id)).toEqual(['probe:P', 'probe:P#3', 'probe:P#2']);
    expect(l.panels.every((p) => p.kind === 'probe' && p.probe === 'P')).toBe(true);
  });
});

describe('probe panel transforms', () => {
  it('sets, persists and clears a transform and window', () => {
    const kv = memory();
    let l = addProbePanel(defaultLayout, 'P', 'S.depth');
    expect(probeQuery(l.panels[0] as ProbeTransform)).toEqual({});
    l = setProbeTransform(l, 'probe:P', 'p99');
    expect(l.panels[0]).toMatchObject({ transform: 'p99', window_s: 1 });
    expect(probeQuery(l.panels[0] as ProbeTransform)).toEqual({ transform: 'p99', window_s: 1 });
    l = setProbeTransform(l, 'probe:P', 'p99', 0.5);
    l = setProbeTransform(l, 'probe:P', 'max'); // keeps the window
    expect(probeQuery(l.panels[0] as ProbeTransform)).toEqual({ transform: 'max', window_s: 0.5 });
    saveLayout(kv, 's', l);
    expect(loadLayout(kv, 's').panels[0]).toEqual(l.panels[0]);
    l = setProbeTransform(l, 'probe:P', 'raw');
    expect(l.panels[0]).toEqual({ id: 'probe:P', kind: 'probe', probe: 'P', title: 'S.depth' });
  });
  it('ignores a bad window and leaves chart panels alone', () => {
    let l = seedCharts(addProbePanel(defaultLayout, 'P', 'S.depth'), [chart('a')]);
    l = setProbeTransform(l, 'probe:P', 'mean', -3);
    expect(l.panels[0]).toMatchObject({ transform: 'mean', window_s: 1 });
    expect(setProbeTransform(l, 'chart:a', 'p99').panels[1]).toEqual(l.panels[1]);
  });
  it('reads a saved transform defensively', () => {
    const kv = memory();
    kv.setItem(storageKey('x'), JSON.stringify({ panels: [
      { id: 'probe:A', kind: 'probe', probe: 'A', title: 'A', transform: 'p42', window_s: 1 },
      { id: 'probe:B', kind: 'probe', probe: 'B', title: 'B', transform: 'p999', window_s: 'x' },
      { id: 'probe:C', kind: 'probe', probe: 'C', title: 'C', transform: 'rate', window_s: 10 },
    ] }));
    expect(loadLayout(kv, 'x').panels).toEqual([
      { id: 'probe:A', kind: 'probe', probe: 'A', title: 'A' },
      { id: 'probe:B', kind: 'probe', probe: 'B', title: 'B', transform: 'p999', window_s: 1 },
      { id: 'probe:C', kind: 'probe', probe: 'C', title: 'C', transform: 'rate', window_s: 10 },
    ]);
  });
});

describe('extracted group members', () => {
  it('extracts once, moves, persists per scenario and returns to the group', () => {
    const kv = memory();
    let l = extractEntity(defaultLayout, 'Server-07', 'group:Server');
    l = extractEntity(l, 'Server-07', 'group:Server');
    l = extractEntity(l, 'Server-12', 'group:Server');
    expect(l.extracted.map((e) => e.name)).toEqual(['Server-07', 'Server-12']);
    l = moveExtracted(l, 'Server-12', 10, 20);
    saveLayout(kv, 'server-farm', l);
    expect(loadLayout(kv, 'server-farm').extracted).toEqual([{ name: 'Server-07', group: 'group:Server' }, { name: 'Server-12', group: 'group:Server', x: 10, y: 20 }]);
    expect(loadLayout(kv, 'bursty-mm1').extracted).toEqual([]);
    l = returnToGroup(l, 'Server-07');
    expect(l.extracted.map((e) => e.name)).toEqual(['Server-12']);
    expect(returnToGroup(l, 'nope')).toBe(l);
  });
  it('drops unreadable entries', () => {
    const kv = memory();
    kv.setItem(storageKey('y'), JSON.stringify({ extracted: [null, { name: 'A' }, { name: 'B', group: 'g', x: 'no', y: 1 }] }));
    expect(loadLayout(kv, 'y').extracted).toEqual([{ name: 'B', group: 'g' }]);
  });
});
