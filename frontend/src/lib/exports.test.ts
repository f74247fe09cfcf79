import { describe, expect, it } from 'vitest';
import { chartCsv, partialBuckets, pngCaptions, type ExportContext } from './exports';

const ctx = (over: Partial<ExportContext> = {}): ExportContext => ({
  title: 'P99 Queue Depth', series: 'probe Probe_Server_depth', yLabel: 'items', transform: 'p99', window_s: 1,
  range: { start_s: null, end_s: null }, now_s: 5.5, unit: 's', scenario: 'bursty-mm1', ...over,
});

describe('exports say what they are', () => {
  it('marks the edge buckets a range or the end of the run cuts short, and only those', () => {
    const s = { times: [0, 1, 2, 3, 4, 5], values: [1, 2, 3, 4, 5, 6] };
    expect(partialBuckets(s, ctx())).toEqual([false, false, false, false, false, true]);
    const cut = { times: [2, 3, 4], values: [1, 1, 1] };
    expect(partialBuckets(cut, ctx({ range: { start_s: 2.5, end_s: 4.5 } }))).toEqual([true, false, true]);
    expect(partialBuckets(cut, ctx({ range: { start_s: 2, end_s: 5 } }))).toEqual([false, false, false]);
    expect(partialBuckets(s, ctx({ transform: 'raw', window_s: null }))).toEqual(s.times.map(() => false));
  });
  it('a CSV opens with its title, series, transform, window and range, then the points with the partial column', () => {
    const csv = chartCsv({ times: [2, 3, 4], values: [7, 8, 9] }, ctx({ range: { start_s: 2.5, end_s: null } })).trim().split('\n');
    expect(csv.slice(0, 7)).toEqual([
      '# P99 Queue Depth',
      '# series: probe Probe_Server_depth (model bursty-mm1)',
      '# transform: p99 over 1s buckets (a point per bucket, at its start)',
      '# window: 1s',
      '# range: 2.5s – now (5.5s)',
      '# exported at simulated time 5.5s; 3 points',
      '# partial: "partial" marks a bucket the range or the end of the run so far cuts short (its value covers part of the window)',
    ]);
    expect(csv.slice(7)).toEqual(['Time (s),items (p99),partial', '2,7,partial', '3,8,', '4,9,']);
  });
  it('a raw CSV and a run shown in hours', () => {
    const csv = chartCsv({ times: [3600, 7200], values: [1, 2] }, ctx({ transform: 'raw', window_s: null, unit: 'h', now_s: 7200 })).trim().split('\n');
    expect(csv).toContain('# transform: raw samples');
    expect(csv).toContain('# window: none');
    expect(csv.slice(-3)).toEqual(['Time (h),items', '1,1', '2,2']);
  });
  it('a PNG is titled, and says its series, transform, axes and range', () => {
    expect(pngCaptions(ctx({ range: { start_s: 10, end_s: 20 } }))).toEqual({
      title: 'P99 Queue Depth',
      subtitle: 'probe Probe_Server_depth · p99 over 1s buckets (a point per bucket, at its start)',
      footer: 'x: Time (s) · y: items (p99) · range 10s – 20s · model bursty-mm1',
    });
  });
});
