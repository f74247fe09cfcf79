import { describe, expect, it } from 'vitest';
import type { RecordedEvent, SimState } from '../api/types';
import { applyOlderUpdate, applyServerMessage, applyStepResult, clearedForRestart, describeBreakpoint, describePause, describeRun, initialSimStore, LIVE_CAP, type SimStore } from './sim';

const state = (over: Partial<SimState> = {}): SimState => ({
  time_s: 1, events_processed: 5, heap_size: 2, is_paused: true, is_running: true, is_complete: false,
  entities: {}, upcoming: [], end_time_s: 60, time_unit: 's', pause_reason: null, ...over,
});
const progressOf = (kind: string): NonNullable<SimState['progress']> => ({
  kind, speed: 0, target: null, from_time_s: 0, from_events: 0, events_per_s: 1, sim_seconds_per_s: 1,
} as NonNullable<SimState['progress']>);
const ev = (id: number): RecordedEvent => ({ event_id: id, time_s: id / 10, event_type: 'Request', target_name: 'Server', source_name: 'Source', is_internal: false });

describe('applyStepResult', () => {
  it('appends live rows up to the cap and adds dropped counts', () => {
    let s: SimStore = { ...initialSimStore };
    const many = Array.from({ length: LIVE_CAP + 10 }, (_, i) => ev(i + 1));
    s = { ...s, ...applyStepResult(s, { state: state(), new_events: many, new_logs: [], new_edges: [], dropped_events: 7 }) };
    expect(s.liveEvents.length).toBe(LIVE_CAP);
    expect(s.liveEvents[0].event_id).toBe(11);
    expect(s.droppedEvents).toBe(7);
  });
  it('keeps edge stats when an update has none, replaces them when it has', () => {
    let s: SimStore = { ...initialSimStore, edgeStats: { 'a->b': { source: 'a', target: 'b', count: 1, rate: 1 } } };
    s = { ...s, ...applyStepResult(s, { state: state() }) };
    expect(Object.keys(s.edgeStats)).toEqual(['a->b']);
    s = { ...s, ...applyStepResult(s, { state: state(), edge_stats: {} }) };
    expect(s.edgeStats).toEqual({});
  });
  it('adds only runtime edges the topology lacks', () => {
    let s: SimStore = { ...initialSimStore, topology: { nodes: [], edges: [{ source: 'A', target: 'B', kind: 'data' }] } };
    s = { ...s, ...applyStepResult(s, { state: state(), new_edges: [{ source: 'A', target: 'B', kind: 'data' }, { source: 'B', target: 'C', kind: 'data' }] }) };
    expect(s.runtimeEdges).toEqual([{ source: 'B', target: 'C', kind: 'data' }]);
    s = { ...s, ...applyStepResult(s, { state: state(), new_edges: [{ source: 'B', target: 'C', kind: 'data' }] }) };
    expect(s.runtimeEdges.length).toBe(1);
  });
  it('ends play or a run-to on completion or a loop-ending pause reason, not on a step\'s end', () => {
    const s: SimStore = { ...initialSimStore, playMode: 'play' };
    expect(applyStepResult(s, { state: state({ pause_reason: { kind: 'step_done', breakpoint_id: null } }) }).playMode).toBeUndefined();
    const run: SimStore = { ...initialSimStore, playMode: 'run' };
    expect(applyStepResult(run, { state: state({ pause_reason: { kind: 'run_to_reached', breakpoint_id: null } }) }).playMode).toBeNull();
    expect(applyStepResult(s, { state: state({ is_complete: true }) }).playMode).toBeNull();
    expect(applyStepResult(s, { state: state({ pause_reason: { kind: 'pause_requested', breakpoint_id: null } }) }).playMode).toBeNull();
  });
});

describe('a reset seen from elsewhere', () => {
  it('clears the views when the run goes backwards or the model changes', () => {
    const s: SimStore = { ...initialSimStore, state: state({ events_processed: 500, scenario: 'a' }), liveEvents: [ev(1)], epoch: 2, selected: 'Server' };
    const back = applyStepResult(s, { state: state({ events_processed: 0, time_s: 0, scenario: 'a' }), new_events: [] });
    expect(back.epoch).toBe(3);
    expect(back.liveEvents).toEqual([]);
    expect(back.selected).toBeNull();
    const other = applyStepResult(s, { state: state({ events_processed: 900, scenario: 'b' }), new_events: [ev(2)] });
    expect(other.epoch).toBe(3);
    expect(other.liveEvents).toEqual([ev(2)]);
    const forward = applyStepResult(s, { state: state({ events_processed: 501, scenario: 'a' }), new_events: [ev(2)] });
    expect(forward.epoch).toBeUndefined();
    expect(forward.liveEvents).toEqual([ev(1), ev(2)]);
  });
});

describe('is_playing', () => {
  it('follows the server when the caller believes the state, and keeps the page\'s mode when not', () => {
    const idle: SimStore = { ...initialSimStore, state: state() };
    expect(applyStepResult(idle, { state: state({ is_playing: true, events_processed: 9 }) }).playMode).toBe('play');
    expect(applyStepResult(idle, { state: state({ is_playing: true, events_processed: 9, progress: progressOf('debug') }) }).playMode).toBe('debug');
    expect(applyStepResult(idle, { state: state({ is_playing: true, events_processed: 9, progress: progressOf('run_to_event') }) }).playMode).toBe('run');
    expect(applyStepResult(idle, { state: state({ is_playing: true, events_processed: 9 }) }, false).playMode).toBeUndefined();
    const playing: SimStore = { ...idle, playMode: 'debug' };
    expect(applyStepResult(playing, { state: state({ is_playing: false }) }).playMode).toBeNull();
    expect(applyStepResult(playing, { state: state({ is_playing: false, pause_reason: { kind: 'breakpoint', breakpoint_id: 'b' } }) }, false).playMode).toBeUndefined();
  });
  it('a new run id is a new run even at the same count (another tab restarted and stepped as far)', () => {
    const s: SimStore = { ...initialSimStore, state: state({ events_processed: 5, run_id: 1 }), liveEvents: [ev(1)] };
    const next = applyStepResult(s, { state: state({ events_processed: 5, run_id: 2 }), new_events: [ev(5)] });
    expect(next.liveEvents).toEqual([ev(5)]);
    expect(next.epoch).toBe(s.epoch + 1);
  });
  it('an older update adds its live events but not its state', () => {
    const s: SimStore = { ...initialSimStore, state: state({ events_processed: 9, seq: 7 }), liveEvents: [ev(1)] };
    const next = applyOlderUpdate(s, { state: state({ events_processed: 2, seq: 5 }), new_events: [ev(2)], edge_stats: {} });
    expect(next.state).toBe(s.state);
    expect(next.liveEvents).toEqual([ev(1), ev(2)]);
    expect(next.edgeStats).toBeUndefined();
    expect(next.playMode).toBeUndefined();
  });
});

describe('applyServerMessage', () => {
  it('stops playing on breakpoint_hit and remembers which one fired', () => {
    const s: SimStore = { ...initialSimStore, playMode: 'debug' };
    const bp = { id: 'b1', kind: 'metric' as const, entity: 'Server', metric: 'depth', operator: 'gt' as const, threshold: 5, one_shot: false };
    const out = applyServerMessage(s, { type: 'breakpoint_hit', breakpoint: bp }, 42);
    expect(out.playMode).toBeNull();
    expect(out.lastBreakpoint).toBe(bp);
    expect(out.notice).toEqual({ kind: 'breakpoint', text: 'Breakpoint hit: Server.depth > 5', at: 42 });
  });
  it('takes the breakpoints every tab sees, and the ones a change of model dropped', () => {
    const bp = { id: 'bp-1', kind: 'time' as const, time_s: 5, one_shot: true };
    const s: SimStore = { ...initialSimStore, state: state({ scenario: 'b' }) };
    const out = applyServerMessage(s, { type: 'breakpoints', breakpoints: [bp], dropped: [] });
    expect(out.breakpoints).toEqual([bp]);
    expect(out.droppedBreakpoints).toBeUndefined();
    const gone = { id: 'bp-2', kind: 'metric' as const, entity: 'Sink', metric: 'n', operator: 'gt' as const, threshold: 1, one_shot: false, reason: 'no Sink' };
    expect(applyServerMessage(s, { type: 'breakpoints', breakpoints: [bp], dropped: [gone] }).droppedBreakpoints).toEqual({ items: [gone] });
  });
  it('surfaces errors', () => {
    expect(applyServerMessage(initialSimStore, { type: 'error', message: 'cannot step' }, 1).notice?.text).toBe('cannot step');
  });
});

describe('restart', () => {
  it('clears the views and bumps the epoch', () => {
    const s: SimStore = { ...initialSimStore, liveEvents: [ev(1)], selected: 'Server', playMode: 'play', epoch: 3, timeRange: { start_s: 1, end_s: 2 } };
    const out = clearedForRestart(s, state({ time_s: 0, events_processed: 0 }));
    expect(out.liveEvents).toEqual([]);
    expect(out.selected).toBeNull();
    expect(out.playMode).toBeNull();
    expect(out.epoch).toBe(4);
    expect(out.timeRange).toEqual({ start_s: null, end_s: null });
  });
});

describe('descriptions', () => {
  it('describes every breakpoint kind', () => {
    expect(describeBreakpoint({ id: 'a', kind: 'time', time_s: 30, one_shot: true })).toBe('time ≥ 30s');
    expect(describeBreakpoint({ id: 'a', kind: 'event_count', count: 100, one_shot: true })).toBe('event # ≥ 100');
    expect(describeBreakpoint({ id: 'a', kind: 'event_type', event_type: 'Response', one_shot: false })).toBe('event type = Response');
  });
  it('says why the run stopped and where: two stops at one breakpoint never read the same', () => {
    const bps = [{ id: 'x1', kind: 'time' as const, time_s: 5, one_shot: true }];
    expect(describePause(state({ pause_reason: { kind: 'breakpoint', breakpoint_id: 'x1' }, events_processed: 168, time_s: 1.4 }), bps, null))
      .toBe('Stopped at breakpoint x1 (time ≥ 5s) — event #168 at 1.4000s');
    expect(describePause(state({ pause_reason: { kind: 'breakpoint', breakpoint_id: 'x1' }, events_processed: 1204, time_s: 6.1 }), bps, null))
      .toBe('Stopped at breakpoint x1 (time ≥ 5s) — event #1,204 at 6.1000s');
    expect(describePause(state({ is_complete: true, events_processed: 5976, time_s: 60 }), [], null)).toBe('Complete: 5,976 events, 60.00s');
    expect(describePause(state({ pause_reason: { kind: 'step_done', breakpoint_id: null } }), [], null)).toBe('Paused after a step — event #5 at 1.0000s');
    expect(describePause(state({ time_s: 5400, pause_reason: { kind: 'pause_requested', breakpoint_id: null } }), [], null, 'h')).toBe('Paused by request — event #5 at 1.5000h');
    expect(describePause(state(), [], null)).toBeNull();
  });
  it('shows a run-to\'s target, progress and rate, and a play\'s rate', () => {
    const progress = { kind: 'run_to_event' as const, speed: 0, target: { time_s: null, event_number: 8_000_000 }, from_time_s: 0, from_events: 0,
      events_per_s: 1_234_567, sim_seconds_per_s: 12_300 };
    expect(describeRun(state({ is_playing: true, events_processed: 2_000_000, progress }))).toBe('Running to event #8,000,000: #2,000,000 (25%) · 1.2M events/s · 12k sim s/s');
    const toTime = { ...progress, kind: 'run_to_time' as const, target: { time_s: 7200, event_number: null }, from_time_s: 3600 };
    expect(describeRun(state({ is_playing: true, time_s: 5400, progress: toTime }), 'h')).toBe('Running to 2.00h: 1.50h (50%) · 1.2M events/s · 12k sim s/s');
    expect(describeRun(state({ is_playing: true, progress: { ...progress, kind: 'play', target: null } }))).toBe('Playing at max speed · 1.00s · 1.2M events/s · 12k sim s/s');
    expect(describeRun(state({ is_playing: false, progress }))).toBeNull();
  });
});
