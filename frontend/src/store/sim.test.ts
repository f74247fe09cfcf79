import { describe, expect, it } from 'vitest';
import type { RecordedEvent, SimState } from '../api/types';
import { applyServerMessage, applyStepResult, clearedForRestart, describeBreakpoint, describePause, initialSimStore, LIVE_CAP, type SimStore } from './sim';

const state = (over: Partial<SimState> = {}): SimState => ({
  time_s: 1, events_processed: 5, heap_size: 2, is_paused: true, is_running: true, is_complete: false,
  entities: {}, upcoming: [], end_time_s: 60, time_unit: 's', pause_reason: null, ...over,
});
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
  it('ends play on completion or a loop-ending pause reason, not on batch ends', () => {
    const s: SimStore = { ...initialSimStore, playMode: 'play' };
    expect(applyStepResult(s, { state: state({ pause_reason: { kind: 'step_done', breakpoint_id: null } }) }).playMode).toBeUndefined();
    expect(applyStepResult(s, { state: state({ pause_reason: { kind: 'run_to_reached', breakpoint_id: null } }) }).playMode).toBeUndefined();
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
  it('follows the server unless a local action is fresh', () => {
    const idle: SimStore = { ...initialSimStore, state: state() };
    expect(applyStepResult(idle, { state: state({ is_playing: true, events_processed: 9 }) }).playMode).toBe('play');
    expect(applyStepResult(idle, { state: state({ is_playing: true, events_processed: 9 }) }, false).playMode).toBeUndefined();
    const playing: SimStore = { ...idle, playMode: 'debug' };
    expect(applyStepResult(playing, { state: state({ is_playing: false }) }).playMode).toBeNull();
    expect(applyStepResult(playing, { state: state({ is_playing: true }) }).playMode).toBeUndefined();
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
  it('says why the run stopped', () => {
    const bps = [{ id: 'x1', kind: 'time' as const, time_s: 5, one_shot: true }];
    expect(describePause(state({ pause_reason: { kind: 'breakpoint', breakpoint_id: 'x1' } }), bps, null)).toBe('Stopped at breakpoint x1: time ≥ 5s');
    expect(describePause(state({ is_complete: true }), [], null)).toBe('Complete');
    expect(describePause(state({ pause_reason: { kind: 'step_done', breakpoint_id: null } }), [], null)).toBe('Paused after step');
    expect(describePause(state(), [], null)).toBeNull();
  });
});
