import { describe, expect, it } from 'vitest';
import { describeHealth, fetchHealth, type Health } from './health';

const up: Health = { status: 'UP', store: 'wal', db_path: '/tmp/x.db', drains: 3, error: null };

describe('describeHealth', () => {
  it('says connecting before the first answer', () => {
    expect(describeHealth(null)).toBe('connecting…');
  });
  it('names the journal mode when up', () => {
    expect(describeHealth(up)).toBe('server up · store wal');
  });
  it('passes the server error through when down', () => {
    expect(describeHealth({ ...up, status: 'DOWN', store: null, error: 'disk full' })).toBe('server degraded · disk full');
  });
  it('reports a network failure over any answer', () => {
    expect(describeHealth(up, 'Failed to fetch')).toBe('server unreachable: Failed to fetch');
  });
});

describe('fetchHealth', () => {
  it('reads the body of a 503 too', async () => {
    const fake = (async () => new Response(JSON.stringify({ ...up, status: 'DOWN' }), { status: 503 })) as typeof fetch;
    expect((await fetchHealth(fake)).status).toBe('DOWN');
  });
});
