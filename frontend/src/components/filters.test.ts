import { describe, expect, it } from 'vitest';
import type { RecordedEvent, RecordedLog } from '../api/types';
import { matchesEvent } from './EventLog';
import { matchesLog } from './SimLog';

const ev: RecordedEvent = { event_id: 42, time_s: 3.5, event_type: 'Request', target_name: 'Server', source_name: 'Source', is_internal: false, context: { request_id: 'abc-7' } };

describe('live event filters (same meaning as the server\'s)', () => {
  it('combines type, entity, time, internal and text', () => {
    expect(matchesEvent(ev, {})).toBe(true);
    expect(matchesEvent(ev, { event_type: ['Response'] })).toBe(false);
    expect(matchesEvent(ev, { event_type: ['Response', 'Request'] })).toBe(true);
    expect(matchesEvent(ev, { entity: 'Source' })).toBe(true);
    expect(matchesEvent(ev, { entity: 'Sink' })).toBe(false);
    expect(matchesEvent(ev, { time_min: 3.5, time_max: 3.5 })).toBe(true);
    expect(matchesEvent(ev, { time_min: 4 })).toBe(false);
    expect(matchesEvent({ ...ev, is_internal: true }, { exclude_internal: true })).toBe(false);
    expect(matchesEvent(ev, { search: 'ABC-7' })).toBe(true);
    expect(matchesEvent(ev, { search: '42' })).toBe(true);
    expect(matchesEvent(ev, { search: 'nope' })).toBe(false);
  });
});

describe('live log filters', () => {
  const log: RecordedLog = { log_id: 1, time_s: 2, wall_time: '12:00:00.000', level: 'WARNING', logger_name: 'core.simulation', message: 'Simulation paused' };
  it('keeps lines at or above the minimum level', () => {
    expect(matchesLog(log, { min_level: 'INFO' })).toBe(true);
    expect(matchesLog(log, { min_level: 'WARNING' })).toBe(true);
    expect(matchesLog(log, { min_level: 'ERROR' })).toBe(false);
    expect(matchesLog({ ...log, level: 'DEBUG' }, { min_level: 'INFO' })).toBe(false);
  });
  it('filters by logger and text', () => {
    expect(matchesLog(log, { logger: 'simulation' })).toBe(true);
    expect(matchesLog(log, { logger: 'heap' })).toBe(false);
    expect(matchesLog(log, { search: 'PAUSED' })).toBe(true);
    expect(matchesLog({ ...log, time_s: null }, { time_min: 1 })).toBe(false);
  });
});
