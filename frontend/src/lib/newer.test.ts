import { describe, expect, it } from 'vitest';
import { newerRows, nextBaseline } from './newer';

describe('newer rows than the newest shown', () => {
  it('a counted page compares its total with the latest count', () => {
    expect(newerRows(100, 500, { total: 130, last_id: 530 }, null)).toBe(30);
    expect(newerRows(100, 500, { total: 100, last_id: 500 }, null)).toBe(0);
  });

  it('nothing is newer when the view is not at the end or no count came yet', () => {
    expect(newerRows(100, null, { total: 130, last_id: 530 }, null)).toBe(0);
    expect(newerRows(null, 500, null, null)).toBe(0);
  });

  it('an uncounted page counts from the count that saw its newest row', () => {
    let baseline = nextBaseline(null, { total: 40, last_id: 500 }, 500);
    expect(baseline).toEqual({ id: 500, total: 40 });
    expect(newerRows(null, 500, { total: 40, last_id: 500 }, baseline)).toBe(0);
    baseline = nextBaseline(baseline, { total: 47, last_id: 620 }, 500);
    expect(newerRows(null, 500, { total: 47, last_id: 620 }, baseline)).toBe(7);
  });

  it('without such a count it knows only that newer rows exist', () => {
    const baseline = nextBaseline(null, { total: 47, last_id: 620 }, 500);
    expect(baseline).toBeNull();
    expect(newerRows(null, 500, { total: 47, last_id: 620 }, baseline)).toBe('some');
    expect(newerRows(null, 500, { total: 0, last_id: null }, baseline)).toBe(0);
  });

  it('a baseline of another newest row does not count for this one', () => {
    const old = { id: 400, total: 30 };
    expect(newerRows(null, 500, { total: 47, last_id: 620 }, old)).toBe('some');
    expect(nextBaseline(old, { total: 47, last_id: 620 }, 500)).toBe(old);
  });
});
