import { describe, expect, it } from 'vitest';
import { initialFilters } from '../store/filters';
import { readUrl, writeUrl } from './urlState';

describe('the view in the URL', () => {
  it('writes nothing for the defaults', () => {
    expect(writeUrl({ range: { start_s: null, end_s: null }, filters: initialFilters })).toBe('');
    expect(readUrl('')).toEqual({ range: { start_s: null, end_s: null }, filters: { ...initialFilters, focusSearch: undefined } as never });
  });
  it('reads back what it wrote: range, filters, search, modes, Internal, a followed request', () => {
    const view = {
      range: { start_s: 12.5, end_s: 30 },
      filters: {
        ...initialFilters,
        events: { types: ['Request', 'Response'], entity: 'Server', search: 'request_id=42 slow path', tMin: '1.5', tMax: '2h' },
        eventsMode: 'history' as const,
        showInternal: true,
        logs: { level: 'WARNING' as const, logger: 'core', search: 'pause' },
        logsMode: 'history' as const,
        follow: '42',
      },
    };
    const q = writeUrl(view);
    expect(q).toContain('range=12.5_30');
    expect(q).toContain('q=request_id%3D42+slow+path');
    const back = readUrl(q);
    expect(back.range).toEqual(view.range);
    const { focusSearch: _f, ...filters } = view.filters;
    expect(back.filters).toEqual(filters);
  });
  it('keeps the keys that are not the view\'s (a what-if run\'s scenario, seed and values) and replaces its own', () => {
    const view = { range: { start_s: 1, end_s: 2 }, filters: { ...initialFilters, events: { ...initialFilters.events, search: 'request_id=7' } } };
    const q = new URLSearchParams(writeUrl(view, '?scenario=mmc-cluster&seed=7&p.arrival_rate=15&range=5_6&q=old'));
    expect([...q.entries()]).toEqual([['scenario', 'mmc-cluster'], ['seed', '7'], ['p.arrival_rate', '15'], ['range', '1_2'], ['q', 'request_id=7']]);
    expect(writeUrl({ range: { start_s: null, end_s: null }, filters: initialFilters }, '?scenario=a&range=1_2')).toBe('?scenario=a');
    expect(writeUrl({ range: { start_s: null, end_s: null }, filters: initialFilters }, '?range=1_2')).toBe('');
  });
  it('an open end stays open; a range that makes no sense is dropped', () => {
    expect(readUrl('?range=_30').range).toEqual({ start_s: null, end_s: 30 });
    expect(readUrl('?range=10_').range).toEqual({ start_s: 10, end_s: null });
    expect(readUrl('?range=30_10').range).toEqual({ start_s: null, end_s: null });
    expect(readUrl('?range=abc_-1').range).toEqual({ start_s: null, end_s: null });
    expect(readUrl('?level=LOUD').filters.logs.level).toBe('DEBUG');
  });
});
