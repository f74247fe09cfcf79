import { describe, expect, it } from 'vitest';
import { applySparkMode, compactSplits, flowDuration, keyMetrics, nextSparkMode, numericKeys, sanitizeFileName, seriesToCsv, toBucketed, toPlotData, toRate, yRange } from './transforms';

describe('sparkline transforms', () => {
  const counter = { times: [0, 1, 2, 2, 4], values: [0, 10, 30, 30, 34] };
  it('rate = differences over dt at midpoints, skipping dt = 0', () => {
    expect(toRate(counter)).toEqual({ times: [0.5, 1.5, 3], values: [10, 20, 2] });
  });
  it('buckets from the first time, centre points, mean and p99', () => {
    const s = { times: [10, 10.2, 10.9, 11.5, 13.1], values: [1, 2, 3, 10, 5] };
    expect(toBucketed(s, 1, 'avg')).toEqual({ times: [10.5, 11.5, 13.5], values: [2, 10, 5] });
    expect(toBucketed(s, 1, 'p99')).toEqual({ times: [10.5, 11.5, 13.5], values: [3, 10, 5] });
  });
  it('p99 of 200 values is the 198th smallest', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    const times = values.map((_, i) => i * 0.001);
    expect(toBucketed({ times, values }, 1, 'p99').values).toEqual([198]);
  });
  it('cycles modes and applies them', () => {
    expect(nextSparkMode('total')).toBe('rate');
    expect(nextSparkMode('p99')).toBe('total');
    expect(applySparkMode(counter, 'total')).toBe(counter);
    expect(applySparkMode({ times: [], values: [] }, 'avg')).toEqual({ times: [], values: [] });
  });
});

describe('edge flow', () => {
  it('is idle without a rate and faster with more', () => {
    expect(flowDuration(0)).toBeNull();
    expect(flowDuration(undefined)).toBeNull();
    expect(flowDuration(1)).toBe(5.5);
    expect(flowDuration(10)).toBe(3);
    expect(flowDuration(1000)).toBe(1.5);
  });
});

describe('export', () => {
  it('writes CSV in the display unit', () => {
    expect(seriesToCsv({ times: [60, 120], values: [1, 2.5] }, 'Queue Depth', 'min')).toBe('Time (min),Queue Depth\n1,1\n2,2.5\n');
    expect(seriesToCsv({ times: [], values: [] }, 'a,b', 's')).toBe('Time (s),"a,b"\n');
  });
  it('sanitises file names', () => {
    expect(sanitizeFileName('P99 Queue Depth')).toBe('P99_Queue_Depth');
    expect(sanitizeFileName('Server.depth')).toBe('Server.depth');
    expect(sanitizeFileName('///')).toBe('chart');
  });
});

describe('plot helpers', () => {
  it('converts to the display unit', () => {
    expect(toPlotData({ times: [3600, 7200], values: [1, 2] }, 'h')).toEqual([[1, 2], [1, 2]]);
  });
  it('picks key metrics', () => {
    expect(keyMetrics({ depth: 3, accepted: 10, dropped: 0 })).toEqual([['depth', 3], ['accepted', 10]]);
    expect(keyMetrics({ name: 'Router' })).toEqual([['name', 'Router']]);
    expect(keyMetrics({ state: 'open', state_level: 2, rejected: 5 })).toEqual([['state', 'open'], ['state_level', 2]]);
    expect(keyMetrics({ latest: null, backends: { a: 1 }, in_effect: ['x'], active: 1, activated: 3 }))
      .toEqual([['active', 1], ['activated', 3]]);
    expect(numericKeys({ metric: 'depth', samples: 3, latest: null })).toEqual(['samples']);
  });
  it('computes y ranges including 0 and honouring fixed bounds', () => {
    expect(yRange([], null, null)).toEqual([0, 1.05]);
    expect(yRange([2, 4], 0, 10)).toEqual([0, 10]);
    expect(yRange([0, 0, 0], null, null)).toEqual([0, 1.05]);
    const [lo, hi] = yRange([-1, 4], null, null);
    expect(lo).toBe(-1);
    expect(hi).toBeCloseTo(4.25);
  });
});

describe('compactSplits', () => {
  it('labels the bottom of the range and the data maximum', () => {
    expect(compactSplits([0, 3, 660, 12], null)).toEqual([0, 660]);
    expect(compactSplits([5, 7], null)).toEqual([0, 7]);
    expect(compactSplits([-2, 4], null)).toEqual([-2, 4]);
    expect(compactSplits([0, 0, 0], null)).toEqual([0]);
    expect(compactSplits([], null)).toEqual([0]);
  });
});
