import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../api/types';
import { buildLifeline, ownerOf, type EntityInfo } from './lifeline';

/** Event rows as the simulator records them (from bursty-mm1, retrying-client and degraded-network runs). */
function ev(id: number, t: number, type: string, target: string, source: string | null, context?: Record<string, unknown>, internal = false): RecordedEvent {
  return { event_id: id, time_s: t, event_type: type, target_name: target, source_name: source, is_internal: internal, ...(context ? { context } : {}) };
}

const nodes: Record<string, string> = { Source: 'source', Server: 'queued_resource', Sink: 'sink', Client: 'client', Requests: 'source', 'Client-Server': 'network' };
const info: EntityInfo = { isNode: (n) => n in nodes, category: (n) => nodes[n] };
const req = { created_at: 0.15, request_id: 3, metadata: {}, id: '19' };

describe('a request lifeline', () => {
  it('names the parts of an entity as the entity', () => {
    expect(ownerOf('Server.worker', info)).toBe('Server');
    expect(ownerOf('Client-Server', info)).toBe('Client-Server');
    expect(ownerOf('Nope.part', info)).toBe('Nope');
  });

  it('an M/M/1 request: queued, in service, passed on; stage durations are the event time differences', () => {
    const l = buildLifeline([
      ev(32, 0.29, 'Response', 'Sink', 'Server.worker', req),
      ev(18, 0.15, 'Request', 'Server', 'Source', req),
      ev(28, 0.21, 'Request', 'Server.worker', 'Server.driver', req),
      ev(31, 0.29, 'Request', 'Server.worker', 'Server.worker', req),
    ], info);
    expect(l.events.map((e) => e.event_id)).toEqual([18, 28, 31, 32]);
    expect(l.stages.map((s) => [s.kind, s.name])).toEqual([
      ['queued', 'queued at Server'], ['service', 'in service at Server'], ['handoff', 'passed on by Server'],
    ]);
    expect(l.stages.map((s) => s.duration_s)).toEqual([0.21 - 0.15, 0.29 - 0.21, 0]);
    expect([l.start_s, l.end_s]).toEqual([0.15, 0.29]);
  });

  it('the queue\'s own hand-over (shown with Internal) is still time queued', () => {
    const l = buildLifeline([
      ev(18, 0.15, 'Request', 'Server', 'Source', req),
      ev(27, 0.21, 'QUEUE_DELIVER', 'Server.driver', 'Server.queue', req, true),
      ev(28, 0.21, 'Request', 'Server.worker', 'Server.driver', req),
    ], info);
    expect(l.stages.map((s) => s.name)).toEqual(['queued at Server', 'queued at Server']);
  });

  it('a retried request: the timeout, the retry, the second attempt\'s service, the first attempt\'s late end', () => {
    const c = (attempt?: number) => ({ created_at: 0.2, request_id: 1, ...(attempt ? { attempt } : {}) });
    const l = buildLifeline([
      ev(2, 0.2, 'Request', 'Client', 'Requests', c()),
      ev(3, 0.2, 'Request', 'Server', 'Client', c(1)),
      ev(7, 0.2, 'Request', 'Server.worker', 'Server.driver', c(1)),
      ev(8, 0.27, 'client_timeout', 'Client', 'Client', c(1)),
      ev(9, 0.3, 'client_retry', 'Client', 'Client', { request_id: 1, attempt: 2 }),
      ev(10, 0.3, 'Request', 'Server', 'Client', c(2)),
      ev(14, 0.3, 'Request', 'Server.worker', 'Server.driver', c(2)),
      ev(15, 0.31, 'Request', 'Server.worker', 'Server.worker', c(2)),
      ev(16, 0.31, 'client_reply', 'Client', 'Server.worker', c(2)),
      ev(18, 0.312, 'Request', 'Server.worker', 'Server.worker', c(1)),
    ], info);
    expect(l.attempts).toEqual([1, 2]);
    expect(l.stages.map((s) => `${s.attempt ?? '-'} ${s.name}`)).toEqual([
      '1 passed on by Client', '1 queued at Server', '1 waiting for a reply (Client timed out)', '2 waiting for a retry',
      '2 passed on by Client', '2 queued at Server', '2 in service at Server', '2 passed on by Server', '1 in service at Server',
    ]);
    expect(l.stages[3].duration_s).toBeCloseTo(0.03, 12);
    // attempt 1's service end comes after attempt 2's events: it was in service since #7, not since #16
    expect(l.stages.map((s) => s.attemptSince?.event_id ?? null)).toEqual([null, null, null, null, null, null, null, null, 7]);
  });

  it('across a network link: in transit, there and back', () => {
    const c = { request_id: 30, attempt: 1 };
    const l = buildLifeline([
      ev(380, 0.6, 'Request', 'Client-Server', 'Client', c),
      ev(381, 0.6006, 'Request', 'Client-Server', 'Client-Server', c),
      ev(382, 0.6006, 'Request', 'Server', 'Client-Server', c),
      ev(386, 0.6006, 'Request', 'Server.worker', 'Server.driver', c),
      ev(387, 0.603448, 'Request', 'Server.worker', 'Server.worker', c),
      ev(389, 0.604048, 'reply', 'Client-Server', 'Server.worker', c),
      ev(390, 0.604048, 'client_reply', 'Client', 'Client-Server', c),
    ], info);
    expect(l.stages.map((s) => s.kind)).toEqual(['transit', 'transit', 'queued', 'service', 'transit', 'transit']);
    expect(l.stages[0].name).toBe('in transit via Client-Server');
    expect(l.stages[4].name).toBe('in transit via Client-Server');
  });
});
