import { afterEach, describe, expect, it } from 'vitest';
import { api, ApiError, buildUrl, maxPointsFor, setFetch, socketUrl } from './client';

describe('buildUrl', () => {
  it('skips empty values and repeats arrays', () => {
    expect(buildUrl('api/events', { limit: 100, cursor: null, search: '', event_type: ['Request', 'Response'], exclude_internal: true }))
      .toBe('api/events?limit=100&event_type=Request&event_type=Response&exclude_internal=true');
    expect(buildUrl('api/state')).toBe('api/state');
  });
});

describe('maxPointsFor', () => {
  it('is 2 per pixel within [2, 20000]', () => {
    expect(maxPointsFor(300)).toBe(600);
    expect(maxPointsFor(0)).toBe(2);
    expect(maxPointsFor(50000)).toBe(20000);
    expect(maxPointsFor(Number.NaN)).toBe(2);
  });
});

describe('socketUrl', () => {
  it('is relative to the page, ws or wss', () => {
    expect(socketUrl({ href: 'http://localhost:9080/' })).toBe('ws://localhost:9080/api/ws');
    expect(socketUrl({ href: 'https://h/app/index.html?x=1#y' })).toBe('wss://h/app/api/ws');
  });
});

describe('requests', () => {
  const calls: { url: string; init?: RequestInit }[] = [];
  afterEach(() => { calls.length = 0; });
  it('sends filters and paging to /api/events, and the server error text on failure', async () => {
    setFetch((async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      if (url.startsWith('api/events/count')) return new Response(JSON.stringify({ error: 'time_min must be <= time_max' }), { status: 400 });
      return new Response(JSON.stringify({ events: [], next_cursor: null, total: 0 }), { status: 200 });
    }) as typeof fetch);
    await api.events({ event_type: ['Request'], exclude_internal: true, time_min: 30 }, { direction: 'newer', around_time: 30, limit: 50 });
    expect(calls[0].url).toBe('api/events?event_type=Request&time_min=30&exclude_internal=true&direction=newer&limit=50&around_time=30');
    await api.events({}, { direction: 'older', cursor: 'abc', around_time: 30 });
    expect(calls[1].url).toBe('api/events?cursor=abc&direction=older&limit=100');
    await expect(api.eventCount({ time_min: 5, time_max: 1 })).rejects.toEqual(new ApiError(400, 'time_min must be <= time_max'));
  });
  it('posts breakpoints as JSON and accepts 204 on delete', async () => {
    setFetch((async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return init?.method === 'DELETE' ? new Response(null, { status: 204 }) : new Response(JSON.stringify({ id: 'b1', kind: 'time', time_s: 3, one_shot: true }), { status: 201 });
    }) as typeof fetch);
    const bp = await api.addBreakpoint({ kind: 'time', time_s: 3 });
    expect(bp.id).toBe('b1');
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ kind: 'time', time_s: 3 });
    await api.removeBreakpoint('b1');
    expect(calls[1].url).toBe('api/breakpoints/b1');
  });
});
