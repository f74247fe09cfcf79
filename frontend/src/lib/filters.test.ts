import { describe, expect, it } from 'vitest';
import type { EventFilters, LogFilters, RecordedEvent, RecordedLog } from '../api/types';
import table from '../../../src/test/resources/io/happysim/visual/filter-cases.json';
import { hasField, matchesEvent, matchesLog, splitSearch } from './filters';

/** A stored event of the table as the live view holds it: time in seconds, the context parsed from the wire. */
function wireEvent(e: (typeof table.events)[number]): RecordedEvent {
  return {
    event_id: e.id, time_s: e.time_ns / 1e9, event_type: e.type, target_name: e.target, source_name: e.source,
    is_internal: e.internal, ...(e.context ? { context: JSON.parse(e.context) } : {}),
  };
}

function wireLog(l: (typeof table.logs)[number]): RecordedLog {
  return {
    log_id: l.id, time_s: l.time_ns === null ? null : l.time_ns / 1e9, wall_time: l.wall_time,
    level: l.level as RecordedLog['level'], logger_name: l.logger, message: l.message,
  };
}

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

  const events = table.events.map(wireEvent);
  for (const c of table.eventCases) {
    it(`keeps what the store keeps: ${c.title}`, () => {
      expect(events.filter((e) => matchesEvent(e, c.filter as EventFilters)).map((e) => e.event_id)).toEqual(c.expect);
    });
  }
});

describe('live log filters (same meaning as the server\'s)', () => {
  const log: RecordedLog = { log_id: 1, time_s: 2, wall_time: '12:00:00.000', level: 'WARNING', logger_name: 'core.simulation', message: 'Simulation paused' };
  it('keeps lines at or above the minimum level', () => {
    expect(matchesLog(log, { min_level: 'INFO' })).toBe(true);
    expect(matchesLog(log, { min_level: 'WARNING' })).toBe(true);
    expect(matchesLog(log, { min_level: 'ERROR' })).toBe(false);
    expect(matchesLog({ ...log, level: 'DEBUG' }, { min_level: 'INFO' })).toBe(false);
  });
  it('filters by logger (itself and its descendants) and text', () => {
    expect(matchesLog(log, { logger: 'core' })).toBe(true);
    expect(matchesLog(log, { logger: 'simulation' })).toBe(false);
    expect(matchesLog(log, { logger: 'heap' })).toBe(false);
    expect(matchesLog(log, { search: 'PAUSED' })).toBe(true);
    expect(matchesLog({ ...log, time_s: null }, { time_min: 1 })).toBe(false);
  });

  const logs = table.logs.map(wireLog);
  for (const c of table.logCases) {
    it(`keeps what the store keeps: ${c.title}`, () => {
      expect(logs.filter((l) => matchesLog(l, c.filter as LogFilters)).map((l) => l.log_id)).toEqual(c.expect);
    });
  }
});

describe('structured search in the search box', () => {
  it('splits name=value tokens from the free text', () => {
    expect(splitSearch('request_id=42')).toEqual({ text: '', fields: ['request_id=42'] });
    expect(splitSearch('Server request_id=42 attempt=2')).toEqual({ text: 'Server', fields: ['request_id=42', 'attempt=2'] });
    expect(splitSearch('note="naïve café" x')).toEqual({ text: 'x', fields: ['note=naïve café'] });
    expect(splitSearch('metadata.key=client-3')).toEqual({ text: '', fields: ['metadata.key=client-3'] });
    expect(splitSearch('"request_id":42,')).toEqual({ text: '"request_id":42,', fields: [] });
    expect(splitSearch('a == b =x 1=2')).toEqual({ text: 'a == b =x 1=2', fields: [] });
  });
  it('matches a field by its exact value', () => {
    const ctx = { request_id: 42, id: '7', metadata: { key: 'client-3' }, ok: true, why: null };
    expect(hasField(ctx, 'request_id=42')).toBe(true);
    expect(hasField(ctx, 'request_id=4')).toBe(false);
    expect(hasField(ctx, 'id=7')).toBe(true);
    expect(hasField(ctx, 'metadata.key=client-3')).toBe(true);
    expect(hasField(ctx, 'metadata={"key":"client-3"}')).toBe(true);
    expect(hasField(ctx, 'ok=true')).toBe(true);
    expect(hasField(ctx, 'why=null')).toBe(true);
    expect(hasField(ctx, 'nope=1')).toBe(false);
    expect(hasField(undefined, 'request_id=42')).toBe(false);
  });
});
