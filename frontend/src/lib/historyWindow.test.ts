import { describe, expect, it } from 'vitest';
import { HistoryWindow, type FetchedPage, type PageDescriptor } from './historyWindow';

interface Row { id: number; t: number }

/** An in-memory server with the contract's semantics: opaque cursors that continue one way only. */
function fakeServer(n: number, timeOf = (id: number) => id / 10) {
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({ id: i + 1, t: timeOf(i + 1) }));
  const calls: PageDescriptor[] = [];
  const fetcher = async (d: PageDescriptor, limit: number): Promise<FetchedPage<Row>> => {
    calls.push(d);
    let start: number; // index of first row to return
    let candidates: Row[];
    let filtered = rows;
    if (d.time_min !== undefined) filtered = filtered.filter((r) => r.t >= d.time_min!);
    if (d.time_max !== undefined) filtered = filtered.filter((r) => r.t <= d.time_max!);
    if (d.direction === 'older') {
      candidates = [...filtered].reverse();
      if (d.cursor) {
        const [dir, id] = d.cursor.split(':');
        if (dir !== 'o') throw new Error('cursor used in the wrong direction');
        start = candidates.findIndex((r) => r.id < Number(id));
      } else if (d.around_time !== undefined) {
        start = candidates.findIndex((r) => r.t < d.around_time!);
      } else start = 0;
    } else {
      candidates = filtered;
      if (d.cursor) {
        const [dir, id] = d.cursor.split(':');
        if (dir !== 'n') throw new Error('cursor used in the wrong direction');
        start = candidates.findIndex((r) => r.id > Number(id));
      } else if (d.around_time !== undefined) {
        start = candidates.findIndex((r) => r.t >= d.around_time!);
      } else start = 0;
    }
    if (start < 0) return { items: [], next_cursor: null, total: filtered.length };
    const items = candidates.slice(start, start + limit);
    const more = start + limit < candidates.length;
    const last = items[items.length - 1];
    return { items, next_cursor: more ? `${d.direction === 'older' ? 'o' : 'n'}:${last.id}` : null, total: filtered.length };
  };
  return { fetcher, calls };
}

const ids = (w: HistoryWindow<Row>) => w.rows().map((r) => r.id);

/** A server that answers around_time with `limit` rows before and after the time and cursors both ways. */
function twoSidedServer(n: number) {
  const base = fakeServer(n);
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({ id: i + 1, t: (i + 1) / 10 }));
  const fetcher = async (d: PageDescriptor, limit: number): Promise<FetchedPage<Row>> => {
    if (d.around_time === undefined || d.cursor) return base.fetcher(d, limit);
    const anchor = rows.findIndex((r) => r.t >= d.around_time!);
    if (anchor < 0) return { items: [], next_cursor: null, prev_cursor: null, total: n };
    const items = rows.slice(Math.max(0, anchor - limit), anchor + limit);
    const first = items[0];
    const last = items[items.length - 1];
    return { items, total: n, prev_cursor: first.id > 1 ? `o:${first.id}` : null, next_cursor: last.id < n ? `n:${last.id}` : null };
  };
  return { fetcher };
}

describe('HistoryWindow', () => {
  it('opens at the newest page, oldest first, at the end', async () => {
    const { fetcher } = fakeServer(1000);
    const w = new HistoryWindow(fetcher, (r) => r.id, 100, 3);
    await w.openNewest();
    expect(ids(w)[0]).toBe(901);
    expect(ids(w)[99]).toBe(1000);
    expect(w.atEnd).toBe(true);
    expect(w.atStart).toBe(false);
    expect(w.total).toBe(1000);
  });

  it('scrolls all the way up to #1 and back down to the newest with a bounded window', async () => {
    const { fetcher } = fakeServer(1234);
    const w = new HistoryWindow(fetcher, (r) => r.id, 100, 3);
    await w.openNewest();
    let guard = 0;
    while (!w.atStart && guard++ < 100) {
      await w.loadOlder();
      expect(w.rows().length).toBeLessThanOrEqual(300);
      const r = ids(w);
      // contiguous, ascending
      expect(r[r.length - 1] - r[0]).toBe(r.length - 1);
    }
    expect(ids(w)[0]).toBe(1);
    expect(w.atEnd).toBe(false);
    guard = 0;
    while (!w.atEnd && guard++ < 100) {
      const change = await w.loadNewer();
      if (change) expect(change.evictedTop).toBeGreaterThan(0);
      expect(w.rows().length).toBeLessThanOrEqual(300);
      const r = ids(w);
      expect(r[r.length - 1] - r[0]).toBe(r.length - 1);
    }
    expect(ids(w)[w.rows().length - 1]).toBe(1234);
    // and up again: uses the remembered requests
    await w.loadOlder();
    const r = ids(w);
    expect(r[r.length - 1] - r[0]).toBe(r.length - 1);
  });

  it('opens around a time with rows before and after, and no duplicates', async () => {
    const { fetcher } = fakeServer(1000); // t = id / 10
    const w = new HistoryWindow(fetcher, (r) => r.id, 100, 4);
    await w.openAroundTime(30); // first at or after 30 s is id 300
    const r = ids(w);
    expect(r).toContain(300);
    expect(r).toContain(299);
    expect(new Set(r).size).toBe(r.length);
    expect(r[r.length - 1] - r[0]).toBe(r.length - 1);
    expect(w.rows().find((x) => x.t >= 30)!.id).toBe(300);
    await w.loadNewer();
    await w.loadOlder();
    const r2 = ids(w);
    expect(r2[r2.length - 1] - r2[0]).toBe(r2.length - 1);
  });

  it('uses a two-sided around_time answer with one request and scrolls both ways from it', async () => {
    const { fetcher } = twoSidedServer(1000);
    let calls = 0;
    const counting = (d: PageDescriptor, l: number) => { calls++; return fetcher(d, l); };
    const w = new HistoryWindow(counting, (r) => r.id, 100, 4);
    await w.openAroundTime(30);
    expect(calls).toBe(1);
    expect(ids(w)[0]).toBe(200);
    expect(ids(w)[ids(w).length - 1]).toBe(399);
    while (!w.atStart) await w.loadOlder();
    expect(ids(w)[0]).toBe(1);
    while (!w.atEnd) await w.loadNewer();
    expect(ids(w)[ids(w).length - 1]).toBe(1000);
    while (!w.atStart) await w.loadOlder();
    const r = ids(w);
    expect(r[0]).toBe(1);
    expect(r[r.length - 1] - r[0]).toBe(r.length - 1);
  });

  it('opens at the newest rows when nothing is at or after the time', async () => {
    const { fetcher } = twoSidedServer(100);
    const w = new HistoryWindow(fetcher, (r) => r.id, 50, 4);
    await w.openAroundTime(999);
    expect(ids(w)[ids(w).length - 1]).toBe(100);
    expect(w.atEnd).toBe(true);
  });

  it('opens around a time by bounds (logs)', async () => {
    const { fetcher } = fakeServer(500);
    const w = new HistoryWindow(fetcher, (r) => r.id, 50, 4);
    await w.openAroundTimeByBounds(10);
    const r = ids(w);
    expect(r.filter((x) => x === 100).length).toBe(1);
    expect(r[0]).toBe(51);
    expect(r[r.length - 1]).toBe(149);
    while (!w.atStart) await w.loadOlder();
    expect(ids(w)[0]).toBe(1);
  });

  it('reaches the end when opened at the oldest', async () => {
    const { fetcher } = fakeServer(250);
    const w = new HistoryWindow(fetcher, (r) => r.id, 100, 2);
    await w.openOldest();
    expect(w.atStart).toBe(true);
    while (!w.atEnd) await w.loadNewer();
    expect(ids(w)[ids(w).length - 1]).toBe(250);
    expect(w.pageCount).toBe(2);
  });

  it('handles an empty history', async () => {
    const { fetcher } = fakeServer(0);
    const w = new HistoryWindow(fetcher, (r) => r.id);
    await w.openNewest();
    expect(w.rows()).toEqual([]);
    expect(w.atStart && w.atEnd).toBe(true);
    expect(await w.loadOlder()).toBeNull();
  });

  it('ignores answers that arrive after a clear', async () => {
    let release: () => void = () => {};
    const slow = async (): Promise<FetchedPage<Row>> => {
      await new Promise<void>((r) => (release = r));
      return { items: [{ id: 1, t: 0 }], next_cursor: null, total: 1 };
    };
    const w = new HistoryWindow(slow, (r) => r.id);
    const p = w.openNewest();
    w.clear();
    release();
    await p;
    expect(w.rows()).toEqual([]);
  });
});
