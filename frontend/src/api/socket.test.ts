import { describe, expect, it } from 'vitest';
import { backoffDelay, SimSocket, type SocketLike } from './socket';

class FakeWs implements SocketLike {
  readyState = 0;
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  sent: string[] = [];
  send(d: string) { this.sent.push(d); }
  close() { this.readyState = 3; this.onclose?.({} as CloseEvent); }
  openNow() { this.readyState = 1; this.onopen?.({} as Event); }
  drop() { this.readyState = 3; this.onclose?.({} as CloseEvent); }
  push(m: unknown) { this.onmessage?.({ data: JSON.stringify(m) } as MessageEvent); }
}

describe('SimSocket', () => {
  it('backs off from 250 ms to at most 5 s', () => {
    expect(backoffDelay(0)).toBe(250);
    expect(backoffDelay(1)).toBe(500);
    expect(backoffDelay(4)).toBe(4000);
    expect(backoffDelay(20)).toBe(5000);
  });

  it('reconnects after a drop and reports it', () => {
    const sockets: FakeWs[] = [];
    const timers: (() => void)[] = [];
    const statuses: string[] = [];
    const messages: unknown[] = [];
    let reconnects = 0;
    const s = new SimSocket('ws://x/api/ws', {
      onMessage: (m) => messages.push(m),
      onStatus: (st) => statuses.push(st),
      onReconnect: () => reconnects++,
    }, () => { const w = new FakeWs(); sockets.push(w); return w; }, (fn) => { timers.push(fn); return 0 as unknown as ReturnType<typeof setTimeout>; });
    s.connect();
    expect(s.send({ action: 'step' })).toBe(false);
    sockets[0].openNow();
    expect(statuses).toEqual(['open']);
    expect(s.send({ action: 'step', count: 1 })).toBe(true);
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ action: 'step', count: 1 });
    sockets[0].push({ type: 'simulation_complete' });
    expect(messages).toEqual([{ type: 'simulation_complete' }]);
    sockets[0].drop();
    expect(statuses[statuses.length - 1]).toBe('reconnecting');
    timers.shift()!();
    sockets[1].drop();
    timers.shift()!();
    sockets[2].openNow();
    expect(statuses[statuses.length - 1]).toBe('open');
    expect(reconnects).toBe(1);
    s.close();
    expect(timers.length).toBe(0);
  });

  it('says offline after many failures in a row', () => {
    const sockets: FakeWs[] = [];
    const timers: (() => void)[] = [];
    let last = '';
    const s = new SimSocket('ws://x', { onMessage: () => {}, onStatus: (st) => (last = st) },
      () => { const w = new FakeWs(); sockets.push(w); return w; }, (fn) => { timers.push(fn); return 0 as unknown as ReturnType<typeof setTimeout>; });
    s.connect();
    for (let i = 0; i < 8; i++) { sockets[sockets.length - 1].drop(); timers.shift()!(); }
    expect(last).toBe('offline');
    sockets[sockets.length - 1].openNow();
    expect(last).toBe('open');
  });

  it('ignores frames that are not JSON', () => {
    const w = new FakeWs();
    const got: unknown[] = [];
    const s = new SimSocket('ws://x', { onMessage: (m) => got.push(m), onStatus: () => {} }, () => w);
    s.connect();
    w.openNow();
    w.onmessage?.({ data: 'nope' } as MessageEvent);
    expect(got).toEqual([]);
    s.close();
  });
});
