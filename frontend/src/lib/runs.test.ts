import { describe, expect, it } from 'vitest';
import type { RunDetail, SummaryRow } from '../api/types';
import {
  alignPair, comparePair, describeChanged, difference, formatSummaryValue, groupRows, pastRunState, rerunOf, runLabel, togglePick,
} from './runs';

const row = (key: string, group: string, a: number | null, b: number | null): SummaryRow => ({ key, label: key, group, a, b, differs: a !== b });

describe('runs', () => {
  it('names the changed parameters, or says defaults', () => {
    expect(describeChanged({})).toBe('defaults');
    expect(describeChanged(undefined)).toBe('defaults');
    expect(describeChanged({ retries: 3, jitter: true })).toBe('retries=3, jitter=true');
    expect(runLabel({ id: 4, seed: 7, params_changed: {} })).toBe('run 4 (seed 7)');
    expect(runLabel({ id: 4, seed: 7, params_changed: { retries: 0 } })).toBe('run 4 (seed 7, retries=0)');
  });

  it('picks at most two runs, a second click unpicks, a third replaces the older pick', () => {
    expect(togglePick([], 3)).toEqual([3]);
    expect(togglePick([3], 5)).toEqual([3, 5]);
    expect(togglePick([3, 5], 3)).toEqual([5]);
    expect(togglePick([3, 5], 9)).toEqual([5, 9]);
    expect(comparePair([9, 5])).toEqual({ a: 5, b: 9 });
    expect(comparePair([9])).toBeNull();
  });

  it('aligns two series on the union of their times, null where a run has no sample', () => {
    const [xs, a, b] = alignPair({ times: [0, 1, 3], values: [10, 11, 13] }, { times: [1, 2, 3, 4], values: [21, 22, 23, 24] });
    expect(xs).toEqual([0, 1, 2, 3, 4]);
    expect(a).toEqual([10, 11, null, 13, null]);
    expect(b).toEqual([null, 21, 22, 23, 24]);
    expect(alignPair({ times: [], values: [] }, { times: [1], values: [5] })).toEqual([[1], [null], [5]]);
  });

  it('marks differences relative to the first run', () => {
    expect(difference(100, 112.5)).toBe('+13%');
    expect(difference(100, 97)).toBe('−3.0%');
    expect(difference(5, 5)).toBe('=');
    expect(difference(0, 2)).toBe('+∞');
    expect(difference(null, 2)).toBe('new');
    expect(difference(2, null)).toBe('gone');
    expect(difference(null, null)).toBe('');
  });

  it('groups summary rows in order and can keep only the different ones', () => {
    const rows = [row('events', 'run', 10, 12), row('time', 'run', 5, 5), row('sink:p99', 'sinks', 0.2, 0.3), row('total:dropped', 'totals', 0, 0)];
    expect(groupRows(rows).map((g) => [g.group, g.rows.length])).toEqual([['run', 2], ['sinks', 1], ['totals', 1]]);
    expect(groupRows(rows, true).map((g) => [g.group, g.rows.map((r) => r.key)])).toEqual([['run', ['events']], ['sinks', ['sink:p99']]]);
  });

  it('formats summary numbers', () => {
    expect(formatSummaryValue(123456)).toBe('123,456');
    expect(formatSummaryValue(0.123456)).toBe('0.1235');
    expect(formatSummaryValue(1234.5678)).toBe('1,234.6');
    expect(formatSummaryValue(null)).toBe('—');
  });

  it('shows a past run as a paused state with its final numbers, and re-runs it with the same values', () => {
    const run = {
      id: 3, scenario: 'bursty-mm1', title: 'Bursty', seed: 7, params: { burst_rate: 20 }, params_changed: {}, started_at: '', ended_at: '',
      time_reached_s: 60, events: 900, logs: 2, samples: 10, bytes: 1, current: false, time_unit: 's', end_time_s: 60,
      topology: { nodes: [], edges: [] }, charts: [], probes: [],
      state: { time_s: 60, events_processed: 900, is_complete: true, entities: { Sink: { events_received: 400 } } },
    } as unknown as RunDetail;
    const s = pastRunState(run);
    expect(s.time_s).toBe(60);
    expect(s.events_processed).toBe(900);
    expect(s.is_complete).toBe(true);
    expect(s.is_playing).toBe(false);
    expect(s.entities.Sink).toEqual({ events_received: 400 });
    expect(s.run_id).toBe(3);
    expect(rerunOf(run)).toEqual({ scenario: 'bursty-mm1', seed: 7, params: { burst_rate: 20 } });
  });
});
