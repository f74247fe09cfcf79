import { describe, expect, it } from 'vitest';
import type { SimState } from '../api/types';
import { isSettled, refreshSignature } from './hooks';

const state = (over: Partial<SimState> = {}): SimState => ({
  time_s: 1, events_processed: 5, heap_size: 2, is_paused: true, is_running: true, is_complete: false,
  entities: {}, upcoming: [], end_time_s: 60, time_unit: 's', pause_reason: null, is_playing: false, ...over,
});

describe('refresh on a stop', () => {
  it('a stop is a state with a pause reason or a complete run, not while a loop plays', () => {
    expect(isSettled(null)).toBe(false);
    expect(isSettled(state())).toBe(false); // fresh at t = 0
    expect(isSettled(state({ pause_reason: { kind: 'step_done', breakpoint_id: null } }))).toBe(true);
    expect(isSettled(state({ pause_reason: { kind: 'breakpoint', breakpoint_id: 'bp-1' } }))).toBe(true);
    expect(isSettled(state({ is_complete: true }))).toBe(true);
    expect(isSettled(state({ is_playing: true, pause_reason: null }))).toBe(false);
  });
  it('the signature changes when the run stops without processing another event', () => {
    const playing = state({ events_processed: 900, is_playing: true });
    const paused = state({ events_processed: 900, pause_reason: { kind: 'pause_requested', breakpoint_id: null } });
    expect(refreshSignature(playing)).not.toBe(refreshSignature(paused));
    expect(refreshSignature(playing)).toBe(refreshSignature({ ...playing, time_s: 3 }));
    expect(refreshSignature(state({ events_processed: 901, is_playing: true }))).not.toBe(refreshSignature(playing));
  });
});
