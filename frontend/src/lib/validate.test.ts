import { describe, expect, it } from 'vitest';
import { checkKnown, checkNumber, checkSearch, checkText, checkTime, checkTimeRange, checkWhole } from './validate';

const msg = (c: { ok: boolean; message?: string }) => (c.ok ? null : (c as { message: string }).message);

describe('the rules every input follows', () => {
  it('a time: in the display unit or with its own, never before the start, with the message in the user\'s unit', () => {
    expect(checkTime('1.5', 'h')).toEqual({ ok: true, value: 5400 });
    expect(checkTime('90min', 'h')).toEqual({ ok: true, value: 5400 });
    expect(msg(checkTime('abc', 'h'))).toBe('“abc” is not a time: type a number of hours (e.g. 1.5) or with a unit (90min, 30s)');
    expect(msg(checkTime('-2', 's'))).toBe('“-2” is before the start of the run (0s)');
    expect(msg(checkTime('', 's'))).toMatch(/^type a time/);
    expect(checkTime('', 's', { optional: true })).toEqual({ ok: true, value: null });
    expect(msg(checkTime('1', 'h', { after: { s: 7200, what: 'the current time' } }))).toBe('1.00h is not after the current time (2.00h)');
    expect(msg(checkTime('0', 's', { positive: true }))).toBe('must be more than 0 seconds');
  });
  it('a range: the end after the start, said in the unit typed', () => {
    const r = checkTimeRange('2', '1', 'h');
    expect(r.start.ok).toBe(true);
    expect(msg(r.end)).toBe('the end (1.00h) must be after the start (2.00h)');
    expect(checkTimeRange('', '1', 'h').end).toEqual({ ok: true, value: 3600 });
  });
  it('an event number: digits only (letters are refused, not ignored), after the events processed', () => {
    expect(checkWhole('8,000,000', 'an event number')).toEqual({ ok: true, value: 8_000_000 });
    expect(msg(checkWhole('12a', 'an event number'))).toBe('“12a” is not a whole number: type an event number in digits, e.g. 1000');
    expect(msg(checkWhole('1.5', 'an event number'))).toMatch(/not a whole number/);
    expect(msg(checkWhole('0', 'an event number'))).toBe('an event number must be at least 1');
    expect(msg(checkWhole('100', 'an event number', { after: { n: 497, what: 'the events already processed' } })))
      .toBe('#100 is not after the events already processed (#497)');
  });
  it('a threshold, an event type, an entity, the search box', () => {
    expect(checkNumber('0.5', 'a threshold')).toEqual({ ok: true, value: 0.5 });
    expect(msg(checkNumber('ten', 'a threshold'))).toBe('“ten” is not a number: type a threshold, e.g. 10 or 0.5');
    expect(msg(checkNumber('0x10', 'a threshold'))).toMatch(/not a number/);
    expect(msg(checkText('  ', 'an event type'))).toBe('type an event type');
    expect(checkKnown('Server', ['Server', 'Sink'], 'entity')).toEqual({ ok: true, value: 'Server' });
    expect(msg(checkKnown('serv', ['Server', 'Sink'], 'entity'))).toBe('no entity “serv” — did you mean Server?');
    expect(msg(checkKnown('Serv', ['Probe_Server_depth', 'Server.queue', 'Server', 'Sink'], 'entity'))).toBe('no entity “Serv” — did you mean Server, Server.queue, Probe_Server_depth?');
    expect(msg(checkSearch('=42'))).toBe('“=42” has no field name: type name=value, e.g. request_id=42');
    expect(checkSearch('request_id=42 Server').ok).toBe(true);
  });
});
